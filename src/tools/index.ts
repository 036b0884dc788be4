/** The vault tools the agent, the CLI and MCP share, and the wrapper every call goes through. */

/** Defines a tool once: name, description, zod input, annotations, run. */
export {
  type ChangeRecorder,
  type ChangeSource,
  defineTool,
  type ToolAnnotations,
  type ToolContext,
  type ToolDefinition,
  type ToolEffects,
  type ToolResult,
  type ToolRunOutput,
} from './define-tool.ts'
/** Runs a call: validates, records changes in the journal, turns errors into results, caps output. Never throws. */
export { executeTool } from './execute-tool.ts'
/** Every vault tool, in the order the model sees them. */
export { createVaultTools } from './vault-tools.ts'
