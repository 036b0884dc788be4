/** The public types of the store: journal entries, agent runs, and the Store itself. */

/** Who asked for a change: the chat API, the CLI, an MCP client or another API route. */
export interface ChangeSource {
  kind: 'chat' | 'cli' | 'mcp' | 'api'
  requestId?: string
  conversationId?: string
  /** The agent run (one chat turn) that made the change, so a whole turn can be undone. */
  runId?: string
  /** The MCP client's name, from its initialize or per-request client info (or its User-Agent). */
  client?: string
}

/**
 * One file touched by a change. A move carries `fromPath` → `path`; a rename with link rewrites is
 * one entry with move changes plus modify changes; a delete carries `trashPath`, or the `before`
 * bytes when the file was removed permanently.
 */
export interface JournalFileChange {
  kind: 'create' | 'modify' | 'delete' | 'move'
  path: string
  fromPath?: string
  /** The file's exact bytes before the change, needed to undo a modify or a permanent delete. */
  before?: Uint8Array
  beforeHash?: string
  afterHash?: string
  trashPath?: string
}

/** What a caller records after a successful vault mutation. */
export interface JournalEntryInput {
  source: ChangeSource
  tool: string
  operation: string
  paths: string[]
  summary?: string
  changes: JournalFileChange[]
}

/** A recorded change. `id` is 13 lowercase base32 characters that sort by creation time. */
export interface JournalEntry extends JournalEntryInput {
  id: string
  createdAt: Date
  undoneAt?: Date
  undoneBy?: string
}

/** A file change without its before-image bytes; `beforeSize` tells whether (and how big) one is kept. */
export type JournalFileChangeSummary = Omit<JournalFileChange, 'before'> & { beforeSize?: number }

/** A journal entry as listed: everything but the before-image bytes. */
export interface JournalEntrySummary extends Omit<JournalEntry, 'changes'> {
  changes: JournalFileChangeSummary[]
}

/** One tool call made during an agent run. `changeId` links to the journal entry it produced. */
export interface AgentToolCall {
  name: string
  operation?: string
  paths: string[]
  durationMs: number
  ok: boolean
  error?: string
  changeId?: string
  /** The call's arguments with note content left out (its length stands in for it). */
  arguments?: Record<string, unknown>
}

/** What the agent records at the end of one chat request. `outcome` is 'ok' or the error type. */
export interface AgentRunInput {
  /** An id reserved with `Runs.newId()` when the run started (its journal entries carry it). */
  id?: string
  requestId: string
  /** The user's request, first 500 characters; absent when prompts are not stored. */
  request?: string
  conversationId?: string
  model: string
  startedAt: Date
  finishedAt: Date
  inputTokens?: number
  outputTokens?: number
  outcome: 'ok' | (string & {})
  errorMessage?: string
  toolCalls: AgentToolCall[]
}

/** A recorded agent run with its tool calls. */
export interface AgentRun extends AgentRunInput {
  id: string
  createdAt: Date
}

/** An agent run as listed: without its tool calls, with their count. */
export interface AgentRunSummary extends Omit<AgentRun, 'toolCalls'> {
  toolCallCount: number
}

/** How long entries are kept: older than `days`, or beyond the newest `maxEntries`, are pruned. */
export interface RetentionOptions {
  days: number
  maxEntries: number
}

/** The change journal. Every method rejects with UnavailableError when the database is down. */
export interface Journal {
  record(input: JournalEntryInput): Promise<JournalEntry>
  /**
   * Appends `changes` (before-images and paths too) to entry `id` in one transaction; `summary`
   * replaces its summary. Rejects with NotFoundError for an unknown id, ConflictError once undone.
   */
  extend(id: string, changes: JournalFileChange[], options?: { summary?: string }): Promise<void>
  /** Newest first; `runId` keeps only the entries of that agent run. */
  listNewest(options: {
    limit: number
    includeUndone?: boolean
    runId?: string
  }): Promise<JournalEntrySummary[]>
  get(id: string): Promise<JournalEntry | undefined>
  markUndone(id: string, options?: { undoneBy?: string }): Promise<boolean>
  newestUndoable(): Promise<JournalEntrySummary | undefined>
}

/** The agent-run log. Every method rejects with UnavailableError when the database is down. */
export interface Runs {
  /** A fresh run id (no database call), for a run to hand its journal entries before it is recorded. */
  newId(): string
  record(run: AgentRunInput): Promise<{ id: string }>
  /** Newest first; `before` (a run id) pages to older runs. */
  listNewest(options: { limit: number; before?: string }): Promise<AgentRunSummary[]>
  get(id: string): Promise<AgentRun | undefined>
}

/** The database behind Jasque: PostgreSQL when DATABASE_URL is set, else embedded SQLite. */
export interface Store {
  readonly provider: 'postgresql' | 'sqlite'
  ping(): Promise<void>
  readonly journal: Journal
  readonly runs: Runs
  prune(now?: Date): Promise<{ journal: number; runs: number }>
  close(): Promise<void>
}
