/** The store domain: the database behind Jasque (change journal, agent runs, retention). */

/** Background pruning tuning accepted by createStore (`autoPrune`). */
export type { AutoPruneOptions } from './prune.ts'
/**
 * Opens PostgreSQL (`databaseUrl`) or embedded PGlite (`<dataDir>/pglite`, created if missing),
 * applies the committed migrations and starts background pruning. Throws UnavailableError with a
 * one-line message naming the host when PostgreSQL cannot be reached.
 */
export { type CreateStoreOptions, createStore, DEFAULT_RETENTION } from './store.ts'
/**
 * The store and its parts: every method rejects with UnavailableError ("database unavailable: …")
 * while the database is down, and works again once it is back.
 */
/** What a vault mutation records, and how the journal returns it (ids sort by creation time). */
/** What an agent run records, and how the run log returns it. */
export type {
  AgentRun,
  AgentRunInput,
  AgentRunSummary,
  AgentToolCall,
  ChangeSource,
  Journal,
  JournalEntry,
  JournalEntryInput,
  JournalEntrySummary,
  JournalFileChange,
  JournalFileChangeSummary,
  RetentionOptions,
  Runs,
  Store,
} from './types.ts'
