/**
 * An instant scripted model for the API benchmark: a turn's first call asks for one `find_notes`
 * tool call, the call after the tool result streams a short answer. The first text part carries the
 * monotonic clock (`process.hrtime`, shared by every process on the machine) at the moment the SDK
 * pulls it, so a client can tell how long the server took to pass the model's first token on.
 */
import { MockLanguageModelV4 } from 'ai/test'
import { z } from 'zod'
import { defineTool } from '../src/tools/index.ts'

type StreamResult = Awaited<ReturnType<MockLanguageModelV4['doStream']>>
type StreamPart = StreamResult['stream'] extends ReadableStream<infer Part> ? Part : never
type CallOptions = Parameters<MockLanguageModelV4['doStream']>[0]

export const BENCH_API_KEY = 'bench-key'
export const BENCH_PROMPT = 'Which notes are tagged #project?'

/** Wraps the nanosecond timestamp of the first token in the answer's first text part. */
export const FIRST_TOKEN_PATTERN = /\[t=(\d+)\]/

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
})

const TOOL_INPUT = JSON.stringify({ tag: 'project', limit: 10 })

function toolCallParts(): Array<() => StreamPart> {
  const id = 'call-1'
  return [
    () => ({ type: 'stream-start', warnings: [] }),
    () => ({ type: 'tool-input-start', id, toolName: 'find_notes' }),
    () => ({ type: 'tool-input-delta', id, delta: TOOL_INPUT }),
    () => ({ type: 'tool-input-end', id }),
    () => ({ type: 'tool-call', toolCallId: id, toolName: 'find_notes', input: TOOL_INPUT }),
    () => ({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage: usage(900, 30),
    }),
  ]
}

function answerParts(): Array<() => StreamPart> {
  const id = 'text-1'
  const words = ['Three notes ', 'are tagged ', '#project: ', 'Alpha, ', 'Beta ', 'and Gamma.']
  return [
    () => ({ type: 'stream-start', warnings: [] }),
    () => ({ type: 'text-start', id }),
    () => ({ type: 'text-delta', id, delta: `[t=${process.hrtime.bigint()}] ` }),
    ...words.map((delta) => (): StreamPart => ({ type: 'text-delta', id, delta })),
    () => ({ type: 'text-end', id }),
    () => ({ type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' }, usage: usage(1000, 20) }),
  ]
}

// A part is made only when the SDK reads it (no read-ahead), like a provider's parsed SSE.
function pullStream(parts: Array<() => StreamPart>): ReadableStream<StreamPart> {
  let next = 0
  return new ReadableStream<StreamPart>(
    {
      pull(controller) {
        const make = parts[next++]
        if (make === undefined) controller.close()
        else controller.enqueue(make())
      },
    },
    { highWaterMark: 0 },
  )
}

const isAfterToolResult = (options: CallOptions) => options.prompt.at(-1)?.role === 'tool'

/** The model; it keeps no per-turn state, so any number of turns may run at once. */
export function createInstantModel(): MockLanguageModelV4 {
  const model = new MockLanguageModelV4({
    provider: 'bench',
    modelId: 'instant',
    doStream: async (options) => ({
      stream: pullStream(isAfterToolResult(options) ? answerParts() : toolCallParts()),
    }),
  })
  // The mock records every call; over a soak that would look like a leak of the server's own.
  const record = model.doStream
  model.doStream = (options) => {
    const result = record(options)
    model.doStreamCalls.length = 0
    return result
  }
  return model
}

/** A cheap read-only tool with a result the size of a small index query's. */
export const findNotesTool = defineTool({
  name: 'find_notes',
  description: 'Finds notes with a tag.',
  input: z.object({
    tag: z.string().describe('The tag, without #'),
    limit: z.number().int().min(1).max(50).optional().describe('At most this many notes'),
  }),
  output: z.object({ success: z.boolean() }).loose(),
  annotations: { readOnly: true, destructive: false },
  async run(input) {
    const notes = ['Alpha', 'Beta', 'Gamma'].map((title) => ({
      path: `Projects/${title}.md`,
      title,
      tags: [input.tag],
      modified: '2026-11-20T09:00:00Z',
    }))
    return { result: { success: true, operation: 'find_by_tag', count: notes.length, notes } }
  },
})
