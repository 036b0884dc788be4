/**
 * Appends file changes to a recorded journal entry, so a long call (a bulk edit, a move with many
 * link rewrites) can journal each file as it is written and a crash loses at most the one in flight.
 */
import { ConflictError, NotFoundError } from '../errors.ts'
import { insertBlobs } from './insert-blobs.ts'
import { jsonValue, readJson } from './rows.ts'
import type { SqlClient } from './sql-client.ts'
import { encodeChangeBlobs, pathsOfChanges, type StoredFileChange, toStoredChange } from './stored-change.ts'
import type { JournalFileChange } from './types.ts'

export interface ExtendEntryOptions {
  /** Replaces the entry's summary (a call in progress gets its final one at the end). */
  summary?: string
}

/**
 * Adds `changes` after the entry's own (with their before-images and paths) in one transaction.
 * Rejects with NotFoundError for an unknown id and ConflictError for an entry already undone.
 */
export async function extendEntry(
  db: SqlClient,
  id: string,
  changes: JournalFileChange[],
  { summary }: ExtendEntryOptions = {},
): Promise<void> {
  // Compressed before the transaction, so the lock is held only for the writes.
  const blobs = await encodeChangeBlobs(changes)
  // PostgreSQL: the row lock orders concurrent extends of one entry, so blob positions never
  // collide; SQLite's write transaction already excludes every other writer.
  const lock = db.dialect === 'postgresql' ? ' for update' : ''
  await db.transaction(async (tx) => {
    const [row] = await tx.query(
      `select paths, changes, undone_at from journal_entries where id = ?${lock}`,
      [id],
    )
    if (row === undefined) throw new NotFoundError(`No journal entry ${id} to extend.`)
    if (row.undone_at !== null)
      throw new ConflictError(`Journal entry ${id} was undone; it takes no more changes.`)
    const stored = readJson<StoredFileChange[]>(row.changes)
    const paths = readJson<string[]>(row.paths)
    const first = stored.length
    await tx.query(
      `update journal_entries set changes = ?, paths = ?${summary === undefined ? '' : ', summary = ?'} where id = ?`,
      [
        jsonValue([...stored, ...changes.map(toStoredChange)]),
        jsonValue([...new Set([...paths, ...pathsOfChanges(changes)])]),
        ...(summary === undefined ? [] : [summary]),
        id,
      ],
    )
    await insertBlobs(tx, id, blobs, first)
  })
}
