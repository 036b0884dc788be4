/**
 * Turns whatever the AI SDK reports for a failed model call into an UpstreamError with a short
 * message fit for a client: the kind (rate limit, timeout, failure) and the HTTP status of the
 * provider, never URLs, bodies or stack traces (those go to the log).
 */
import { APICallError, RetryError } from 'ai'
import { UpstreamError } from '../errors.ts'

const STATUS_LABELS: Record<number, string> = {
  500: 'internal error',
  502: 'bad gateway',
  503: 'unavailable',
  529: 'overloaded',
}

/** A timeout of our own (`timeoutMs` without a model answer). */
export function createModelTimeoutError(timeoutMs: number): UpstreamError {
  return new UpstreamError(
    'timeout',
    `The model provider did not answer within ${Math.round(timeoutMs / 1000)} s; try again.`,
  )
}

/** Classifies a provider error: 429 → rate_limit, 408/504 or a timeout → timeout, else failure. */
export function toUpstreamError(error: unknown): UpstreamError {
  const last = RetryError.isInstance(error) ? error.lastError : error
  const options = { cause: error }
  if (APICallError.isInstance(last)) {
    const status = last.statusCode
    if (status === 429) {
      return new UpstreamError(
        'rate_limit',
        'The model provider is rate-limiting requests (HTTP 429); wait a moment and try again.',
        { ...options, details: { providerStatus: status } },
      )
    }
    if (status === 408 || status === 504) {
      return new UpstreamError('timeout', `The model provider timed out (HTTP ${status}); try again.`, {
        ...options,
        details: { providerStatus: status },
      })
    }
    if (status === undefined || (status >= 200 && status < 300)) {
      // The response started fine and then broke off (connection closed, malformed stream).
      return new UpstreamError(
        'failure',
        'The model provider stopped answering mid-response; try again.',
        options,
      )
    }
    const label = STATUS_LABELS[status]
    return new UpstreamError(
      'failure',
      `The model provider failed (HTTP ${status}${label === undefined ? '' : ` ${label}`}); try again later.`,
      { ...options, details: { providerStatus: status } },
    )
  }
  if (isTimeout(last)) {
    return new UpstreamError('timeout', 'The model provider did not answer in time; try again.', options)
  }
  return new UpstreamError(
    'failure',
    'The model provider could not be reached or failed; try again later.',
    options,
  )
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || /timed? ?out/i.test(error.message))
}
