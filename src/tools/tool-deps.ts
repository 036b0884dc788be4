/** What the vault tools need: the vault, the change journal, and the search exclusions. */
import type { Journal } from '../store/index.ts'
import type { Vault } from '../vault/index.ts'

export interface VaultToolDeps {
  vault: Vault
  /** Folders excluded from searches (preferences `search_exclude_folders`). */
  searchExclusions(): Promise<string[]>
  /** The change journal, for obsidian_history (the tool is left out without one). */
  journal?: Journal
}
