/**
 * Replacing a file only while it still holds the bytes an edit was based on, for vaults that other
 * programs (Obsidian, sync tools, editors) write at the same time. The check runs right before the
 * atomic rename; a write that reaches the old file after the check is found afterwards through a
 * handle kept on it. Bytes another program appended meanwhile can be appended again to the new
 * file (`keepAppends`), so a program appending in a loop neither loses lines nor starves the edit.
 */
import type { FileHandle } from 'node:fs/promises'
import { appendFile, open } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { atomicWrite } from './atomic-write.ts'
import { hashContent } from './content-hash.ts'

/** The file no longer holds the expected bytes (nothing was written). */
export class ChangedOnDiskError extends Error {
  constructor(absPath: string) {
    super(`${absPath} changed on disk`)
    this.name = 'ChangedOnDiskError'
  }
}

export interface ReplaceOptions {
  /**
   * Accept a file that grew by appends since `base` was read: the appended bytes are appended
   * again after the new content. Without it any difference refuses (ChangedOnDiskError).
   */
  keepAppends?: boolean
}

export interface ReplaceResult {
  /**
   * Bytes another program wrote into the replaced file after the check that are not appends to
   * the base (its write went to the old file and is not on disk any more): redo the edit on them.
   */
  lateBytes?: Buffer
  /** Bytes appended by another program meanwhile, appended again after the new content. */
  reappended?: number
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

const extends_ = (bytes: Buffer, base: Uint8Array) =>
  bytes.length >= base.length && bytes.subarray(0, base.length).equals(base)

/**
 * How long an appending program may take between opening the old file and writing to it: 1.5 ms at
 * most measured here on a quiet machine, over 10 ms seen on a loaded one.
 */
const SETTLE_MS = 50
/** A file changed this recently is being written by someone: watch the old file after the rename. */
const ACTIVE_MS = 2000

/**
 * Appends to `absPath` what was appended to the replaced file (open in `handle`) after its first
 * `from` bytes, then again whatever a program that opened the old file before the rename still
 * writes to it, until it stays quiet for SETTLE_MS. Returns the bytes carried over.
 */
async function carryAppends(handle: FileHandle, absPath: string, from: number): Promise<number> {
  let carried = from
  for (;;) {
    const old = await readWhole(handle)
    if (old.length > carried) {
      await appendFile(absPath, old.subarray(carried))
      carried = old.length
    }
    await sleep(SETTLE_MS)
    if ((await handle.stat()).size <= carried) return carried - from
  }
}

/**
 * Atomically replaces `absPath` with `data` if it still holds `base` (or, with `keepAppends`,
 * `base` followed by appended bytes); throws ChangedOnDiskError, leaving the file untouched,
 * otherwise or when it is gone. Touches disk.
 */
export async function replaceIfUnchanged(
  absPath: string,
  data: Uint8Array,
  base: Uint8Array,
  { keepAppends = false }: ReplaceOptions = {},
): Promise<ReplaceResult> {
  const baseHash = hashContent(base)
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
        const current = await readWhole(handle)
        const same = hashContent(current) === baseHash
        if (!same && !(keepAppends && extends_(current, base))) throw new ChangedOnDiskError(absPath)
        checked = { size, mtimeMs }
      },
    })
    if (handle === undefined || checked === undefined) return {}
    // A program that opened the old file just before the rename may still be writing to it.
    if (keepAppends) {
      const old = await readWhole(handle)
      if (!extends_(old, base)) return { lateBytes: old }
      if (old.length === base.length && Date.now() - checked.mtimeMs > ACTIVE_MS) return {}
      const reappended = await carryAppends(handle, absPath, base.length)
      return reappended === 0 ? {} : { reappended }
    }
    const after = await handle.stat()
    if (after.size === base.length && after.size === checked.size && after.mtimeMs === checked.mtimeMs) {
      return {}
    }
    const old = await readWhole(handle)
    if (hashContent(old) === baseHash) return {}
    return { lateBytes: old }
  } finally {
    await handle?.close()
  }
}
