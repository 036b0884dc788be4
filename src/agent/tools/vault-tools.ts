import type { ToolDefinition } from './define-tool.ts'
import { createManageNotesTool } from './manage-notes.ts'
import { createManageStructureTool } from './manage-structure.ts'
import { createQueryVaultTool } from './query-vault.ts'
import type { VaultToolDeps } from './tool-deps.ts'

/** The vault tools over one vault: query, notes, structure, history. */
export function createVaultTools(deps: VaultToolDeps): ToolDefinition[] {
  return [
    createQueryVaultTool(deps),
    createManageNotesTool(deps),
    createManageStructureTool(deps),
  ] as ToolDefinition[]
}
