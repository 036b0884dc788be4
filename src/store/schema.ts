/**
 * The database tables of Jasque, in Drizzle's schema language. Migrations are generated from this
 * file with `npx drizzle-kit generate` and committed under `migrations/`; never edit those by hand.
 * Ids are time-sortable text (see `ids.ts`), so "newest first" is `ORDER BY id DESC`.
 */
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'

// drizzle-orm has no bytea column; pg returns Buffer and PGlite Uint8Array, both are Uint8Array.
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
})

/** Metadata of one change to one file, kept inline; the before-image bytes live in `journalBlobs`. */
export interface StoredFileChange {
  kind: 'create' | 'modify' | 'delete' | 'move'
  path: string
  fromPath?: string
  beforeHash?: string
  afterHash?: string
  trashPath?: string
  /** Size in bytes of the before-image, when one is kept. */
  beforeSize?: number
}

/** One vault mutation (one tool call), with what is needed to undo it. */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: text('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    sourceKind: text('source_kind').notNull(),
    requestId: text('request_id'),
    conversationId: text('conversation_id'),
    tool: text('tool').notNull(),
    operation: text('operation').notNull(),
    paths: jsonb('paths').$type<string[]>().notNull(),
    summary: text('summary'),
    changes: jsonb('changes').$type<StoredFileChange[]>().notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true, precision: 3 }),
    undoneBy: text('undone_by'),
  },
  (table) => [
    index('journal_entries_created_at_idx').on(table.createdAt),
    check('journal_entries_source_kind_check', sql`${table.sourceKind} in ('chat', 'cli', 'mcp', 'api')`),
  ],
)

/** The bytes of a file before a change, possibly compressed (`encoding` says how). */
export const journalBlobs = pgTable(
  'journal_blobs',
  {
    entryId: text('entry_id')
      .notNull()
      .references(() => journalEntries.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    encoding: text('encoding').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.entryId, table.position] }),
    check('journal_blobs_encoding_check', sql`${table.encoding} in ('identity', 'gzip')`),
  ],
)

/** One agent run: one chat request, from the first model call to the last token. */
export const agentRuns = pgTable(
  'agent_runs',
  {
    id: text('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    requestId: text('request_id').notNull(),
    conversationId: text('conversation_id'),
    model: text('model').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }).notNull(),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    outcome: text('outcome').notNull(),
    errorMessage: text('error_message'),
    toolCallCount: integer('tool_call_count').notNull(),
  },
  (table) => [
    index('agent_runs_created_at_idx').on(table.createdAt),
    index('agent_runs_request_id_idx').on(table.requestId),
  ],
)

/** The tool calls of one agent run, in call order. */
export const agentToolCalls = pgTable(
  'agent_tool_calls',
  {
    runId: text('run_id')
      .notNull()
      .references(() => agentRuns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    operation: text('operation'),
    paths: jsonb('paths').$type<string[]>().notNull(),
    durationMs: integer('duration_ms').notNull(),
    ok: boolean('ok').notNull(),
    error: text('error'),
    changeId: text('change_id'),
  },
  (table) => [primaryKey({ columns: [table.runId, table.position] })],
)
