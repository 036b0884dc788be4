/**
 * Moves a file or folder inside the vault (renames, moves, and their undo): never onto something
 * that exists, under the path locks of both ends, with the index refreshed before it returns.
 */
import { lstat, mkdir, rename } from 'node:fs/promises'
import path from 'node:path'
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors.ts'
import { normalizeVaultPath, resolveInsideVault } from '../paths/paths.ts'
import type { PathLocks } from './path-lock.ts'

/** The parts of a vault a move needs (a `Vault` has them). */
export interface MovableVault {
  /** The vault root, symlinks resolved. */
  root: string
  locks: PathLocks
  /** Re-reads a path (file or folder) into the index. */
  refresh: (changedPath: string) => Promise<void>
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code

/**
 * Moves the file or folder at `from` to `to` (vault-relative, on-disk form), creating missing
 * parent folders. Throws NotFoundError when `from` is missing, ConflictError when `to` exists
 * (a case-only rename of the same file is allowed), InvalidInputError for a folder into itself,
 * AccessDeniedError for the root, hidden or outside paths. Touches disk.
 */
export async function movePath(vault: MovableVault, from: string, to: string): Promise<void> {
  const fromKey = normalizeVaultPath(from, { forMutation: true })
  const toKey = normalizeVaultPath(to, { forMutation: true })
  if (fromKey === toKey) throw new InvalidInputError(`${fromKey} is already at ${toKey}`)
  if (toKey.startsWith(`${fromKey}/`)) throw new InvalidInputError(`Cannot move ${fromKey} into itself`)
  await vault.locks.withLock([from, to], async () => {
    const source = await resolveInsideVault(vault.root, from, { realRoot: vault.root, forMutation: true })
    const target = await resolveInsideVault(vault.root, to, { realRoot: vault.root, forMutation: true })
    const moving = await lstat(source).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') throw new NotFoundError(`Not found: ${fromKey}`)
      throw error
    })
    const existing = await lstat(target).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined
      throw error
    })
    // On a case-insensitive disk `a.md` → `A.md` finds the source itself at the destination.
    const isSameFile = existing !== undefined && existing.ino === moving.ino && existing.dev === moving.dev
    if (existing !== undefined && !isSameFile) throw new ConflictError(`${toKey} already exists`)
    await mkdir(path.dirname(target), { recursive: true })
    // Only processes outside Jasque could create `to` between the check and the rename: our own
    // writers hold its lock.
    await rename(source, target)
    await vault.refresh(from)
    await vault.refresh(to)
  })
}
