/**
 * Finds the Datadog tracer when, and only when, the process was started with
 * `--import dd-trace/initialize.mjs`. Jasque never loads dd-trace itself: Datadog is opt-in and
 * configured by its own `DD_*` environment variables, which this code never reads.
 */

/** The few dd-trace span methods Jasque uses. */
export interface DatadogSpan {
  setTag(key: string, value: unknown): unknown
}

export interface LlmObsAnnotation {
  inputData?: unknown
  outputData?: unknown
  metadata?: Record<string, unknown>
  metrics?: Record<string, number>
  tags?: Record<string, string | number>
}

/** The part of `tracer.llmobs` Jasque uses (dd-trace 6). */
export interface DatadogLlmObs {
  readonly enabled: boolean
  trace<T>(
    options: { kind: 'agent' | 'tool'; name: string; sessionId?: string },
    fn: (span: DatadogSpan) => T,
  ): T
  /** Annotates `span`, or the active LLM Obs span when `span` is undefined; throws when there is none. */
  annotate(span: DatadogSpan | undefined, annotation: LlmObsAnnotation): void
  /** One process-wide hook that may change every LLM Obs span before it is sent. */
  registerProcessor(processor: (span: LlmObsSpanContent) => LlmObsSpanContent | null): void
}

interface LlmObsMessage {
  role?: string
  content?: unknown
  tool_calls?: { name?: string; type?: string; tool_id?: string }[]
  [field: string]: unknown
}

/** What dd-trace's span processor may rewrite: the span's input and output, as messages. */
export interface LlmObsSpanContent {
  input: LlmObsMessage[]
  output: LlmObsMessage[]
}

export interface DatadogTracer {
  llmobs: DatadogLlmObs
  /** An APM span around `fn` (finished when its promise settles), child of the active one if any. */
  trace<T>(name: string, options: { resource?: string; type?: string }, fn: (span: DatadogSpan) => T): T
  scope(): { active(): DatadogSpan | null }
}

/**
 * Returns the preloaded tracer, or undefined when dd-trace was not preloaded (then nothing is
 * imported) or cannot be used. Never throws.
 */
export async function findDatadogTracer(): Promise<DatadogTracer | undefined> {
  // dd-trace registers itself on this global when it loads; checking it first keeps the package
  // (and its start-up cost) out of processes that did not ask for it.
  if ((globalThis as { _ddtrace?: unknown })._ddtrace === undefined) return undefined
  try {
    const module = await import('dd-trace')
    // Boundary: dd-trace's own types are far wider than the structural subset above.
    const tracer = module.default as unknown as DatadogTracer
    return typeof tracer?.llmobs?.trace === 'function' ? tracer : undefined
  } catch {
    return undefined
  }
}

/**
 * Makes the tracer send LLM Obs spans without their content: every input and output message is
 * emptied (tool calls keep their name, not their arguments), while names, kinds, models, token
 * counts, metadata and errors stay. Process-wide, as JASQUE_TRACE_CONTENT is.
 */
export function hideTraceContent(tracer: DatadogTracer): void {
  const strip = (message: LlmObsMessage): LlmObsMessage => ({
    role: message.role ?? '',
    content: '',
    ...(Array.isArray(message.tool_calls)
      ? { tool_calls: message.tool_calls.map(({ name, type, tool_id }) => ({ name, type, tool_id })) }
      : {}),
  })
  try {
    tracer.llmobs.registerProcessor((span) => {
      // dd-trace wants the same object back.
      span.input = span.input.map(strip)
      span.output = span.output.map(strip)
      return span
    })
  } catch {
    // Already registered by an earlier agent in this process.
  }
}
