/**
 * Appends file changes to a recorded journal entry, so a long call (a bulk edit, a move with many
 * link rewrites) can journal each file as it is written and a crash loses at most the one in flight.
 */
import { eq } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../errors.ts'
import type { Database } from './open-database.ts'
import { journalBlobs, journalEntries } from './schema.ts'
import { encodeChangeBlobs, pathsOfChanges, toStoredChange } from './stored-change.ts'
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
  db: Database,
  id: string,
  changes: JournalFileChange[],
  { summary }: ExtendEntryOptions = {},
): Promise<void> {
  // Compressed before the transaction, so the row lock is held only for the writes.
  const blobs = await encodeChangeBlobs(changes)
  await db.transaction(async (tx) => {
    // The row lock orders concurrent extends of one entry, so blob positions never collide.
    const [row] = await tx
      .select({
        paths: journalEntries.paths,
        changes: journalEntries.changes,
        undoneAt: journalEntries.undoneAt,
      })
      .from(journalEntries)
      .where(eq(journalEntries.id, id))
      .for('update')
    if (row === undefined) throw new NotFoundError(`No journal entry ${id} to extend.`)
    if (row.undoneAt !== null)
      throw new ConflictError(`Journal entry ${id} was undone; it takes no more changes.`)
    const first = row.changes.length
    await tx
      .update(journalEntries)
      .set({
        changes: [...row.changes, ...changes.map(toStoredChange)],
        paths: [...new Set([...row.paths, ...pathsOfChanges(changes)])],
        ...(summary === undefined ? {} : { summary }),
      })
      .where(eq(journalEntries.id, id))
    if (blobs.length > 0) {
      await tx
        .insert(journalBlobs)
        .values(blobs.map((blob) => ({ ...blob, entryId: id, position: first + blob.position })))
    }
  })
}
