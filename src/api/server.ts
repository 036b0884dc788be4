/**
 * Listening and graceful shutdown. Without an API key the server binds to loopback only, whatever
 * HOST says; on SIGTERM/SIGINT streams in flight may finish before the server closes.
 */
import type { EventEmitter } from 'node:events'
import type { FastifyInstance } from 'fastify'
import type { Logger } from '../log.ts'

export interface StartServerOptions {
  host: string
  port: number
  apiKey: string | undefined
  log: Logger
}

/** Starts listening; returns the address (`http://127.0.0.1:8123`). */
export async function startServer(app: FastifyInstance, options: StartServerOptions): Promise<string> {
  let host = options.host
  // Security: an open API without a key must not be reachable from the network.
  if (options.apiKey === undefined) {
    options.log.warn(
      { requestedHost: options.host },
      'JASQUE_API_KEY is not set: listening on 127.0.0.1 only; set JASQUE_API_KEY to accept other hosts',
    )
    host = '127.0.0.1'
  }
  // Fastify logs its own "Server listening at" line at info; ours below carries the port as a
  // field, so Fastify's is muted for the moment of the listen call ("listening" appears once).
  const level = app.log.level
  if (['trace', 'debug', 'info'].includes(level)) app.log.level = 'warn'
  let address: string
  try {
    address = await app.listen({ host, port: options.port })
  } finally {
    app.log.level = level
  }
  options.log.info({ address, port: Number(new URL(address).port) }, 'listening')
  return address
}

export interface GracefulShutdownOptions {
  /** How long streams in flight may take before their connections are closed. */
  timeoutMs: number
  /** Runs after the server closed: close the store, the watcher, flush traces. */
  onClose?: () => Promise<void> | void
  log: Logger
  /** Where the signals come from; `process` by default (an EventEmitter in tests). */
  signals?: Pick<EventEmitter, 'on' | 'off'>
}

/**
 * On the first SIGTERM/SIGINT stops accepting connections, waits for requests in flight up to
 * `timeoutMs`, closes the rest, then runs `onClose`. It never calls `process.exit`: the process
 * ends when its event loop is empty, after buffered spans are sent. A second signal cuts the wait.
 * Returns a function that removes the signal handlers.
 */
export function installGracefulShutdown(app: FastifyInstance, options: GracefulShutdownOptions): () => void {
  const signals = options.signals ?? process
  let closing: Promise<void> | undefined
  const forceClose = () => {
    app.server.closeAllConnections()
  }
  const onSignal = (signal: string) => {
    if (closing !== undefined) {
      options.log.warn({ signal }, 'second signal: closing open connections now')
      forceClose()
      return
    }
    options.log.info({ signal, timeoutMs: options.timeoutMs }, 'shutting down')
    const timer = setTimeout(() => {
      options.log.warn('shutdown timeout reached: closing open connections')
      forceClose()
    }, options.timeoutMs)
    // A keep-alive socket whose stream just finished would otherwise hold the server open.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
    closing = app
      .close()
      .then(() => options.onClose?.())
      .then(() => options.log.info('shutdown complete'))
      .catch((error: unknown) => options.log.error({ err: error }, 'shutdown failed'))
      .finally(() => {
        clearTimeout(timer)
        clearInterval(sweep)
        remove()
      })
  }
  const onTerm = () => onSignal('SIGTERM')
  const onInt = () => onSignal('SIGINT')
  const remove = () => {
    signals.off('SIGTERM', onTerm)
    signals.off('SIGINT', onInt)
  }
  signals.on('SIGTERM', onTerm)
  signals.on('SIGINT', onInt)
  return remove
}
