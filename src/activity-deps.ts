/** What the activity page needs from the services: the store, the vault root and the history tool. */
import type { ActivityDeps } from './api/index.ts'
import type { ToolServices } from './tool-services.ts'

/** The page's dependencies, or undefined when the history tool is missing (no journal). */
export function createActivityDeps(
  services: Pick<ToolServices, 'store' | 'vault' | 'tools' | 'toolDependencies'>,
): ActivityDeps | undefined {
  const history = services.tools.find((tool) => tool.name === 'obsidian_history')
  if (history === undefined) return undefined
  return {
    store: services.store,
    history,
    toolDependencies: services.toolDependencies,
    vaultRoot: services.vault.root,
  }
}
