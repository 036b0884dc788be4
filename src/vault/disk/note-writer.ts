/**
 * Every change Jasque makes to notes on disk: atomic writes under a per-path lock, an optional
 * expected-hash precondition, preserved BOM and line endings, deletes to the vault's trash, and
 * the index updated before the call returns. Each result carries the bytes needed to undo it.
 */
import { lstat, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { ConflictError, InvalidInputError, NotFoundError, StaleWriteError } from '../../errors.ts'
import { type DecodedNote, decodeNote, encodeNote } from '../parse/line-endings.ts'
import { isNotePath } from '../paths/note-path.ts'
import { normalizeVaultPath, resolveInsideVault } from '../paths/paths.ts'
import { readVaultSettings } from '../vault-settings.ts'
import { atomicWrite } from './atomic-write.ts'
import { hashContent } from './content-hash.ts'
import type { PathLocks } from './path-lock.ts'
import { ChangedOnDiskError, replaceIfUnchanged } from './replace-if-unchanged.ts'
import { moveToTrash } from './trash.ts'

export interface NoteSnapshot extends DecodedNote {
  path: string
  bytes: Buffer
  hash: string
}

export interface WriteOutcome {
  path: string
  /** The previous bytes; null when the note was created. */
  before: Buffer | null
  beforeHash?: string
  after: Buffer
  afterHash: string
}

export interface DeleteOutcome {
  path: string
  before: Buffer
  beforeHash: string
  /** Where the note went in the vault (`.trash/…`); absent when the vault deletes permanently. */
  trashPath?: string
}

export interface NoteWriterOptions {
  /** The vault root, symlinks resolved. */
  root: string
  locks: PathLocks
  /** Re-reads a path into the index (after our own writes). */
  refresh: (notePath: string) => Promise<void>
}

function requireNotePath(notePath: string): void {
  if (!isNotePath(notePath)) {
    throw new InvalidInputError(
      `Not a note: ${notePath}. Notes are .md files; give the path with its .md name.`,
    )
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code

/** How often an edit is redone when other programs keep changing the note underneath it. */
const MAX_ATTEMPTS = 50

export type NoteWriter = ReturnType<typeof createNoteWriter>

/** Creates the writer of one vault. */
export function createNoteWriter({ root, locks, refresh }: NoteWriterOptions) {
  const absolute = (notePath: string, forMutation = true) =>
    resolveInsideVault(root, notePath, { realRoot: root, forMutation })

  async function readSnapshot(notePath: string): Promise<NoteSnapshot> {
    requireNotePath(notePath)
    let bytes: Buffer
    try {
      bytes = await readFile(await absolute(notePath, false))
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR')
        throw new NotFoundError(`Note not found: ${notePath}`)
      if (errorCode(error) === 'EISDIR') throw new InvalidInputError(`${notePath} is a folder, not a note.`)
      throw error
    }
    return { path: notePath, bytes, hash: hashContent(bytes), ...decodeNote(bytes) }
  }

  async function exists(absolutePath: string): Promise<boolean> {
    try {
      await lstat(absolutePath)
      return true
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false
      throw error
    }
  }

  /** Creates a note that must not exist (ConflictError when something appeared at its path). */
  async function createFile(notePath: string, bytes: Uint8Array): Promise<void> {
    const target = await absolute(notePath)
    await mkdir(path.dirname(target), { recursive: true })
    try {
      await atomicWrite(target, bytes, { exclusive: true })
    } catch (error) {
      if (errorCode(error) === 'EEXIST') {
        throw new ConflictError(`Note already exists: ${notePath}. Use operation='update' to change it.`)
      }
      throw error
    }
    await refresh(notePath)
  }

  /**
   * Replaces a file that must still hash to `expectedHash`; throws ChangedOnDiskError otherwise.
   * Returns the bytes of a write that reached the replaced file after the check (see replaceIfUnchanged).
   */
  async function replaceFile(
    filePath: string,
    bytes: Uint8Array,
    base: Uint8Array,
    keepAppends = false,
  ): Promise<Buffer | undefined> {
    const { lateBytes } = await replaceIfUnchanged(await absolute(filePath), bytes, base, { keepAppends })
    await refresh(filePath)
    return lateBytes
  }

  /** The current bytes of a file whose hash must be `expectedHash` (ChangedOnDiskError otherwise). */
  async function readExpected(filePath: string, expectedHash: string): Promise<Buffer> {
    let bytes: Buffer
    try {
      bytes = await readFile(await absolute(filePath))
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw new ChangedOnDiskError(filePath)
      throw error
    }
    if (hashContent(bytes) !== expectedHash) throw new ChangedOnDiskError(filePath)
    return bytes
  }

  /**
   * Replaces a file only if it still hashes to `expectedHash`, else StaleWriteError with `message`.
   * A write by another program that came in during the replacement is put back before refusing.
   */
  async function replaceOrRefuse(
    filePath: string,
    bytes: Uint8Array,
    expectedHash: string,
    message?: string,
  ): Promise<void> {
    let late: Buffer | undefined
    try {
      late = await replaceFile(filePath, bytes, await readExpected(filePath, expectedHash))
    } catch (error) {
      if (error instanceof ChangedOnDiskError) throw new StaleWriteError(message)
      throw error
    }
    if (late !== undefined) {
      await restoreLateBytes(filePath, late, bytes)
      throw new StaleWriteError(message)
    }
  }

  /** Puts back bytes another program wrote while we replaced the file (ours are on disk now). */
  async function restoreLateBytes(filePath: string, late: Buffer, ours: Uint8Array): Promise<void> {
    let expected = ours
    let bytes = late
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      try {
        const again = await replaceFile(filePath, bytes, expected)
        if (again === undefined) return
        expected = bytes
        bytes = again
      } catch (error) {
        // Someone rewrote the file after ours: their version stands, nothing of theirs is lost.
        if (error instanceof ChangedOnDiskError) return
        throw error
      }
    }
  }

  return {
    /** Normalises a user-given path (throws AccessDeniedError/InvalidInputError). */
    normalize: (input: string, forMutation = true) => normalizeVaultPath(input, { forMutation }),

    /** Reads a note's current bytes from disk (fresh, not from the index). */
    read: readSnapshot,

    /** Reads any text file of the vault (notes, canvases); undefined when it does not exist. */
    async readFile(filePath: string): Promise<(DecodedNote & { bytes: Buffer; hash: string }) | undefined> {
      try {
        const bytes = await readFile(await absolute(filePath, false))
        return { bytes, hash: hashContent(bytes), ...decodeNote(bytes) }
      } catch (error) {
        if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined
        throw error
      }
    },

    /** Replaces a file's bytes only if its current hash is `expectedHash` (StaleWriteError otherwise). */
    async replaceBytes(filePath: string, bytes: Uint8Array, expectedHash: string): Promise<void> {
      await locks.withLock(filePath, async () => {
        await replaceOrRefuse(
          filePath,
          bytes,
          expectedHash,
          `${filePath} changed meanwhile; its links were left as they were.`,
        )
      })
    },

    /** Creates a note; fails with ConflictError when anything exists at the path. */
    async create(notePath: string, text: string): Promise<WriteOutcome> {
      requireNotePath(notePath)
      return locks.withLock(notePath, async () => {
        if (await exists(await absolute(notePath))) {
          throw new ConflictError(`Note already exists: ${notePath}. Use operation='update' to change it.`)
        }
        const after = Buffer.from(text, 'utf8')
        await createFile(notePath, after)
        return { path: notePath, before: null, after, afterHash: hashContent(after) }
      })
    },

    /**
     * Rewrites a note from its current text under its lock: `edit` gets the fresh snapshot and
     * returns the new text (BOM handled here; keep the file's line endings) or null for no change.
     */
    async edit(
      notePath: string,
      edit: (note: NoteSnapshot) => string | null,
      options: { expectedHash?: string } = {},
    ): Promise<WriteOutcome & { changed: boolean }> {
      return locks.withLock(notePath, async () => {
        const first = await readSnapshot(notePath)
        if (options.expectedHash !== undefined && options.expectedHash !== first.hash)
          throw new StaleWriteError()
        let note = first
        // What the file on disk holds now: the note read, or our own bytes after a late write.
        let disk: Uint8Array = first.bytes
        // Without expected_hash, bytes another program appends meanwhile are kept after ours.
        const keepAppends = options.expectedHash === undefined
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
          if (note.hasInvalidBytes) {
            throw new InvalidInputError(
              `${notePath} is not valid UTF-8; Jasque will not rewrite it (bytes would be lost).`,
            )
          }
          const text = edit(note)
          const after = text === null || text === note.text ? note.bytes : Buffer.from(encodeNote(text, note))
          const afterHash = hashContent(after)
          const outcome = {
            path: notePath,
            before: note.bytes,
            beforeHash: note.hash,
            after,
            afterHash,
            changed: afterHash !== note.hash,
          }
          if (afterHash === hashContent(disk)) return outcome
          let late: Buffer | undefined
          try {
            late = await replaceFile(notePath, after, disk, keepAppends)
          } catch (error) {
            if (!(error instanceof ChangedOnDiskError)) throw error
            // Another program changed the note since it was read: redo the edit on its version.
            if (options.expectedHash !== undefined) throw new StaleWriteError()
            note = await readSnapshot(notePath)
            disk = note.bytes
            continue
          }
          if (late === undefined) return outcome
          // A write reached the note while ours replaced it: redo the edit on those bytes.
          if (options.expectedHash !== undefined) {
            await restoreLateBytes(notePath, late, after)
            throw new StaleWriteError()
          }
          note = { path: notePath, bytes: late, hash: hashContent(late), ...decodeNote(late) }
          disk = after
        }
        throw new ConflictError(
          `${notePath} kept changing while Jasque edited it (${MAX_ATTEMPTS} tries); try again.`,
        )
      })
    },

    /** Moves a note to the vault's trash (or deletes it when the vault says `none`). */
    async delete(notePath: string, options: { expectedHash?: string } = {}): Promise<DeleteOutcome> {
      return locks.withLock(notePath, async () => {
        const note = await readSnapshot(notePath)
        if (options.expectedHash !== undefined && options.expectedHash !== note.hash)
          throw new StaleWriteError()
        const settings = await readVaultSettings(root)
        const trashed = await moveToTrash(root, notePath, settings)
        await refresh(notePath)
        return {
          path: notePath,
          before: note.bytes,
          beforeHash: note.hash,
          ...(trashed.trashPath === undefined ? {} : { trashPath: trashed.trashPath }),
        }
      })
    },

    /**
     * Writes exact bytes (undo): `expectedHash` null = the file must not exist; a string = the
     * file's current hash must match; refuses otherwise, never clobbering a newer edit.
     */
    async restore(notePath: string, bytes: Uint8Array | null, expectedHash: string | null): Promise<void> {
      await locks.withLock(notePath, async () => {
        const target = await absolute(notePath)
        let currentHash: string | null = null
        try {
          currentHash = hashContent(await readFile(target))
        } catch (error) {
          if (errorCode(error) !== 'ENOENT') throw error
        }
        const refusal = `${notePath} changed since; undo leaves it as it is.`
        if (currentHash !== expectedHash) throw new StaleWriteError(refusal)
        if (bytes === null) {
          const settings = await readVaultSettings(root)
          await moveToTrash(root, notePath, settings)
          await refresh(notePath)
        } else if (expectedHash === null) {
          await mkdir(path.dirname(target), { recursive: true })
          try {
            await atomicWrite(target, bytes, { exclusive: true })
          } catch (error) {
            if (errorCode(error) === 'EEXIST') throw new StaleWriteError(refusal)
            throw error
          }
          await refresh(notePath)
        } else await replaceOrRefuse(notePath, bytes, expectedHash, refusal)
      })
    },
  }
}
