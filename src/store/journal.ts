/**
 * The change journal: every vault mutation with what is needed to undo it. Metadata is one row per
 * entry (file changes as JSON); before-images live in `journal_blobs`, read only by `get`. An entry
 * can grow after it is recorded (`extend`), so a long call is journaled file by file.
 */
import { decodeBeforeImage } from './before-image.ts'
import { extendEntry } from './extend-entry.ts'
import { insertBlobs } from './insert-blobs.ts'
import { jsonValue, readDate, readJson, readOptionalDate, readOptionalString } from './rows.ts'
import type { SqlClient, SqlRow } from './sql-client.ts'
import { encodeChangeBlobs, type StoredFileChange, toStoredChange } from './stored-change.ts'
import type { Journal, JournalEntry, JournalEntrySummary, JournalFileChangeSummary } from './types.ts'
import { guardAvailability } from './unavailable.ts'

export interface CreateJournalOptions {
  db: SqlClient
  now: () => Date
  nextId: (time: Date) => string
  /** Called after each successful record (drives background pruning). */
  onRecord?: () => void
}

const ENTRY_COLUMNS =
  'id, created_at, source_kind, request_id, conversation_id, run_id, client, tool, operation, paths, summary, changes, undone_at, undone_by'

function toSummary(row: SqlRow): JournalEntrySummary {
  const source: JournalEntrySummary['source'] = {
    kind: row.source_kind as JournalEntrySummary['source']['kind'],
  }
  const requestId = readOptionalString(row.request_id)
  const conversationId = readOptionalString(row.conversation_id)
  const runId = readOptionalString(row.run_id)
  if (requestId !== undefined) source.requestId = requestId
  if (conversationId !== undefined) source.conversationId = conversationId
  if (runId !== undefined) source.runId = runId
  const client = readOptionalString(row.client)
  if (client !== undefined) source.client = client
  const summary: JournalEntrySummary = {
    id: String(row.id),
    createdAt: readDate(row.created_at),
    source,
    tool: String(row.tool),
    operation: String(row.operation),
    paths: readJson<string[]>(row.paths),
    changes: readJson<StoredFileChange[]>(row.changes).map(
      (change): JournalFileChangeSummary => ({ ...change }),
    ),
  }
  const text = readOptionalString(row.summary)
  const undoneAt = readOptionalDate(row.undone_at)
  const undoneBy = readOptionalString(row.undone_by)
  if (text !== undefined) summary.summary = text
  if (undoneAt !== undefined) summary.undoneAt = undoneAt
  if (undoneBy !== undefined) summary.undoneBy = undoneBy
  return summary
}

/** Builds the journal over an open database. */
export function createJournal({ db, now, nextId, onRecord }: CreateJournalOptions): Journal {
  return {
    record: (input) =>
      guardAvailability(async () => {
        const blobs = await encodeChangeBlobs(input.changes)
        const createdAt = now()
        const id = nextId(createdAt)
        await db.transaction(async (tx) => {
          await tx.query(
            `insert into journal_entries (${ENTRY_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null)`,
            [
              id,
              createdAt,
              input.source.kind,
              input.source.requestId ?? null,
              input.source.conversationId ?? null,
              input.source.runId ?? null,
              input.source.client ?? null,
              input.tool,
              input.operation,
              jsonValue(input.paths),
              input.summary ?? null,
              jsonValue(input.changes.map(toStoredChange)),
            ],
          )
          await insertBlobs(tx, id, blobs)
        })
        onRecord?.()
        const entry: JournalEntry = {
          id,
          createdAt,
          source: { ...input.source },
          tool: input.tool,
          operation: input.operation,
          paths: [...input.paths],
          changes: input.changes.map((change) => ({ ...change })),
        }
        if (input.summary !== undefined) entry.summary = input.summary
        return entry
      }),

    extend: (id, changes, options) => guardAvailability(() => extendEntry(db, id, changes, options)),

    listNewest: ({ limit, includeUndone = true, runId }) =>
      guardAvailability(async () => {
        const conditions = [
          ...(includeUndone ? [] : ['undone_at is null']),
          ...(runId === undefined ? [] : ['run_id = ?']),
        ]
        const where = conditions.length === 0 ? '' : `where ${conditions.join(' and ')} `
        const rows = await db.query(
          `select ${ENTRY_COLUMNS} from journal_entries ${where}order by id desc limit ?`,
          [...(runId === undefined ? [] : [runId]), Math.max(0, Math.floor(limit))],
        )
        return rows.map(toSummary)
      }),

    get: (id) =>
      guardAvailability(async () => {
        const [row] = await db.query(`select ${ENTRY_COLUMNS} from journal_entries where id = ?`, [id])
        if (row === undefined) return undefined
        const blobs = await db.query<{ position: number; encoding: string; data: Uint8Array }>(
          'select position, encoding, data from journal_blobs where entry_id = ? order by position',
          [id],
        )
        const { changes, ...summary } = toSummary(row)
        const entry: JournalEntry = {
          ...summary,
          changes: changes.map(({ beforeSize, ...change }) => change),
        }
        for (const blob of blobs) {
          const change = entry.changes[Number(blob.position)]
          if (change !== undefined) change.before = await decodeBeforeImage(blob.encoding, blob.data)
        }
        return entry
      }),

    markUndone: (id, { undoneBy } = {}) =>
      guardAvailability(async () => {
        const updated = await db.query(
          'update journal_entries set undone_at = ?, undone_by = ? where id = ? and undone_at is null returning id',
          [now(), undoneBy ?? null, id],
        )
        return updated.length > 0
      }),

    newestUndoable: () =>
      guardAvailability(async () => {
        const [row] = await db.query(
          `select ${ENTRY_COLUMNS} from journal_entries where undone_at is null order by id desc limit 1`,
        )
        return row === undefined ? undefined : toSummary(row)
      }),
  }
}
