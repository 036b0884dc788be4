/**
 * With the Datadog preload, each MCP tool call is an APM span (`mcp.tool_call`, the tool as its
 * resource: under the `/mcp` request span over HTTP, a trace of its own over stdio) around an LLM
 * Observability tool span. Without the preload it only runs the call. Tracing never changes a
 * call's outcome.
 */
import type { DatadogTracer } from '../agent/index.ts'
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
  /** Finds the tracer once dd-trace is known to be preloaded; default: the agent's finder. */
  findTracer?: () => Promise<DatadogTracer | undefined>
}

/** The agent's tracing helpers, loaded only when dd-trace was preloaded (the agent loads the AI SDK). */
async function loadAgentTracing() {
  if ((globalThis as { _ddtrace?: unknown })._ddtrace === undefined) return undefined
  return import('../agent/index.ts')
}

type AgentTracing = NonNullable<Awaited<ReturnType<typeof loadAgentTracing>>>

export function createMcpCallTracer({ traceContent, findTracer }: CreateMcpCallTracerOptions): McpCallTracer {
  let found: Promise<{ tracer: DatadogTracer; agent: AgentTracing } | undefined> | undefined
  const tracer = () => {
    found ??= loadAgentTracing().then(async (agent) => {
      const value = agent === undefined ? undefined : await (findTracer ?? agent.findDatadogTracer)()
      if (agent === undefined || value === undefined) return undefined
      if (!traceContent) agent.hideTraceContent(value)
      return { tracer: value, agent }
    })
    return found
  }
  return {
    async trace(call, run) {
      const loaded = await tracer()
      if (loaded === undefined) return run()
      const { tracer: datadog, agent } = loaded
      return datadog.trace('mcp.tool_call', { resource: call.tool, type: 'mcp' }, (apmSpan) =>
        datadog.llmobs.trace({ kind: 'tool', name: call.tool }, async (toolSpan) => {
          const output = await run()
          try {
            const { operation, resultCount, effects } = agent.describeToolCall(
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
