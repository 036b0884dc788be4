/**
 * OpenAI's error body and the one translation of any thrown value into it, shared by the HTTP
 * error handler and the SSE stream (where an error after the first chunk becomes an `error` chunk).
 */
import { isAppError } from '../errors.ts'

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null }
}

export interface TranslatedError {
  status: number
  body: OpenAIErrorBody
  /** True when the failure is ours (a bug), so the caller logs it at error level. */
  isInternal: boolean
}

const INTERNAL_MESSAGE = 'The server had an error while processing your request.'

/** Builds `{"error":{message,type,param,code}}` with the type OpenAI clients expect for `status`. */
export function createErrorBody(
  status: number,
  message: string,
  code: string | null = null,
  param: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type: errorTypeFor(status), param, code } }
}

function errorTypeFor(status: number): string {
  if (status === 401) return 'invalid_request_error'
  if (status === 403) return 'permission_error'
  if (status === 429) return 'rate_limit_error'
  if (status === 503) return 'service_unavailable_error'
  if (status === 502 || status === 504) return 'upstream_error'
  if (status >= 500) return 'server_error'
  return 'invalid_request_error'
}

interface FastifyLikeError {
  code?: unknown
  statusCode?: unknown
  message?: unknown
  validation?: Array<{ instancePath?: string; message?: string }>
}

/**
 * Translates an error into a status and OpenAI body: AppError keeps its status and message,
 * Fastify's client errors (validation, JSON parse, body size, media type) stay 4xx, and anything
 * else is a 500 whose message reveals nothing of the internals.
 */
export function translateError(error: unknown): TranslatedError {
  if (isAppError(error)) {
    const param = typeof error.details?.param === 'string' ? error.details.param : null
    return {
      status: error.status,
      body: createErrorBody(error.status, error.message, error.code, param),
      isInternal: error.status === 500,
    }
  }
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError
  const status = typeof candidate.statusCode === 'number' ? candidate.statusCode : 500
  if (Array.isArray(candidate.validation)) {
    const first = candidate.validation[0]
    const param = first?.instancePath ? first.instancePath.replace(/^\//, '').replaceAll('/', '.') : null
    const message = `Invalid request body: ${String(candidate.message ?? 'validation failed')}`
    return {
      status: 400,
      body: createErrorBody(400, message, 'invalid_request_body', param),
      isInternal: false,
    }
  }
  if (status >= 400 && status < 500) {
    return {
      status,
      body: createErrorBody(status, clientMessage(candidate, status), codeOf(candidate)),
      isInternal: false,
    }
  }
  return { status: 500, body: createErrorBody(500, INTERNAL_MESSAGE, 'internal_error'), isInternal: true }
}

function codeOf(error: FastifyLikeError): string | null {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'request_too_large'
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type'
  if (error.statusCode === 400) return 'invalid_request_body'
  return null
}

function clientMessage(error: FastifyLikeError, status: number): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'Request body is larger than the 10 MB limit'
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return 'Unsupported Content-Type: send the request body as application/json'
  }
  if (status === 400 && error.code !== undefined && String(error.code).startsWith('FST_ERR_CTP')) {
    return `Invalid request body: ${String(error.message ?? 'could not be parsed')}`
  }
  if (error instanceof SyntaxError || (status === 400 && typeof error.message === 'string')) {
    return `Invalid request body: ${String(error.message)}`
  }
  return typeof error.message === 'string' && error.message !== '' ? error.message : 'Invalid request'
}
