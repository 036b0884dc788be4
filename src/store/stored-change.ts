/** How a file change is stored: metadata inline in the entry row, before-image bytes as a blob row. */
import { type EncodedBeforeImage, encodeBeforeImage } from './before-image.ts'
import type { JournalFileChange } from './types.ts'

/** Metadata of one change to one file, kept inline; the before-image bytes live in `journal_blobs`. */
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

/** A change's metadata as kept in `journal_entries.changes`: the bytes replaced by their size. */
export function toStoredChange(change: JournalFileChange): StoredFileChange {
  const { before, ...rest } = change
  const stored: StoredFileChange = { ...rest }
  if (before !== undefined) stored.beforeSize = before.byteLength
  return stored
}

/** The encoded before-images of `changes`, each with the index of its change. */
export async function encodeChangeBlobs(
  changes: JournalFileChange[],
): Promise<(EncodedBeforeImage & { position: number })[]> {
  const blobs = await Promise.all(
    changes.map(async (change, index) =>
      change.before === undefined
        ? undefined
        : { position: index, ...(await encodeBeforeImage(change.before)) },
    ),
  )
  return blobs.filter((blob) => blob !== undefined)
}

/** Every path `changes` touch, a move's origin before its destination, each once. */
export function pathsOfChanges(changes: JournalFileChange[]): string[] {
  return [
    ...new Set(
      changes.flatMap((change) =>
        change.fromPath === undefined ? [change.path] : [change.fromPath, change.path],
      ),
    ),
  ]
}
