/**
 * The OpenTelemetry side of Jasque, loaded only when OTLP export is on: a tracer provider that
 * batches spans to the OTLP/HTTP endpoint, the AI SDK's GenAI integration for chat turns
 * (`invoke_agent jasque` → `step` → `chat <model>` / `execute_tool <name>`), the conversation id
 * and vault effects on those spans, and `execute_tool` traces for MCP calls.
 */
import { OpenTelemetry } from '@ai-sdk/otel'
import { type Context, context, createContextKey, type Span, SpanStatusCode, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { setGlobalErrorHandler } from '@opentelemetry/core'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import type { Telemetry, TelemetryOptions } from 'ai'
import type { Logger } from '../log.ts'
import type { OtlpConfig } from '../otlp-config.ts'
import type { ToolRunOutput } from '../tools/index.ts'
import { describeToolTags, MAX_TRACED_PATHS, type RunTrace } from './run-trace.ts'
import { describeToolCall, type TracedToolCall } from './traced-tool-call.ts'

/** Tool arguments and results put on MCP spans are cut to this many characters. */
const MAX_CONTENT_CHARS = 4096

export interface OtelRuntimeOptions {
  otlp: OtlpConfig
  traceContent: boolean
  log: Logger
}

export interface OtelRunOptions {
  conversationId?: string
}

/** One chat turn's tracing: the `telemetry` option for `streamText`, plus the RunTrace hooks. */
export interface OtelRunTrace extends RunTrace {
  telemetry: TelemetryOptions
}

export interface OtelRuntime {
  startRun(options: OtelRunOptions): OtelRunTrace
  traceToolCall(toolName: string, input: unknown, run: () => Promise<ToolRunOutput>): Promise<ToolRunOutput>
  shutdown(): Promise<void>
}

interface RunSpans {
  conversationId: string | undefined
  /** The first span started inside the run: the AI SDK's `invoke_agent` span. */
  root: Span | undefined
}

const RUN_KEY = createContextKey('jasque.run')

/** Starts the provider and exporter; spans leave in batches, off the request path. */
export function startOtelRuntime({ otlp, traceContent, log }: OtelRuntimeOptions): OtelRuntime {
  const exporterOptions = { url: otlp.tracesUrl, headers: otlp.headers, timeoutMillis: otlp.timeoutMs }
  const exporter =
    otlp.protocol === 'http/json' ? new JsonExporter(exporterOptions) : new ProtobufExporter(exporterOptions)
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': otlp.serviceName }),
    spanProcessors: [
      createRunProcessor(),
      new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1000, exportTimeoutMillis: otlp.timeoutMs }),
    ],
  })
  // The AI SDK's spans nest through the active context; a second runtime in one process reuses it.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  let hasWarned = false
  const warnOnce = (error: unknown) => {
    // A collector that is down would otherwise print on every batch: one line is enough.
    if (hasWarned) return
    hasWarned = true
    const reason = error instanceof Error ? error.message : String(error)
    log.warn(
      { url: otlp.tracesUrl, reason },
      'OpenTelemetry spans could not be sent (further failures are not logged)',
    )
  }
  setGlobalErrorHandler(warnOnce)
  const tracer = provider.getTracer('jasque')
  const integration = new OpenTelemetry({ tracer, agentSpanName: () => 'invoke_agent jasque' })

  return {
    startRun: (options) => startRun(integration, options, traceContent),
    traceToolCall: (toolName, input, run) =>
      tracer.startActiveSpan(
        `execute_tool ${toolName}`,
        {
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': toolName,
            'gen_ai.tool.type': 'function',
            'jasque.source': 'mcp',
            ...(traceContent ? { 'gen_ai.tool.call.arguments': capContent(input) } : {}),
          },
        },
        async (span) => {
          try {
            const output = await run()
            span.setAttributes(describeToolAttributes(describeToolCall(input, output.result, output.effects)))
            if (traceContent) span.setAttribute('gen_ai.tool.call.result', capContent(output.result))
            if (output.result.success === false) markFailed(span, 'tool_error', 'The tool call failed')
            return output
          } catch (error) {
            markFailed(span, error instanceof Error ? error.name : 'Error', 'The tool call was interrupted')
            throw error
          } finally {
            span.end()
          }
        },
      ),
    async shutdown() {
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<void>((resolve) => {
        // A little past the export timeout, so a collector that never answers is reported.
        timer = setTimeout(resolve, otlp.timeoutMs + 500)
        timer.unref()
      })
      await Promise.race([provider.shutdown().catch(warnOnce), deadline])
      clearTimeout(timer)
    },
  }
}

function startRun(integration: OpenTelemetry, options: OtelRunOptions, traceContent: boolean): OtelRunTrace {
  const spans: RunSpans = { conversationId: options.conversationId, root: undefined }
  // The SDK ends an aborted run's spans without an error status: mark the turn first.
  const marked = new Proxy(integration, {
    get(target, key) {
      if (key === 'onAbort') {
        return (event: Parameters<OpenTelemetry['onAbort']>[0]) => {
          if (spans.root !== undefined) markFailed(spans.root, 'aborted', 'The turn was aborted')
          return target.onAbort(event)
        }
      }
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as Telemetry
  return {
    telemetry: {
      integrations: [marked],
      recordInputs: traceContent,
      recordOutputs: traceContent,
      functionId: 'jasque',
    },
    enter: (fn) => context.with(context.active().setValue(RUN_KEY, spans), fn),
    bindCall() {},
    annotateTool(call) {
      trace.getActiveSpan()?.setAttributes(describeToolAttributes(call))
    },
    end(outcome) {
      // A failure the SDK did not see (a model timeout ends the stream as an abort) still marks the turn.
      const root = spans.root
      if (root?.isRecording() && outcome.finishReason === 'error') {
        markFailed(root, outcome.error?.name ?? 'error', 'The turn failed')
      }
    },
  }
}

/** Every span started inside a run gets the conversation id; the first one is the run's root. */
function createRunProcessor(): SpanProcessor {
  return {
    onStart(span, parentContext: Context) {
      const spans = parentContext.getValue(RUN_KEY) as RunSpans | undefined
      if (spans === undefined) return
      spans.root ??= span
      if (spans.conversationId === undefined) return
      // `session.id` too: Langfuse and Phoenix group a chat's turns into a session by it.
      span.setAttributes({
        'gen_ai.conversation.id': spans.conversationId,
        'session.id': spans.conversationId,
      })
    },
    onEnd() {},
    forceFlush: async () => {},
    shutdown: async () => {},
  }
}

function describeToolAttributes(call: TracedToolCall) {
  const paths = call.effects?.paths.slice(0, MAX_TRACED_PATHS)
  return { ...describeToolTags(call), ...(paths === undefined ? {} : { 'vault.paths': paths }) }
}

function markFailed(span: Span, type: string, message: string) {
  span.setAttribute('error.type', type)
  span.setStatus({ code: SpanStatusCode.ERROR, message })
}

function capContent(value: unknown): string {
  const text = JSON.stringify(value) ?? ''
  return text.length > MAX_CONTENT_CHARS ? `${text.slice(0, MAX_CONTENT_CHARS)}…` : text
}
