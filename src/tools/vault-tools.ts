import type { ToolDefinition } from './define-tool.ts'
import { createHistoryTool } from './history.ts'
import { createManageNotesTool } from './manage-notes.ts'
import { createManageStructureTool } from './manage-structure.ts'
import { createQueryVaultTool } from './query-vault.ts'
import type { VaultToolDeps } from './tool-deps.ts'

/** The vault tools over one vault: query, notes, structure, and history when a journal is given. */
export function createVaultTools(deps: VaultToolDeps): ToolDefinition[] {
  const { journal, vault } = deps
  const tools = [
    createQueryVaultTool(deps),
    createManageNotesTool(deps),
    createManageStructureTool(deps),
    ...(journal === undefined ? [] : [createHistoryTool({ vault, journal })]),
  ] as ToolDefinition[]
  // Tools that may write run (and journal) under the vault's write lock: Jasque processes take turns.
  return tools.map((tool) =>
    tool.annotations.readOnly ? tool : { ...tool, exclusive: (work) => vault.writeLock.withLock(work) },
  )
}
