/**
 * The parts every vault-tool user needs — logger, store, vault, preferences and the four tools —
 * without the agent, so `jasque tool`, `history` and `undo` load no model provider.
 */
import type { Config } from './config.ts'
import type { Logger } from './log.ts'
import {
  createPreferencesSource,
  DEFAULT_SEARCH_EXCLUDE_FOLDERS,
  type PreferencesSource,
} from './preferences/index.ts'
import { createLazyStore, createStore, type Store } from './store/index.ts'
import { type ToolDefinition, type ToolDependencies, vaultTools } from './tools/index.ts'
import { createVault, type Vault } from './vault/index.ts'

export interface ToolServices {
  config: Readonly<Config>
  log: Logger
  store: Store
  vault: Vault
  preferences: PreferencesSource
  tools: readonly ToolDefinition[]
  /** What every tool call runs on: the vault, the store's journal, the search exclusions. */
  toolDependencies: ToolDependencies
  /** Stops the watcher and closes the database. */
  close(): Promise<void>
}

export interface CreateToolServicesOptions {
  log: Logger
  /** Watch the vault (default: the config's JASQUE_WATCH). */
  watch?: boolean
  /** Open the database only when a call needs it (CLI commands); default false. */
  lazyStore?: boolean
  /** See VaultOptions.snapshotOnClose (one-shot CLI commands: `when-stale`); default `always`. */
  snapshotOnClose?: 'always' | 'when-stale'
}

/**
 * Opens the store (unless lazy; throws UnavailableError when PostgreSQL is down) and the vault
 * (not yet indexed: call `vault.start()`).
 */
export async function createToolServices(
  config: Readonly<Config>,
  { log, watch = config.watch, lazyStore = false, snapshotOnClose = 'always' }: CreateToolServicesOptions,
): Promise<ToolServices> {
  const storeOptions = {
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    dataDir: config.dataDir,
    log,
    retention: { days: config.journalRetentionDays, maxEntries: config.journalMaxEntries },
  }
  const store = lazyStore ? createLazyStore(storeOptions) : await createStore(storeOptions)
  let vault: Vault
  try {
    vault = await createVault({
      root: config.vaultPath,
      log,
      watch,
      lockDir: config.dataDir,
      snapshotDir: config.dataDir,
      snapshotOnClose,
    })
  } catch (error) {
    await store.close()
    throw error
  }
  const preferences = createPreferencesSource({ vaultRoot: vault.root, log })
  const toolDependencies: ToolDependencies = {
    vault,
    journal: store.journal,
    searchExclusions: async () => {
      try {
        return (await preferences.get()).searchExcludeFolders
      } catch {
        return [...DEFAULT_SEARCH_EXCLUDE_FOLDERS]
      }
    },
  }
  return {
    config,
    log,
    store,
    vault,
    preferences,
    tools: vaultTools,
    toolDependencies,
    async close() {
      await vault.close()
      await store.close()
    },
  }
}
