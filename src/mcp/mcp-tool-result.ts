/** Turns a Jasque tool result into an MCP tool result. */
import type { CallToolResult } from '@modelcontextprotocol/server'
import type { ToolResult } from '../tools/index.ts'

/**
 * The result as JSON text (for clients that read content only) and as `structuredContent`;
 * `success: false` becomes `isError: true`, its message telling the model what to fix.
 */
export function toCallToolResult(result: ToolResult): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(result) }],
    structuredContent: result,
    ...(result.success ? {} : { isError: true }),
  }
}
