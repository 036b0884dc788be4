/**
 * `POST /api/v1/chat/test`: one agent run from a single message, answered as plain JSON, for quick
 * checks with curl.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Agent } from '../agent/index.ts'
import { InvalidInputError } from '../errors.ts'
import { collectCompletion } from './collect-completion.ts'
import { toOpenAIUsage } from './openai-stream.ts'
import { createRunSignal } from './run-signal.ts'

const chatTestBodySchema = z.looseObject({ message: z.string().describe('What to ask Jasque') })

const chatTestResponseSchema = z.object({
  response: z.string(),
  model: z.string().describe('The underlying model, provider:model'),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
})

/** Registers the quick-check route. */
export function registerChatTest(
  app: FastifyInstance,
  options: { agent: Agent; requestTimeoutMs: number },
): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/chat/test',
    {
      schema: {
        summary: 'One agent run from a single message',
        tags: ['Jasque'],
        security: [{ bearerAuth: [] }],
        body: chatTestBodySchema,
        response: { 200: chatTestResponseSchema },
      },
    },
    async (request, reply) => {
      const prompt = request.body.message
      if (prompt.trim() === '')
        throw new InvalidInputError('message must not be empty', { details: { param: 'message' } })
      options.agent.assertReady()
      const runSignal = createRunSignal(reply, options.requestTimeoutMs)
      try {
        const completion = await collectCompletion(
          options.agent.run(
            {
              prompt,
              history: [],
              clientInstructions: [],
              requestId: request.id,
              source: { kind: 'api', requestId: request.id },
            },
            runSignal.signal,
          ),
        )
        if (completion.finishReason === 'aborted') {
          if (runSignal.isTimedOut()) throw runSignal.timeoutError()
          return (reply as FastifyReply).code(499).send()
        }
        return {
          response: completion.text,
          model: options.agent.modelId,
          usage: toOpenAIUsage(completion.usage),
        }
      } finally {
        runSignal.dispose()
      }
    },
  )
}
