/**
 * Jasque's agent: one `run` is one chat turn, driven by the AI SDK `streamText` tool loop and told
 * to the caller as AgentEvents. Every run ends with `end` (after an `error` when it failed), is
 * recorded in the run store, and stops the model call and pending tools when its signal aborts.
 */
import { isStepCount, type LanguageModel, streamText } from 'ai'
import { type AppError, isAppError, UnavailableError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { DEFAULT_PREFERENCES, type Preferences } from '../preferences/index.ts'
import type { ToolDefinition, ToolDependencies } from '../tools/index.ts'
import { toAiTools } from './ai-tools.ts'
import { type DatadogTracer, findDatadogTracer, hideTraceContent } from './datadog-tracer.ts'
import type { Agent, AgentEvent, AgentRequest } from './events.ts'
import { buildInstructions } from './instructions.ts'
import { describeModelFailure } from './model-failure-log.ts'
import { toModelMessages } from './model-messages.ts'
import { createModelTimeout } from './model-timeout.ts'
import type { OpenTelemetry } from './open-telemetry.ts'
import type { OtelRunTrace } from './otel-runtime.ts'
import { describeUnfinishedToolCall, type RunRecorder, STORED_REQUEST_LENGTH } from './run-record.ts'
import { type RunTrace, startRunTrace } from './run-trace.ts'
import { createRunState, type RunState, translatePart } from './stream-parts.ts'
import { createModelTimeoutError, toUpstreamError } from './upstream-error.ts'

export type { AgentRunInput, RunRecorder, RunToolCall } from './run-record.ts'

export interface AgentOptions {
  /** Undefined when the provider cannot be called (then `missingKey` says why). */
  model: LanguageModel | undefined
  /** `provider:model`, for logs and run records. */
  modelId: string
  /** The environment variable to set, when the provider's API key is missing. */
  missingKey?: string
  tools: readonly ToolDefinition[]
  preferences: { get(): Promise<Preferences> }
  runs?: RunRecorder
  /** What the tools run on: the vault and the journal where calls record their changes. */
  toolDependencies: ToolDependencies
  log: Logger
  /** Model calls per run (AGENT_MAX_STEPS). */
  maxSteps: number
  /** How long the provider may stay silent during a model call (LLM_TIMEOUT_MS). */
  timeoutMs: number
  maxRetries: number
  now?: () => Date
  /** For the date in the instructions; default: the server's zone. */
  timeZone?: string
  /** False keeps prompts, note contents and tool outputs out of traces (JASQUE_TRACE_CONTENT). */
  traceContent?: boolean
  /** False keeps the user's request out of run records (JASQUE_STORE_PROMPTS); default true. */
  storePrompts?: boolean
  /** Finds the Datadog tracer; default: the preloaded dd-trace, if any. */
  findTracer?: () => Promise<DatadogTracer | undefined>
  /** Whether the model reads images; when not, the model is told an attached image was left out. */
  supportsImages?: boolean
  /** OTLP export of each run (off, and not loaded, without an OTLP endpoint). */
  openTelemetry?: OpenTelemetry
}

/** Creates the agent; nothing is called until `run`. */
export function createAgent(options: AgentOptions): Agent {
  let tracer: Promise<DatadogTracer | undefined> | undefined
  const findTracer = () => {
    tracer ??= (options.findTracer ?? findDatadogTracer)().then((found) => {
      if (found !== undefined && options.traceContent === false) hideTraceContent(found)
      return found
    })
    return tracer
  }
  return {
    modelId: options.modelId,
    assertReady() {
      const problem = findReadinessProblem(options)
      if (problem !== undefined) throw problem
    },
    run: (request, signal) => runAgent(options, request, signal, findTracer),
  }
}

function findReadinessProblem({ model, missingKey, modelId }: AgentOptions): UnavailableError | undefined {
  if (missingKey !== undefined) {
    return new UnavailableError(
      `The model provider is not configured: set ${missingKey} in the environment or .env to use ${modelId}, then restart Jasque.`,
      { details: { variable: missingKey } },
    )
  }
  if (model === undefined) return new UnavailableError(`The model ${modelId} is not available.`)
  return undefined
}

async function* runAgent(
  options: AgentOptions,
  asked: AgentRequest,
  signal: AbortSignal,
  findTracer: () => Promise<DatadogTracer | undefined>,
): AsyncGenerator<AgentEvent> {
  const now = options.now ?? (() => new Date())
  const traceContent = options.traceContent ?? true
  const startedAt = now()
  // Reserved now so every change this turn journals names it (undo of a whole turn).
  const runId = reserveRunId(options)
  const request = runId === undefined ? asked : { ...asked, source: { ...asked.source, runId } }
  const state = createRunState()
  // Aborted when the consumer stops iterating early, so the model call never outlives the run.
  const stopped = new AbortController()
  const timeout = createModelTimeout(options.timeoutMs)
  const runSignal = AbortSignal.any([signal, stopped.signal, timeout.signal])
  const trace = startRunTrace(await findTracer(), {
    ...(request.conversationId === undefined ? {} : { sessionId: request.conversationId }),
    prompt: request.prompt,
    traceContent,
  })
  const otelTrace = (await options.openTelemetry?.load())?.startRun(
    request.conversationId === undefined ? {} : { conversationId: request.conversationId },
  )
  let output = ''
  let isComplete = false
  try {
    const signals = { run: runSignal, caller: signal, timeout }
    for await (const event of streamTurn(options, request, signals, state, trace, otelTrace)) {
      if (event.type === 'text-delta' && traceContent) output += event.text
      yield event
    }
    isComplete = true
  } finally {
    timeout.disarm()
    stopped.abort()
    if (!isComplete) {
      state.finishReason = 'aborted'
      // Tools still journaling their last change finish first: the run is recorded after them.
      void Promise.allSettled([...state.runningTools]).then(() =>
        recordRun(options, request, startedAt, now(), state, runId),
      )
    }
    const outcome = {
      output,
      usage: state.usage,
      finishReason: state.finishReason,
      ...(state.error === undefined ? {} : { error: state.error }),
    }
    trace.end(outcome)
    otelTrace?.end(outcome)
  }
  // An abort can end the model's stream while a tool still runs: it finishes (and journals) first.
  await Promise.allSettled([...state.runningTools])
  const recordedId = await recordRun(options, request, startedAt, now(), state, runId)
  yield {
    type: 'end',
    finishReason: state.finishReason,
    usage: { ...state.usage },
    ...(recordedId === undefined ? {} : { runId: recordedId }),
  }
}

interface RunSignals {
  run: AbortSignal
  caller: AbortSignal
  timeout: ReturnType<typeof createModelTimeout>
}

async function* streamTurn(
  options: AgentOptions,
  request: AgentRequest,
  signals: RunSignals,
  state: RunState,
  trace: RunTrace,
  otelTrace: OtelRunTrace | undefined,
): AsyncGenerator<AgentEvent> {
  const fail = (error: AppError): AgentEvent => {
    state.finishReason = 'error'
    state.error = error
    return { type: 'error', error }
  }
  if (signals.run.aborted) {
    state.finishReason = 'aborted'
    return
  }
  const problem = findReadinessProblem(options)
  if (problem !== undefined || options.model === undefined) {
    yield fail(problem ?? new UnavailableError('No model'))
    return
  }
  let preferences: Preferences
  try {
    preferences = await options.preferences.get()
  } catch (error) {
    if (isAppError(error)) {
      yield fail(error)
      return
    }
    options.log.warn({ err: error }, 'preferences could not be read; using the defaults')
    preferences = structuredClone(DEFAULT_PREFERENCES) as Preferences
  }
  const { log } = options
  const logContext = { requestId: request.requestId, model: options.modelId }
  const provider = options.modelId.slice(0, options.modelId.indexOf(':'))
  const timedOut = () => signals.timeout.signal.aborted && !signals.caller.aborted
  const { model } = options
  const enter = <T>(fn: () => T): T =>
    trace.enter(() => (otelTrace === undefined ? fn() : otelTrace.enter(fn)))
  const result = enter(() =>
    streamText({
      model,
      instructions: buildInstructions({
        now: (options.now ?? (() => new Date()))(),
        ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
        preferences,
        clientInstructions: request.clientInstructions,
      }),
      messages: toModelMessages(request, options),
      tools: toAiTools(options.tools, {
        source: request.source,
        signal: signals.run,
        dependencies: options.toolDependencies,
        onFinished: (toolCallId, call) => state.finishedTools.set(toolCallId, call),
        onToolCall: (call) => {
          trace.annotateTool(call)
          otelTrace?.annotateTool(call)
        },
        running: state.runningTools,
      }),
      stopWhen: isStepCount(options.maxSteps),
      maxRetries: options.maxRetries,
      abortSignal: signals.run,
      ...request.options,
      onLanguageModelCallStart: () => signals.timeout.arm(),
      onLanguageModelCallEnd: () => signals.timeout.disarm(),
      onChunk: () => signals.timeout.touch(),
      // Errors arrive as stream parts; without this the SDK prints them to the console.
      onError: () => {},
      onStart: (event) => trace.bindCall(event.callId),
      ...(otelTrace === undefined ? {} : { telemetry: otelTrace.telemetry }),
    }),
  )
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'error') {
        log.warn({ ...logContext, ...describeModelFailure(part.error, provider) }, 'model call failed')
        yield fail(toUpstreamError(part.error))
        return
      }
      if (part.type === 'abort') {
        if (timedOut()) yield fail(createModelTimeoutError(options.timeoutMs))
        else state.finishReason = 'aborted'
        return
      }
      yield* translatePart(part, state)
    }
  } catch (error) {
    // A stream cut mid-response (or an abort racing it) surfaces as a thrown error.
    if (timedOut()) {
      yield fail(createModelTimeoutError(options.timeoutMs))
    } else if (signals.caller.aborted) {
      state.finishReason = 'aborted'
    } else {
      log.warn({ ...logContext, ...describeModelFailure(error, provider) }, 'model stream failed')
      yield fail(toUpstreamError(error))
    }
  }
}

function reserveRunId(options: AgentOptions): string | undefined {
  try {
    return options.runs?.newId?.()
  } catch (error) {
    options.log.warn({ err: error }, 'could not reserve a run id')
    return undefined
  }
}

async function recordRun(
  options: AgentOptions,
  request: AgentRequest,
  startedAt: Date,
  finishedAt: Date,
  state: RunState,
  runId: string | undefined,
): Promise<string | undefined> {
  if (options.runs === undefined) return undefined
  const unfinished = [...state.pendingTools.values()].map((call) =>
    describeUnfinishedToolCall(call.toolName, call.input, Math.round(performance.now() - call.startedAt)),
  )
  const outcome =
    state.finishReason === 'stop'
      ? 'ok'
      : state.finishReason === 'error'
        ? (state.error?.code ?? 'error')
        : state.finishReason
  try {
    const { id } = await options.runs.record({
      ...(runId === undefined ? {} : { id: runId }),
      requestId: request.requestId,
      ...(options.storePrompts === false ? {} : { request: request.prompt.slice(0, STORED_REQUEST_LENGTH) }),
      ...(request.conversationId === undefined ? {} : { conversationId: request.conversationId }),
      model: options.modelId,
      startedAt,
      finishedAt,
      inputTokens: state.usage.inputTokens,
      outputTokens: state.usage.outputTokens,
      outcome,
      ...(state.error === undefined ? {} : { errorMessage: state.error.message }),
      toolCalls: [...state.toolCalls, ...unfinished],
    })
    return id
  } catch (error) {
    options.log.error({ err: error, requestId: request.requestId }, 'could not record the agent run')
    return undefined
  }
}
