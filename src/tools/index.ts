/** The vault tools the agent, the CLI and MCP share, and the wrapper every call goes through. */

/** Defines a tool once: name, description, zod input and output, annotations, run(input, context). */
export {
  type ChangeRecorder,
  type ChangeSource,
  defineTool,
  type ToolAnnotations,
  type ToolContext,
  type ToolDefinition,
  type ToolDependencies,
  type ToolEffects,
  type ToolResult,
  type ToolRunOutput,
} from './define-tool.ts'
/** Runs a call: validates, records changes in the journal, turns errors into results, caps output. Never throws. */
export { executeTool } from './execute-tool.ts'
/** The tools one by one; each gets the vault and the journal through its call's context. */
export { HISTORY_TOOL, historyTool } from './history.ts'
export { manageNotesTool } from './manage-notes.ts'
export { manageStructureTool } from './manage-structure.ts'
export { queryVaultTool } from './query-vault.ts'
/** A unified diff of a note before and after (null: the note does not exist on that side). */
export { unifiedDiff } from './unified-diff.ts'
/** Every vault tool, in the order the model sees them. */
export { vaultTools } from './vault-tools.ts'
