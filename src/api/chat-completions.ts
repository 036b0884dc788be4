/**
 * `POST /v1/chat/completions`: OpenAI-compatible chat backed by one agent run, as JSON or as
 * server-sent events.
 */
import { randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Agent, AgentRequest } from '../agent/index.ts'
import {
  type ChatCompletionBody,
  chatCompletionBodySchema,
  chatCompletionResponseSchema,
} from './chat-completion-schema.ts'
import { collectCompletion } from './collect-completion.ts'
import { translateError } from './openai-error.ts'
import { toAgentRequest } from './openai-messages.ts'
import { formatErrorFrames, toOpenAIUsage, writeCompletionStream } from './openai-stream.ts'
import { createRunSignal, type RunSignal } from './run-signal.ts'

/** The model name every answer carries, whatever the client asked for. */
export const PUBLIC_MODEL_ID = 'jasque'

export interface ChatCompletionsOptions {
  agent: Agent
  maxConversationMessages: number
  requestTimeoutMs: number
  keepAliveMs?: number
  /** JASQUE_STREAM_PROGRESS; `auto` shows tool progress to Obsidian only. */
  streamProgress?: 'auto' | 'think' | 'off'
}

/** Obsidian's app origin, sent by Obsidian Copilot's requests. */
const OBSIDIAN_ORIGIN = 'app://obsidian.md'

/** A completion id as OpenAI formats them: `chatcmpl-` and 24 hex digits. */
export function createCompletionId(): string {
  return `chatcmpl-${randomBytes(12).toString('hex')}`
}

/** Registers the chat completions route. */
export function registerChatCompletions(app: FastifyInstance, options: ChatCompletionsOptions): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/chat/completions',
    {
      schema: {
        summary: 'Chat with Jasque (OpenAI Chat Completions)',
        description:
          'The last user message is the prompt; earlier messages are the history. With `stream: true` the answer comes as server-sent `chat.completion.chunk` events ending with `data: [DONE]`.',
        tags: ['OpenAI'],
        security: [{ bearerAuth: [] }],
        body: chatCompletionBodySchema,
        response: { 200: chatCompletionResponseSchema },
      },
    },
    async (request, reply) => {
      const agentRequest = toAgentRequest(request.body, {
        maxConversationMessages: options.maxConversationMessages,
        requestId: request.id,
        client: request.headers['user-agent'],
      })
      options.agent.assertReady()
      const runSignal = createRunSignal(reply, options.requestTimeoutMs)
      try {
        if (request.body.stream === true) {
          return await streamCompletion(request, reply, agentRequest, runSignal, options)
        }
        return await completeOnce(reply, agentRequest, runSignal, options.agent)
      } finally {
        if (request.body.stream !== true) runSignal.dispose()
      }
    },
  )
}

async function completeOnce(
  reply: FastifyReply,
  agentRequest: AgentRequest,
  runSignal: RunSignal,
  agent: Agent,
) {
  const completion = await collectCompletion(agent.run(agentRequest, runSignal.signal))
  if (completion.finishReason === 'aborted') {
    if (runSignal.isTimedOut()) throw runSignal.timeoutError()
    return reply.code(499).send()
  }
  return {
    id: createCompletionId(),
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: PUBLIC_MODEL_ID,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: completion.text },
        finish_reason: completion.finishReason === 'length' ? ('length' as const) : ('stop' as const),
      },
    ],
    usage: toOpenAIUsage(completion.usage),
  }
}

async function streamCompletion(
  request: FastifyRequest<{ Body: ChatCompletionBody }>,
  reply: FastifyReply,
  agentRequest: AgentRequest,
  runSignal: RunSignal,
  options: ChatCompletionsOptions,
) {
  const stream = new PassThrough()
  // Writes after a disconnect are dropped; the run is already being aborted.
  stream.on('error', () => {})
  const write = (frame: string) => {
    if (!stream.destroyed && !stream.writableEnded) stream.write(frame)
  }
  let markStarted = () => {}
  const started = new Promise<'started'>((resolve) => {
    markStarted = () => resolve('started')
  })
  const run = writeCompletionStream(options.agent.run(agentRequest, runSignal.signal), {
    id: createCompletionId(),
    created: Math.floor(Date.now() / 1000),
    model: PUBLIC_MODEL_ID,
    includeUsage: request.body.stream_options?.include_usage === true,
    progress: chooseProgress(options.streamProgress ?? 'auto', request.headers.origin),
    keepAliveMs: options.keepAliveMs,
    write,
    start: () => {
      reply
        .code(200)
        .header('Content-Type', 'text/event-stream; charset=utf-8')
        .header('Cache-Control', 'no-cache, no-transform')
        .header('X-Accel-Buffering', 'no')
        .send(stream)
      markStarted()
    },
  })
  const finished = run.then((result) => {
    if (result.isStarted) {
      if (result.finishReason === 'aborted' && runSignal.isTimedOut()) {
        write(formatErrorFrames(translateError(runSignal.timeoutError()).body))
      }
      stream.end()
    }
    if (result.error !== undefined && result.isStarted) {
      // Not the error itself: an upstream error's cause holds the whole model request.
      const { code, message } = translateError(result.error).body.error
      request.log.warn({ code, message }, 'chat stream ended with an error')
    } else if (result.finishReason === 'aborted') {
      const reason = runSignal.isTimedOut() ? 'request timeout' : 'client disconnected'
      request.log.info({ reason }, 'chat run aborted')
    }
    runSignal.dispose()
    return result
  })

  const first = await Promise.race([started, finished.then(() => 'finished' as const)])
  if (first === 'started') {
    finished.catch((error: unknown) => request.log.error({ err: error }, 'chat stream failed'))
    return reply
  }
  const result = await finished
  if (result.error !== undefined) throw result.error
  if (runSignal.isTimedOut()) throw runSignal.timeoutError()
  return reply.code(499).send()
}

function chooseProgress(setting: 'auto' | 'think' | 'off', origin: string | undefined): 'think' | 'off' {
  if (setting !== 'auto') return setting
  return origin === OBSIDIAN_ORIGIN ? 'think' : 'off'
}
