/** Writes the before-image rows of a journal entry inside the caller's transaction. */
import type { SqlExecutor } from './sql-client.ts'
import type { encodeChangeBlobs } from './stored-change.ts'

/** Inserts before-image rows; `offset` shifts their positions (an extended entry's new changes). */
export async function insertBlobs(
  tx: SqlExecutor,
  entryId: string,
  blobs: Awaited<ReturnType<typeof encodeChangeBlobs>>,
  offset = 0,
): Promise<void> {
  for (const blob of blobs) {
    await tx.query(
      'insert into journal_blobs (entry_id, position, encoding, size, data) values (?, ?, ?, ?, ?)',
      [entryId, offset + blob.position, blob.encoding, blob.size, blob.data],
    )
  }
}
