/**
 * OpenTelemetry export of agent runs and tool calls, switched on by the standard `OTEL_*`
 * variables. This file imports nothing of OpenTelemetry: the SDK, the exporter and the AI SDK's
 * integration load on the first traced call, and never when export is off.
 */
import type { Logger } from '../log.ts'
import type { OtlpConfig } from '../otlp-config.ts'
import type { ToolRunOutput } from '../tools/index.ts'
import type { OtelRuntime } from './otel-runtime.ts'

export interface OpenTelemetryOptions {
  /** Undefined: export is off and nothing is loaded. */
  otlp: OtlpConfig | undefined
  /** False keeps prompts, note contents and tool outputs out of spans (JASQUE_TRACE_CONTENT). */
  traceContent: boolean
  log: Logger
  /** Whether the Datadog tracer was preloaded; default: dd-trace's global marker. */
  isDatadogLoaded?: () => boolean
}

export interface OpenTelemetry {
  /** The runtime, loaded on first use; undefined when export is off. Never rejects. */
  load(): Promise<OtelRuntime | undefined>
  /** Runs an MCP tool call as its own trace (`execute_tool <name>`); just runs it when off. */
  traceToolCall(toolName: string, input: unknown, run: () => Promise<ToolRunOutput>): Promise<ToolRunOutput>
  /** Sends the spans still buffered, waiting at most the export timeout. */
  shutdown(): Promise<void>
}

const isDatadogPreloaded = () => (globalThis as { _ddtrace?: unknown })._ddtrace !== undefined

/** Creates the (lazy) exporter; with no endpoint every method does nothing. */
export function createOpenTelemetry(options: OpenTelemetryOptions): OpenTelemetry {
  const { otlp, log } = options
  let runtime: Promise<OtelRuntime | undefined> | undefined
  const load = () => {
    runtime ??= start()
    return runtime
  }
  const start = async (): Promise<OtelRuntime | undefined> => {
    if (otlp === undefined) return undefined
    if ((options.isDatadogLoaded ?? isDatadogPreloaded)()) {
      // Never both on the same call: Datadog would show every model call twice.
      log.info('OpenTelemetry export is off: the Datadog tracer is preloaded and traces the agent')
      return undefined
    }
    try {
      const { startOtelRuntime } = await import('./otel-runtime.ts')
      const started = startOtelRuntime({ otlp, traceContent: options.traceContent, log })
      log.info({ url: otlp.tracesUrl, protocol: otlp.protocol }, 'OpenTelemetry export on')
      return started
    } catch (error) {
      log.warn({ err: error }, 'OpenTelemetry export could not start; the agent runs without it')
      return undefined
    }
  }
  return {
    load,
    async traceToolCall(toolName, input, run) {
      if (otlp === undefined) return run()
      const started = await load()
      return started === undefined ? run() : started.traceToolCall(toolName, input, run)
    },
    async shutdown() {
      if (runtime === undefined) return
      await (await runtime)?.shutdown()
    },
  }
}
