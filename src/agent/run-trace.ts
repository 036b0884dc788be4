/**
 * Datadog tracing of one agent run: an LLM Observability `agent` span named `jasque` over the AI
 * SDK's automatic workflow, model and tool spans, vault effects on the tool spans, and the closing
 * of step spans the AI SDK leaves open when a stream fails or is aborted. Without a tracer every
 * method does nothing.
 */
import diagnosticsChannel from 'node:diagnostics_channel'
import type { DatadogTracer } from './datadog-tracer.ts'
import type { TokenUsage } from './events.ts'
import type { TracedToolCall } from './traced-tool-call.ts'

/** At most this many paths go on a tool span; the count is always there. */
export const MAX_TRACED_PATHS = 20

export interface RunTraceOptions {
  /** Groups the turns of one chat into one session. */
  sessionId?: string
  prompt: string
  /** False keeps prompts, note contents and tool outputs out of every span. */
  traceContent: boolean
}

export interface RunTraceEnd {
  output: string
  usage: TokenUsage
  finishReason: string
  error?: Error
}

export interface RunTrace {
  /** Runs `fn` (the `streamText` call) inside the agent span, so the SDK's spans nest under it. */
  enter<T>(fn: () => T): T
  /** The AI SDK's id for this run's `streamText` call, from its `onStart` event. */
  bindCall(callId: string): void
  /** Puts a tool call's operation, result count and vault effects on the active (automatic) tool span. */
  annotateTool(call: TracedToolCall): void
  end(outcome: RunTraceEnd): void
}

const inert: RunTrace = {
  enter: (fn) => fn(),
  bindCall() {},
  annotateTool() {},
  end() {},
}

// The channel ai@7 publishes its telemetry on, which dd-trace subscribes to.
const AI_CHANNEL = 'tracing:ai:telemetry'

interface AiTelemetryMessage {
  type?: string
  event?: { callId?: string }
  error?: unknown
  // Set by dd-trace on streamed model calls: the span ends only once the stream was read to its end.
  isStream?: boolean
  result?: { stream?: unknown }
  streamConsumed?: boolean
}

// The SDK steps and streamed model calls that can be left open by an error or an abort.
const CLOSABLE = new Set(['step', 'languageModelCall'])

const isFinished = (message: AiTelemetryMessage) =>
  !(message.isStream === true && message.result?.stream !== undefined && message.streamConsumed !== true)

/** Starts tracing a run; inert when `tracer` is undefined. Never throws. */
export function startRunTrace(tracer: DatadogTracer | undefined, options: RunTraceOptions): RunTrace {
  if (tracer === undefined) return inert
  const { llmobs } = tracer
  let settle: ((error?: Error) => void) | undefined
  let agentSpan: Parameters<typeof llmobs.annotate>[0]
  let callId: string | undefined
  const openSpans = new Set<AiTelemetryMessage>()
  const onStart = (message: unknown) => {
    const typed = message as AiTelemetryMessage
    if (typed.type !== undefined && CLOSABLE.has(typed.type)) openSpans.add(typed)
  }
  const onEnd = (message: unknown) => {
    const typed = message as AiTelemetryMessage
    if (isFinished(typed)) openSpans.delete(typed)
  }
  diagnosticsChannel.subscribe(`${AI_CHANNEL}:start`, onStart)
  diagnosticsChannel.subscribe(`${AI_CHANNEL}:asyncEnd`, onEnd)

  return {
    enter(fn) {
      let result: ReturnType<typeof fn> | undefined
      let hasResult = false
      try {
        const done = llmobs.trace(
          { kind: 'agent', name: 'jasque', ...(options.sessionId ? { sessionId: options.sessionId } : {}) },
          (span) => {
            agentSpan = span
            result = fn()
            hasResult = true
            return new Promise<void>((resolve, reject) => {
              settle = (error) => (error === undefined ? resolve() : reject(error))
            })
          },
        )
        // The rejection only marks the span as failed; the run reports the error itself.
        void Promise.resolve(done).catch(() => {})
      } catch (error) {
        if (hasResult) return result as ReturnType<typeof fn>
        throw error
      }
      return result as ReturnType<typeof fn>
    },
    bindCall(id) {
      callId = id
    },
    annotateTool(call) {
      const tags = describeToolTags(call)
      const paths = call.effects?.paths.slice(0, MAX_TRACED_PATHS)
      try {
        llmobs.annotate(undefined, {
          metadata: paths === undefined ? tags : { ...tags, 'vault.paths': paths },
          tags,
        })
        const apmSpan = tracer.scope().active()
        for (const [key, value] of Object.entries(tags)) apmSpan?.setTag(key, value)
      } catch {
        // No active tool span (the SDK's telemetry is off): the effects stay in the run record.
      }
    },
    end(outcome) {
      diagnosticsChannel.unsubscribe(`${AI_CHANNEL}:start`, onStart)
      diagnosticsChannel.unsubscribe(`${AI_CHANNEL}:asyncEnd`, onEnd)
      if (outcome.finishReason === 'error' || outcome.finishReason === 'aborted') {
        closeOpenSpans(openSpans, callId, outcome.error ?? new Error(`The run was ${outcome.finishReason}`))
      }
      try {
        if (agentSpan !== undefined) llmobs.annotate(agentSpan, describeRun(options, outcome))
      } catch {
        // Tracing must never change the outcome of a run.
      }
      settle?.(outcome.finishReason === 'error' ? (outcome.error ?? new Error('The run failed')) : undefined)
    },
  }
}

/**
 * ai@7 ends a `streamText` step span only when the step finishes, and dd-trace ends a streamed
 * model call only when its stream was read to the end; after an error or an abort both stay open
 * and dd-trace then never sends the request's trace. Publishing their end (as happens on success)
 * finishes them, marked with the error.
 */
function closeOpenSpans(openSpans: Set<AiTelemetryMessage>, callId: string | undefined, error: Error) {
  for (const message of openSpans) {
    if (callId === undefined || message.event?.callId !== callId) continue
    message.error = error
    message.streamConsumed = true
    diagnosticsChannel.channel(`${AI_CHANNEL}:error`).publish(message)
    diagnosticsChannel.channel(`${AI_CHANNEL}:asyncEnd`).publish(message)
  }
  openSpans.clear()
}

export function describeToolTags({
  operation,
  resultCount,
  effects,
}: TracedToolCall): Record<string, string | number> {
  if (effects === undefined) return { 'vault.operation': operation, 'vault.result_count': resultCount }
  return {
    'vault.operation': operation,
    'vault.result_count': resultCount,
    'vault.path_count': effects.paths.length,
    ...(effects.bytesWritten === undefined ? {} : { 'vault.bytes_written': effects.bytesWritten }),
    ...(effects.linksUpdated === undefined ? {} : { 'vault.links_updated': effects.linksUpdated }),
    ...(effects.changeId === undefined ? {} : { 'vault.change_id': effects.changeId }),
  }
}

function describeRun(options: RunTraceOptions, outcome: RunTraceEnd) {
  const { inputTokens, outputTokens } = outcome.usage
  return {
    ...(options.traceContent ? { inputData: options.prompt, outputData: outcome.output } : {}),
    metadata: { finish_reason: outcome.finishReason },
    metrics: {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
    },
  }
}
