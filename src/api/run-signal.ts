/**
 * The AbortSignal of one agent run: aborted when the client goes away before the response ends,
 * or when the request outlives REQUEST_TIMEOUT_MS.
 */
import type { FastifyReply } from 'fastify'
import { AppError } from '../errors.ts'

export interface RunSignal {
  signal: AbortSignal
  isClientGone(): boolean
  isTimedOut(): boolean
  /** The error to answer with when the run stopped on the deadline. */
  timeoutError(): AppError
  dispose(): void
}

/** Ties a run to its reply: a 'close' before the response ended means the client disconnected. */
export function createRunSignal(reply: FastifyReply, timeoutMs: number): RunSignal {
  const controller = new AbortController()
  let isClientGone = false
  let isTimedOut = false
  const onClose = () => {
    if (reply.raw.writableEnded) return
    isClientGone = true
    controller.abort(new Error('client disconnected'))
  }
  reply.raw.on('close', onClose)
  const timer = setTimeout(() => {
    isTimedOut = true
    controller.abort(new Error('request timed out'))
  }, timeoutMs)
  return {
    signal: controller.signal,
    isClientGone: () => isClientGone,
    isTimedOut: () => isTimedOut,
    timeoutError: () =>
      new AppError(
        'request_timeout',
        504,
        `The request took longer than ${timeoutMs} ms (REQUEST_TIMEOUT_MS)`,
      ),
    dispose: () => {
      clearTimeout(timer)
      reply.raw.off('close', onClose)
    },
  }
}
