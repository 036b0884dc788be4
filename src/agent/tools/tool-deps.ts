/** What the vault tools need: the vault, the change journal, and the search exclusions. */
import type { Vault } from '../../vault/index.ts'

export interface VaultToolDeps {
  vault: Vault
  /** Folders excluded from searches (preferences `search_exclude_folders`). */
  searchExclusions(): Promise<string[]>
}
