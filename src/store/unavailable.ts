/**
 * Tells "the database is down or unreachable" apart from every other database error, so callers
 * get UnavailableError (HTTP 503, retry later) only when waiting can help.
 */
import { UnavailableError } from '../errors.ts'

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOENT', // a Unix socket that is gone while the server is stopped
])

// SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention
// (57P01 admin shutdown, 57P03 cannot connect now).
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/

// SQLite result codes (low byte of node:sqlite's `errcode`) where waiting or freeing space helps:
// BUSY and LOCKED (another process held the write lock past the busy timeout), IOERR, FULL, CANTOPEN.
const UNAVAILABLE_SQLITE_CODES = new Set([5, 6, 10, 13, 14])

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'connection error',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end',
]

function* causes(error: unknown): Generator<unknown> {
  let current = error
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    yield current
    current = (current as { cause?: unknown }).cause
  }
}

/** True when `error` (or one of its causes) means the database cannot be reached right now. */
export function isConnectionError(error: unknown): boolean {
  for (const item of causes(error)) {
    if (item instanceof UnavailableError) return true
    if (typeof item !== 'object' || item === null) continue
    const { code, message, errcode } = item as { code?: unknown; message?: unknown; errcode?: unknown }
    if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') {
      return UNAVAILABLE_SQLITE_CODES.has(errcode & 0xff)
    }
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) {
      return true
    }
    if (item instanceof AggregateError && item.errors.some(isConnectionError)) return true
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((text) => message.includes(text))) {
      return true
    }
  }
  return false
}

/** The innermost message of a wrapped error. */
export function rootMessage(error: unknown): string {
  let message = String(error)
  for (const item of causes(error)) {
    if (item instanceof AggregateError && item.errors.length > 0) {
      message = rootMessage(item.errors[0])
    } else if (item instanceof Error && item.message !== '') {
      message = item.message
    }
  }
  return message.split('\n')[0] ?? message
}

/** Maps a driver error to UnavailableError when the database is down; returns others as they are. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof UnavailableError || !isConnectionError(error)) return error
  return new UnavailableError(`database unavailable: ${rootMessage(error)}`, { cause: error })
}

/** Runs `action`, turning connection failures into UnavailableError. */
export async function guardAvailability<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    throw toStoreError(error)
  }
}
