/**
 * Builds the parts of Jasque from its configuration, shared by the server, the CLI and MCP:
 * logger, store, vault (index and writer), preferences, the vault tools and the agent.
 */
import {
  type Agent,
  createAgent,
  createLanguageModel,
  createPreferencesSource,
  createVaultTools,
  DEFAULT_SEARCH_EXCLUDE_FOLDERS,
  describeModel,
  findMissingKey,
  type PreferencesSource,
  type ToolDefinition,
} from './agent/index.ts'
import type { Config } from './config.ts'
import type { Logger } from './log.ts'
import { createStore, type Store } from './store/index.ts'
import { createVault, type Vault } from './vault/index.ts'

export interface Services {
  config: Readonly<Config>
  log: Logger
  store: Store
  vault: Vault
  preferences: PreferencesSource
  tools: ToolDefinition[]
  agent: Agent
  /** Stops the watcher and closes the database. */
  close(): Promise<void>
}

export interface CreateServicesOptions {
  log: Logger
  /** Watch the vault (default: the config's JASQUE_WATCH). */
  watch?: boolean
}

/** Opens the store (throws UnavailableError when PostgreSQL is down) and the vault (not yet indexed: call `vault.start()`). */
export async function createServices(
  config: Readonly<Config>,
  { log, watch = config.watch }: CreateServicesOptions,
): Promise<Services> {
  const store = await createStore({
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    dataDir: config.dataDir,
    log,
    retention: { days: config.journalRetentionDays, maxEntries: config.journalMaxEntries },
  })
  let vault: Vault
  try {
    vault = await createVault({ root: config.vaultPath, log, watch, snapshotDir: config.dataDir })
  } catch (error) {
    await store.close()
    throw error
  }
  const preferences = createPreferencesSource({ vaultRoot: vault.root, log })
  const tools = createVaultTools({
    vault,
    journal: store.journal,
    searchExclusions: async () => {
      try {
        return (await preferences.get()).searchExcludeFolders
      } catch {
        return [...DEFAULT_SEARCH_EXCLUDE_FOLDERS]
      }
    },
  })
  const missingKey = findMissingKey(config.llm)
  const agent = createAgent({
    model: missingKey === undefined ? createLanguageModel(config.llm) : undefined,
    modelId: describeModel(config.llm),
    ...(missingKey === undefined ? {} : { missingKey }),
    tools,
    preferences,
    runs: store.runs,
    journal: store.journal,
    log,
    maxSteps: config.agentMaxSteps,
    timeoutMs: config.llm.timeoutMs,
    maxRetries: config.llm.maxRetries,
    traceContent: config.traceContent,
  })
  return {
    config,
    log,
    store,
    vault,
    preferences,
    tools,
    agent,
    async close() {
      await vault.close()
      await store.close()
    },
  }
}
