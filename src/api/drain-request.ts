import type { IncomingMessage } from 'node:http'

/** How much of a refused body is read and dropped so the client still sending it sees the answer. */
export const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024

/**
 * Reads and drops the rest of a request body, up to `limitBytes`. Answering while a client is still
 * sending and then closing the connection makes it fail with EPIPE or a reset before it reads the
 * answer (the `openai` client then reports a connection error instead of the 413). A body beyond
 * the limit, or a client that stops sending (REQUEST_TIMEOUT_MS), still ends with the connection.
 */
export function drainRequest(raw: IncomingMessage, limitBytes = DRAIN_LIMIT_BYTES): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    let seen = 0
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > limitBytes) finish()
    }
    const finish = () => {
      raw.off('data', onData)
      raw.off('end', finish)
      raw.off('close', finish)
      raw.off('error', finish)
      resolve()
    }
    raw.on('data', onData)
    raw.once('end', finish)
    raw.once('close', finish)
    raw.once('error', finish)
    raw.resume()
  })
}
