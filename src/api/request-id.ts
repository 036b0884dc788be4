/**
 * Request ids: a valid incoming `X-Request-ID` is kept so a caller can follow its request through
 * the logs; anything else is replaced by a new UUID. Every response carries the header.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'

export const REQUEST_ID_HEADER = 'x-request-id'

// Security: the id is echoed in headers and logs, so only short, plain tokens are accepted.
const VALID_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/** Returns the incoming request id when valid, else a new UUID. */
export function resolveRequestId(incoming: unknown): string {
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/** Fastify's `genReqId` option. */
export function generateRequestId(request: IncomingMessage): string {
  return resolveRequestId(request.headers[REQUEST_ID_HEADER])
}

/** Adds `X-Request-ID` to every response, before any other hook can answer. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-ID', request.id)
  })
}
