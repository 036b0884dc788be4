/**
 * With the Datadog preload, each MCP tool call is an APM span (`mcp.tool_call`, the tool as its
 * resource: under the `/mcp` request span over HTTP, a trace of its own over stdio) around an LLM
 * Observability tool span. Without the preload it only runs the call. Tracing never changes a
 * call's outcome.
 */
import { type DatadogTracer, findDatadogTracer, hideTraceContent } from '../agent/datadog-tracer.ts'
import { describeToolCall } from '../agent/traced-tool-call.ts'
import type { ToolRunOutput } from '../tools/index.ts'

export interface McpCallTracer {
  trace(call: TracedMcpCall, run: () => Promise<ToolRunOutput>): Promise<ToolRunOutput>
}

export interface TracedMcpCall {
  tool: string
  input: unknown
  client: string | undefined
}

export interface CreateMcpCallTracerOptions {
  /** False keeps arguments and results out of the spans (JASQUE_TRACE_CONTENT). */
  traceContent: boolean
  /** Finds the tracer; default: the preloaded dd-trace, if any. */
  findTracer?: () => Promise<DatadogTracer | undefined>
}

export function createMcpCallTracer({
  traceContent,
  findTracer = findDatadogTracer,
}: CreateMcpCallTracerOptions): McpCallTracer {
  let found: Promise<DatadogTracer | undefined> | undefined
  const tracer = () => {
    found ??= findTracer().then((value) => {
      if (value !== undefined && !traceContent) hideTraceContent(value)
      return value
    })
    return found
  }
  return {
    async trace(call, run) {
      const datadog = await tracer()
      if (datadog === undefined) return run()
      return datadog.trace('mcp.tool_call', { resource: call.tool, type: 'mcp' }, (apmSpan) =>
        datadog.llmobs.trace({ kind: 'tool', name: call.tool }, async (toolSpan) => {
          const output = await run()
          try {
            const { operation, resultCount, effects } = describeToolCall(
              call.input,
              output.result,
              output.effects,
            )
            const tags: Record<string, string | number> = {
              'vault.operation': operation,
              'vault.result_count': resultCount,
              'mcp.success': String(output.result.success),
              ...(call.client === undefined ? {} : { 'mcp.client': call.client }),
              ...(effects?.changeId === undefined ? {} : { 'vault.change_id': effects.changeId }),
            }
            for (const [key, value] of Object.entries(tags)) apmSpan.setTag(key, value)
            datadog.llmobs.annotate(toolSpan, {
              ...(traceContent ? { inputData: call.input, outputData: output.result } : {}),
              metadata: tags,
              tags,
            })
          } catch {
            // A span that cannot be annotated still times the call.
          }
          return output
        }),
      )
    },
  }
}
