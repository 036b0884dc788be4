/**
 * The typed errors of Jasque. Core code throws these; they are translated in exactly two places:
 * into a tool result the model can read (agent/tools) and into OpenAI's error body (api/).
 */

export interface AppErrorOptions {
  cause?: unknown
  /** Extra structured facts safe to show to a client or the model (never internals). */
  details?: Record<string, unknown>
}

/** Base class: a stable machine `code`, an HTTP `status`, a message written for the reader. */
export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly details: Record<string, unknown> | undefined

  constructor(code: string, status: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.status = status
    this.details = options.details
  }
}

export class InvalidInputError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('invalid_input', 400, message, options)
  }
}

export class AccessDeniedError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('access_denied', 403, message, options)
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('not_found', 404, message, options)
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('conflict', 409, message, options)
  }
}

/** The file changed since the caller read it (expected hash mismatch); nothing was written. */
export class StaleWriteError extends AppError {
  constructor(message = 'Note changed since it was read; read it again', options?: AppErrorOptions) {
    super('stale_write', 409, message, options)
  }
}

/** A dependency (database, LLM provider) is missing or down; the request may succeed later. */
export class UnavailableError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('unavailable', 503, message, options)
  }
}

export type UpstreamKind = 'rate_limit' | 'timeout' | 'failure'

/** The LLM provider failed: 429 when it rate-limits, 504 on timeout, 502 otherwise. */
export class UpstreamError extends AppError {
  readonly kind: UpstreamKind

  constructor(kind: UpstreamKind, message: string, options?: AppErrorOptions) {
    const status = kind === 'rate_limit' ? 429 : kind === 'timeout' ? 504 : 502
    super(`upstream_${kind}`, status, message, options)
    this.kind = kind
  }
}

/** Invalid configuration: every problem in one message; the process exits with code 2. */
export class ConfigError extends AppError {
  readonly problems: string[]

  constructor(problems: string[]) {
    super('config_invalid', 500, `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.problems = problems
  }
}

/** True when `error` is an AppError (or subclass). */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

/** A message for any thrown value, for logs and results. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
