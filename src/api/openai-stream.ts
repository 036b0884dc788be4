/**
 * Agent events → OpenAI `chat.completion.chunk` server-sent events. Nothing is written until the
 * run produces output, so a run that fails first can still be answered with an HTTP error.
 */
import type { AgentEvent, FinishReason, TokenUsage } from '../agent/index.ts'
import { UpstreamError } from '../errors.ts'
import { type OpenAIErrorBody, translateError } from './openai-error.ts'
import { describeToolProgress } from './tool-progress.ts'

export const DEFAULT_KEEP_ALIVE_MS = 10_000

export interface CompletionStreamOptions {
  id: string
  created: number
  model: string
  includeUsage: boolean
  /** How often a running tool is announced with an SSE comment, so proxies keep the stream open. */
  keepAliveMs?: number
  /** `think`: each tool call as one line inside a `<think>` block (Obsidian Copilot shows it); default off. */
  progress?: 'think' | 'off'
  /** Called once, right before the first frame: commit the 200 response and its headers. */
  start(): void
  write(frame: string): void
}

export interface CompletionStreamResult {
  isStarted: boolean
  finishReason: FinishReason
  usage: TokenUsage
  /** The failure that ended the run, when it did not end normally. */
  error?: unknown
}

/** One SSE `data:` event. */
export function formatSseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`
}

/** The frames that end a stream with an error: an `error` chunk, then `[DONE]`. */
export function formatErrorFrames(body: OpenAIErrorBody): string {
  return formatSseData(body) + 'data: [DONE]\n\n'
}

/** Writes the whole run as SSE frames; never throws for a failed run, it reports it in the result. */
export async function writeCompletionStream(
  events: AsyncIterable<AgentEvent>,
  options: CompletionStreamOptions,
): Promise<CompletionStreamResult> {
  const { id, created, model, write } = options
  const chunk = (delta: Record<string, string>, finishReason: string | null) =>
    formatSseData({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    })

  let isStarted = false
  let hasText = false
  let needsSeparator = false
  let error: unknown
  let result: CompletionStreamResult | undefined
  const runningTools = new Map<string, string>()
  let timer: NodeJS.Timeout | undefined
  let isThinking = false
  const closeThinking = () => {
    if (!isThinking) return
    isThinking = false
    // The closing tag already separates the next step's text.
    needsSeparator = false
    write(chunk({ content: '</think>\n\n' }, null))
  }

  const ensureStarted = () => {
    if (isStarted) return
    isStarted = true
    options.start()
    write(chunk({ role: 'assistant', content: '' }, null))
    timer = setInterval(() => {
      const name = [...runningTools.values()].at(-1)
      if (name !== undefined) write(`: tool ${name}\n\n`)
    }, options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS)
  }

  try {
    for await (const event of events) {
      if (event.type === 'step-start') {
        needsSeparator = hasText && event.step > 1
      } else if (event.type === 'text-delta' && event.text !== '') {
        ensureStarted()
        closeThinking()
        const text = needsSeparator ? `\n\n${event.text}` : event.text
        needsSeparator = false
        hasText = true
        write(chunk({ content: text }, null))
      } else if (event.type === 'tool-call-start') {
        ensureStarted()
        runningTools.set(event.toolCallId, event.toolName)
        write(`: tool ${event.toolName}\n\n`)
        if (options.progress === 'think') {
          const line = `${describeToolProgress(event.toolName, event.input)}\n`
          write(chunk({ content: isThinking ? line : `${hasText ? '\n\n' : ''}<think>\n${line}` }, null))
          isThinking = true
          needsSeparator = false
        }
      } else if (event.type === 'tool-call-end') {
        runningTools.delete(event.toolCallId)
      } else if (event.type === 'error') {
        error ??= event.error
      } else if (event.type === 'end') {
        result = { isStarted, finishReason: event.finishReason, usage: event.usage }
        break
      }
    }
  } catch (thrown) {
    error ??= thrown
  } finally {
    clearInterval(timer)
  }

  const usage = result?.usage ?? { inputTokens: 0, outputTokens: 0 }
  const finishReason = result?.finishReason ?? 'error'
  if (finishReason === 'aborted') return { isStarted, finishReason, usage }
  if (error === undefined && finishReason === 'error') {
    error = new UpstreamError('failure', 'The agent run ended with an error')
  }
  closeThinking()
  if (error !== undefined) {
    if (isStarted) write(formatErrorFrames(translateError(error).body))
    return { isStarted, finishReason: 'error', usage, error }
  }

  ensureStarted()
  write(chunk({}, finishReason))
  if (options.includeUsage) {
    write(
      formatSseData({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: toOpenAIUsage(usage),
      }),
    )
  }
  write('data: [DONE]\n\n')
  return { isStarted: true, finishReason, usage }
}

/** OpenAI's usage fields from the agent's token counts. */
export function toOpenAIUsage(usage: TokenUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  }
}
