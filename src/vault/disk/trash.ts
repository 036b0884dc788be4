/**
 * Deletes the way the vault asks: into its `.trash/` folder (Obsidian's "Move to Obsidian trash"),
 * or permanently only when `.obsidian/app.json` says `trashOption: none`. Moves never overwrite.
 */
import { link, lstat, mkdir, rename, rm, unlink } from 'node:fs/promises'
import path from 'node:path'
import { AccessDeniedError, ConflictError, NotFoundError } from '../../errors.ts'
import { normalizeVaultPath, resolveInsideVault, splitVaultPath } from '../paths/paths.ts'
import type { VaultSettings } from '../vault-settings.ts'

export const TRASH_FOLDER = '.trash'
const MAX_SUFFIX = 10_000

export interface TrashResult {
  /** Vault-relative, e.g. `.trash/Name 1.md`; absent for a permanent delete. */
  trashPath?: string
  permanent: boolean
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code
}

const exists = (absolute: string) =>
  lstat(absolute).then(
    () => true,
    (error) => (errorCode(error) === 'ENOENT' ? false : Promise.reject(error)),
  )

/** `Name.md` → `Name 1.md`, `Folder` → `Folder 1`: the suffix goes before the last extension. */
export function withNumberSuffix(name: string, n: number, isFolder: boolean): string {
  if (n === 0) return name
  const dot = isFolder ? -1 : name.lastIndexOf('.')
  return dot > 0 ? `${name.slice(0, dot)} ${n}${name.slice(dot)}` : `${name} ${n}`
}

/** Renames without ever replacing what is at `to`; fails with code EEXIST when it is taken. */
async function moveNoClobber(from: string, to: string, isFolder: boolean): Promise<void> {
  if (!isFolder) {
    try {
      // A hard link fails atomically when `to` exists; a crash in between leaves two names, not zero.
      await link(from, to)
      await unlink(from)
      return
    } catch (error) {
      if (errorCode(error) === 'EEXIST') throw error
      // No hard links here (some filesystems): fall back to check-then-rename below.
    }
  }
  if (await exists(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' })
  await rename(from, to)
}

/** The vault's `.trash` folder, created if missing; refused when it is a symlink or a file. */
async function trashFolder(root: string): Promise<string> {
  const folder = path.join(root, TRASH_FOLDER)
  await mkdir(folder, { recursive: true })
  // Security: a planted `.trash` symlink would carry deleted notes out of the vault.
  if (!(await lstat(folder)).isDirectory())
    throw new AccessDeniedError(`Access denied: ${TRASH_FOLDER} is not a folder`)
  return folder
}

/**
 * Deletes a vault file or folder (`relPath` in its on-disk form): moves it into `.trash/` under
 * its own name (`Name 1.md`, `Name 2.md`… when taken) for `local` and `system`, removes it for
 * `none`. Throws NotFoundError, AccessDeniedError (root, hidden, outside). Touches disk.
 */
export async function moveToTrash(
  root: string,
  relPath: string,
  settings: Pick<VaultSettings, 'trashOption'>,
): Promise<TrashResult> {
  const absolute = await resolveInsideVault(root, relPath, { forMutation: true })
  const info = await lstat(absolute).catch((error) => {
    if (errorCode(error) === 'ENOENT') throw new NotFoundError(`Not found: ${normalizeVaultPath(relPath)}`)
    throw error
  })
  if (settings.trashOption === 'none') {
    await rm(absolute, { recursive: true })
    return { permanent: true }
  }
  const folder = await trashFolder(root)
  const name = path.basename(absolute)
  for (let n = 0; n < MAX_SUFFIX; n++) {
    const candidate = withNumberSuffix(name, n, info.isDirectory())
    try {
      await moveNoClobber(absolute, path.join(folder, candidate), info.isDirectory())
      return { trashPath: `${TRASH_FOLDER}/${candidate}`, permanent: false }
    } catch (error) {
      if (errorCode(error) !== 'EEXIST' && errorCode(error) !== 'ENOTEMPTY') throw error
    }
  }
  throw new ConflictError(`The trash holds too many items named ${name}; empty it and try again`)
}

/**
 * Moves an item back from the trash to `originalPath` (both in on-disk form), creating missing
 * parent folders. Throws ConflictError when the original path is occupied, NotFoundError when
 * the trash item is gone, AccessDeniedError for a path outside `.trash/` or the vault. Touches disk.
 */
export async function restoreFromTrash(root: string, trashPath: string, originalPath: string): Promise<void> {
  const prefix = `${TRASH_FOLDER}/`
  const inside = trashPath.startsWith(prefix) ? trashPath.slice(prefix.length) : ''
  // Security: only a clean path below `.trash/` (as moveToTrash returned it) may be taken from.
  if (inside === '' || splitVaultPath(inside, { forMutation: true }).join('/') !== inside) {
    throw new AccessDeniedError(`Access denied: ${trashPath} is not an item of ${prefix}`)
  }
  const from = path.join(await trashFolder(root), ...inside.split('/'))
  const info = await lstat(from).catch((error) => {
    if (errorCode(error) === 'ENOENT') throw new NotFoundError(`Not in the trash any more: ${trashPath}`)
    throw error
  })
  const to = await resolveInsideVault(root, originalPath, { forMutation: true })
  const occupied = () =>
    new ConflictError(`Cannot restore: ${normalizeVaultPath(originalPath)} already exists`)
  if (await exists(to)) throw occupied()
  await mkdir(path.dirname(to), { recursive: true })
  try {
    await moveNoClobber(from, to, info.isDirectory())
  } catch (error) {
    if (errorCode(error) === 'EEXIST' || errorCode(error) === 'ENOTEMPTY') throw occupied()
    throw error
  }
}
