/**
 * What a failed model call leaves in the log: provider, HTTP status, the provider's request id
 * and how many attempts were made. Never the error object itself: the AI SDK's errors carry the
 * whole request (system prompt, tool schemas, the user's messages) and the response body.
 */
import { APICallError, RetryError } from 'ai'

export interface ModelFailureLog {
  provider: string
  status: number | undefined
  providerRequestId: string | undefined
  attempts: number
  /** The error's class and code, e.g. `AI_APICallError`: no message, which may quote content. */
  errorName: string
}

// Anthropic sends `request-id`, OpenAI and most compatible servers `x-request-id`.
const REQUEST_ID_HEADERS = ['request-id', 'x-request-id', 'x-goog-request-id', 'cf-ray']

export function describeModelFailure(error: unknown, provider: string): ModelFailureLog {
  const attempts = RetryError.isInstance(error) ? error.errors.length : 1
  const last = RetryError.isInstance(error) ? error.lastError : error
  const headers = APICallError.isInstance(last) ? (last.responseHeaders ?? {}) : {}
  const header = REQUEST_ID_HEADERS.find((name) => headers[name] !== undefined)
  return {
    provider,
    status: APICallError.isInstance(last) ? last.statusCode : undefined,
    providerRequestId: header === undefined ? undefined : headers[header],
    attempts,
    errorName: last instanceof Error ? last.name : typeof last,
  }
}
