/**
 * The store domain: the database behind Jasque (change journal, agent runs, retention). Every
 * Store method rejects with UnavailableError ("database unavailable: …") while PostgreSQL is down
 * and works again by itself once it is back.
 */

export {
  /** The store's location for the start-up log: the embedded folder or PostgreSQL host/database, no password. */
  describeStore,
} from './describe-store.ts'
/** A Store that opens its database on first use (CLI commands that may not need one). */
export { createLazyStore } from './lazy-store.ts'
export type {
  /** Background pruning tuning accepted by createStore (`autoPrune`; false turns it off). */
  AutoPruneOptions,
} from './prune.ts'
export {
  /** createStore's options: databaseUrl, dataDir, log, retention, autoPrune, now (a clock for tests). */
  type CreateStoreOptions,
  /**
   * Opens PostgreSQL (`databaseUrl`) or SQLite (`<dataDir>/jasque.db`, created if missing), applies
   * the committed migrations and starts background pruning. Throws UnavailableError with a one-line
   * message naming the host when PostgreSQL cannot be reached.
   */
  createStore,
  /** The spec's retention defaults: 30 days, 10,000 entries (each of journal and runs). */
  DEFAULT_RETENTION,
} from './store.ts'
export type {
  /** A recorded agent run with its tool calls. */
  AgentRun,
  /** What the agent records at the end of one chat request; `outcome` is 'ok' or the error type. */
  AgentRunInput,
  /** A run as listed: no tool calls, their count instead. */
  AgentRunSummary,
  /** One tool call of a run; `changeId` links to the journal entry it produced. */
  AgentToolCall,
  /** Who asked for a change: chat, cli, mcp or api, with request and conversation ids. */
  ChangeSource,
  /** The change journal: record, extend, listNewest, get, markUndone, newestUndoable. */
  Journal,
  /** A recorded change; `id` is 13 lowercase base32 characters that sort by creation time. */
  JournalEntry,
  /** What a caller records after a successful vault mutation. */
  JournalEntryInput,
  /** A journal entry as listed: everything but the before-image bytes. */
  JournalEntrySummary,
  /** One file touched by a change (create, modify, delete, move), with its bytes before. */
  JournalFileChange,
  /** A file change without before-image bytes; `beforeSize` tells whether one is kept. */
  JournalFileChangeSummary,
  /** Retention: entries older than `days` or beyond the newest `maxEntries` are pruned. */
  RetentionOptions,
  /** The agent-run log: record, listNewest, get. */
  Runs,
  /** The open database: provider, ping, journal, runs, prune, close. */
  Store,
} from './types.ts'
