/**
 * The change journal: every vault mutation with what is needed to undo it. Metadata is one row per
 * entry (file changes as jsonb); before-images live in `journal_blobs`, read only by `get`. An entry
 * can grow after it is recorded (`extend`), so a long call is journaled file by file.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import { decodeBeforeImage } from './before-image.ts'
import { extendEntry } from './extend-entry.ts'
import type { Database } from './open-database.ts'
import { journalBlobs, journalEntries } from './schema.ts'
import { encodeChangeBlobs, toStoredChange } from './stored-change.ts'
import type { Journal, JournalEntry, JournalEntrySummary, JournalFileChangeSummary } from './types.ts'
import { guardAvailability } from './unavailable.ts'

export interface CreateJournalOptions {
  db: Database
  now: () => Date
  nextId: (time: Date) => string
  /** Called after each successful record (drives background pruning). */
  onRecord?: () => void
}

type EntryRow = typeof journalEntries.$inferSelect

function toSummary(row: EntryRow): JournalEntrySummary {
  const source: JournalEntrySummary['source'] = {
    kind: row.sourceKind as JournalEntrySummary['source']['kind'],
  }
  if (row.requestId !== null) source.requestId = row.requestId
  if (row.conversationId !== null) source.conversationId = row.conversationId
  const summary: JournalEntrySummary = {
    id: row.id,
    createdAt: row.createdAt,
    source,
    tool: row.tool,
    operation: row.operation,
    paths: row.paths,
    changes: row.changes.map((change): JournalFileChangeSummary => ({ ...change })),
  }
  if (row.summary !== null) summary.summary = row.summary
  if (row.undoneAt !== null) summary.undoneAt = row.undoneAt
  if (row.undoneBy !== null) summary.undoneBy = row.undoneBy
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
        const row = {
          id,
          createdAt,
          sourceKind: input.source.kind,
          requestId: input.source.requestId ?? null,
          conversationId: input.source.conversationId ?? null,
          tool: input.tool,
          operation: input.operation,
          paths: [...input.paths],
          summary: input.summary ?? null,
          changes: input.changes.map(toStoredChange),
        }
        const blobRows = blobs.map((blob) => ({ entryId: id, ...blob }))
        if (blobRows.length === 0) {
          await db.insert(journalEntries).values(row)
        } else {
          await db.transaction(async (tx) => {
            await tx.insert(journalEntries).values(row)
            await tx.insert(journalBlobs).values(blobRows)
          })
        }
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

    listNewest: ({ limit, includeUndone = true }) =>
      guardAvailability(async () => {
        const rows = await db
          .select()
          .from(journalEntries)
          .where(includeUndone ? undefined : isNull(journalEntries.undoneAt))
          .orderBy(desc(journalEntries.id))
          .limit(Math.max(0, Math.floor(limit)))
        return rows.map(toSummary)
      }),

    get: (id) =>
      guardAvailability(async () => {
        const [row] = await db.select().from(journalEntries).where(eq(journalEntries.id, id))
        if (row === undefined) return undefined
        const blobs = await db
          .select()
          .from(journalBlobs)
          .where(eq(journalBlobs.entryId, id))
          .orderBy(asc(journalBlobs.position))
        const { changes, ...summary } = toSummary(row)
        const entry: JournalEntry = {
          ...summary,
          changes: changes.map(({ beforeSize, ...change }) => change),
        }
        for (const blob of blobs) {
          const change = entry.changes[blob.position]
          if (change !== undefined) change.before = await decodeBeforeImage(blob.encoding, blob.data)
        }
        return entry
      }),

    markUndone: (id, { undoneBy } = {}) =>
      guardAvailability(async () => {
        const updated = await db
          .update(journalEntries)
          .set({ undoneAt: now(), undoneBy: undoneBy ?? null })
          .where(and(eq(journalEntries.id, id), isNull(journalEntries.undoneAt)))
          .returning({ id: journalEntries.id })
        return updated.length > 0
      }),

    newestUndoable: () =>
      guardAvailability(async () => {
        const [row] = await db
          .select()
          .from(journalEntries)
          .where(isNull(journalEntries.undoneAt))
          .orderBy(desc(journalEntries.id))
          .limit(1)
        return row === undefined ? undefined : toSummary(row)
      }),
  }
}
