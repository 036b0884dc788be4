/** An MCP server over the vault tools: one McpServer per connection, every call through executeTool. */
import { CLIENT_INFO_META_KEY, McpServer, type ToolAnnotations } from '@modelcontextprotocol/server'
import type { Logger } from '../log.ts'
import {
  executeTool,
  type ToolDefinition,
  type ToolDependencies,
  type ToolRunOutput,
} from '../tools/index.ts'
import { toAdvertisedSchema, toStrictInput } from './mcp-input-schema.ts'
import { toAdvertisedOutput } from './mcp-output-schema.ts'
import { toCallToolResult } from './mcp-tool-result.ts'
import type { McpCallTracer } from './trace-mcp-call.ts'

export interface CreateMcpServerOptions {
  tools: readonly ToolDefinition[]
  /** The vault and the journal (writes are journaled, so they return a change_id and can be undone). */
  dependencies: ToolDependencies
  log: Logger
  /** Jasque's version, told to clients. */
  version?: string
  /** Calls still running, so a shutdown can wait for their writes and journal entries. */
  inFlight?: Set<Promise<unknown>>
  /** Wraps every tool call (every transport goes through here): OpenTelemetry's `execute_tool` trace. */
  traceToolCall?: (
    toolName: string,
    input: unknown,
    run: () => Promise<ToolRunOutput>,
  ) => Promise<ToolRunOutput>
  /**
   * The client's name when it gave none to this server instance (a stateless HTTP request that is
   * not the initialize one): its User-Agent, say.
   */
  fallbackClient?: string
  /** Traces each call (the Datadog preload); without it calls are not traced. */
  tracer?: McpCallTracer
}

const MAX_CLIENT_NAME = 100

/** Every hint set explicitly; a vault tool never reaches outside the vault. */
export function toMcpAnnotations(definition: ToolDefinition): ToolAnnotations {
  const { readOnly, destructive } = definition.annotations
  return {
    readOnlyHint: readOnly,
    destructiveHint: destructive,
    // Only the read-only tools are idempotent: a second create, move or undo does something else.
    idempotentHint: readOnly,
    openWorldHint: false,
  }
}

/** The client name a 2026-07-28 request carries in its `_meta` envelope, if any. */
function readEnvelopeClient(envelope: object | undefined): string | undefined {
  const info = (envelope as Record<string, unknown> | undefined)?.[CLIENT_INFO_META_KEY]
  const name = typeof info === 'object' && info !== null ? (info as { name?: unknown }).name : undefined
  return typeof name === 'string' ? name : undefined
}

/** Builds a server with the tools registered (no transport yet). */
export function createMcpServer({
  tools,
  dependencies,
  log,
  version = '0.1.0',
  inFlight = new Set(),
  traceToolCall = (_toolName, _input, run) => run(),
  fallbackClient,
  tracer,
}: CreateMcpServerOptions): McpServer {
  const server = new McpServer({ name: 'jasque', version }, { capabilities: { tools: {} } })
  for (const tool of tools) {
    const strict = { ...tool, input: toStrictInput(tool.input) }
    server.registerTool(
      tool.name,
      {
        title: tool.title ?? tool.name,
        description: tool.description,
        inputSchema: toAdvertisedSchema(strict.input),
        // The SDK checks each successful result against it (test/tools/output-schemas.test.ts proves them).
        outputSchema: toAdvertisedOutput(tool.output),
        annotations: toMcpAnnotations(tool),
      },
      async (args, context) => {
        const startedAt = performance.now()
        // The initialize handshake's clientInfo (2025-11-25), or the per-request one (2026-07-28).
        const client = (
          readEnvelopeClient(context.mcpReq.envelope) ??
          server.server.getClientVersion()?.name ??
          fallbackClient
        )?.slice(0, MAX_CLIENT_NAME)
        const run = () =>
          executeTool(strict, args, {
            ...dependencies,
            signal: context.mcpReq.signal,
            source: { kind: 'mcp', ...(client === undefined || client === '' ? {} : { client }) },
          })
        const call = traceToolCall(tool.name, args, () =>
          tracer === undefined ? run() : tracer.trace({ tool: tool.name, input: args, client }, run),
        )
        inFlight.add(call)
        const { result } = await call.finally(() => inFlight.delete(call))
        const ms = Math.round(performance.now() - startedAt)
        log.info(
          { tool: tool.name, operation: result.operation, success: result.success, ms },
          'mcp tool call',
        )
        return toCallToolResult(result)
      },
    )
  }
  return server
}
