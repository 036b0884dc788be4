/** The MCP front door: the vault tools served to MCP clients (stdio for now). */

/** The stateless Streamable HTTP handler for `/mcp`, with Host and Origin checks; the SDK serves both protocol eras. */
export {
  type CreateMcpHttpRouteOptions,
  createMcpHttpRoute,
  type McpHttpRoute,
} from './create-mcp-http-route.ts'
/** Builds an MCP server with the vault tools, each call through executeTool; touches no disk itself. */
export { type CreateMcpServerOptions, createMcpServer, toMcpAnnotations } from './create-mcp-server.ts'
/** Serves MCP on stdin/stdout until stdin ends or the signal aborts; never writes anything else to stdout. */
export { type ServeMcpStdioOptions, serveMcpStdio } from './serve-mcp-stdio.ts'
/** Traces each MCP tool call as an APM span and an LLM Obs tool span when dd-trace is preloaded. */
export { type CreateMcpCallTracerOptions, createMcpCallTracer, type McpCallTracer } from './trace-mcp-call.ts'
