/**
 * `GET /v1/models`: the single model Jasque answers as, so OpenAI clients can list and pick it.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { NotFoundError } from '../errors.ts'
import { PUBLIC_MODEL_ID } from './chat-completions.ts'

const modelSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number(),
  owned_by: z.string(),
})

/** Registers `GET /v1/models` and `GET /v1/models/:model`; `created` is the server's start time. */
export function registerModels(app: FastifyInstance, createdAt: Date): void {
  const model = {
    id: PUBLIC_MODEL_ID,
    object: 'model' as const,
    created: Math.floor(createdAt.getTime() / 1000),
    owned_by: 'jasque',
  }
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get(
    '/v1/models',
    {
      schema: {
        summary: 'List models',
        tags: ['OpenAI'],
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ object: z.literal('list'), data: z.array(modelSchema) }) },
      },
    },
    async () => ({ object: 'list' as const, data: [model] }),
  )
  typed.get(
    '/v1/models/:model',
    {
      schema: {
        summary: 'Retrieve a model',
        tags: ['OpenAI'],
        security: [{ bearerAuth: [] }],
        params: z.object({ model: z.string() }),
        response: { 200: modelSchema },
      },
    },
    async (request) => {
      if (request.params.model !== PUBLIC_MODEL_ID) {
        throw new NotFoundError(
          `The model '${request.params.model.slice(0, 100)}' does not exist; use '${PUBLIC_MODEL_ID}'`,
        )
      }
      return model
    },
  )
}
