/**
 * Replacing a file only while it still holds the bytes an edit was based on, for vaults that other
 * programs (Obsidian, sync tools, editors) write at the same time. The check runs right before the
 * atomic rename; a write that reaches the old file after the check is detected afterwards through
 * a handle kept on it, and its bytes are handed back so the caller can redo its edit on them.
 */
import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import { atomicWrite } from './atomic-write.ts'
import { hashContent } from './content-hash.ts'

/** The file no longer holds the expected bytes (nothing was written). */
export class ChangedOnDiskError extends Error {
  constructor(absPath: string) {
    super(`${absPath} changed on disk`)
    this.name = 'ChangedOnDiskError'
  }
}

export interface ReplaceResult {
  /**
   * Bytes another program wrote into the replaced file after the check (its write went to the old
   * file and is not on disk any more): redo the edit on them. Absent when nothing came late.
   */
  lateBytes?: Buffer
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code

/** Every byte of an open file from its start, whatever the handle's position. */
async function readWhole(handle: FileHandle): Promise<Buffer> {
  const chunks: Buffer[] = []
  let position = 0
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024)
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
    if (bytesRead === 0) break
    chunks.push(chunk.subarray(0, bytesRead))
    position += bytesRead
  }
  return Buffer.concat(chunks)
}

/**
 * Atomically replaces `absPath` with `data` if its current content hashes to `expectedHash`;
 * throws ChangedOnDiskError (target untouched) otherwise or when it is gone. Touches disk.
 */
export async function replaceIfUnchanged(
  absPath: string,
  data: Uint8Array,
  expectedHash: string,
): Promise<ReplaceResult> {
  let handle: FileHandle | undefined
  let checked: { size: number; mtimeMs: number } | undefined
  try {
    await atomicWrite(absPath, data, {
      beforeRename: async () => {
        try {
          handle = await open(absPath, 'r')
        } catch (error) {
          if (errorCode(error) === 'ENOENT') throw new ChangedOnDiskError(absPath)
          throw error
        }
        const { size, mtimeMs } = await handle.stat()
        if (hashContent(await readWhole(handle)) !== expectedHash) throw new ChangedOnDiskError(absPath)
        checked = { size, mtimeMs }
      },
    })
    if (handle === undefined || checked === undefined) return {}
    const after = await handle.stat()
    if (after.size === checked.size && after.mtimeMs === checked.mtimeMs) return {}
    const bytes = await readWhole(handle)
    return hashContent(bytes) === expectedHash ? {} : { lateBytes: bytes }
  } finally {
    await handle?.close()
  }
}
