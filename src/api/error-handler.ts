/**
 * The one place where HTTP errors take OpenAI's shape: thrown errors, Fastify's own client errors,
 * and unknown routes.
 */
import type { FastifyInstance } from 'fastify'
import { drainRequest } from './drain-request.ts'
import { createErrorBody, translateError } from './openai-error.ts'

/** Installs the error and not-found handlers; internal failures are logged with the request id. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    const translated = translateError(error)
    if (translated.status === 413) {
      // The client may still be sending the body: read the rest so it can read the answer.
      await drainRequest(request.raw)
      reply.header('connection', 'close')
    }
    if (translated.isInternal) {
      request.log.error({ err: error }, 'request failed')
    } else if (translated.status >= 500) {
      // An upstream error's cause holds the whole model request: log what the client was told.
      request.log.warn(
        {
          status: translated.status,
          code: translated.body.error.code,
          message: translated.body.error.message,
        },
        'request failed',
      )
    } else {
      request.log.info(
        { status: translated.status, message: translated.body.error.message },
        'request rejected',
      )
    }
    return reply.code(translated.status).type('application/json; charset=utf-8').send(translated.body)
  })

  app.setNotFoundHandler((request, reply) => {
    const message = `Unknown route: ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}`
    return reply.code(404).send(createErrorBody(404, message, 'unknown_route'))
  })
}
