import type { ToolDefinition } from './define-tool.ts'
import { historyTool } from './history.ts'
import { manageNotesTool } from './manage-notes.ts'
import { manageStructureTool } from './manage-structure.ts'
import { queryVaultTool } from './query-vault.ts'

/** The vault tools, in the order the model sees them: query, notes, structure, history. */
export const vaultTools: readonly ToolDefinition[] = [
  queryVaultTool,
  manageNotesTool,
  manageStructureTool,
  historyTool,
] as ToolDefinition[]
