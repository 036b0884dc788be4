/**
 * Folder operations for the tools and undo, each on a vault-relative path that must stay inside
 * the vault (symlinks checked, hidden paths refused) and is about to be changed. `root` is the
 * vault's real path, as `Vault.root` holds it.
 */
import { lstat, mkdir, readdir, rmdir } from 'node:fs/promises'
import path from 'node:path'
import { resolveInsideVault } from '../paths/paths.ts'

const resolveForMutation = (root: string, folder: string) =>
  resolveInsideVault(root, folder, { realRoot: root, forMutation: true })

/** Creates `folder` and its missing parents; false, creating nothing, when anything is already there. */
export async function createFolder(root: string, folder: string): Promise<boolean> {
  const absolute = await resolveForMutation(root, folder)
  const isTaken = await lstat(absolute).then(
    () => true,
    () => false,
  )
  if (isTaken) return false
  await mkdir(absolute, { recursive: true })
  return true
}

/** Creates `folder` and its missing parents; nothing happens when it exists. */
export async function ensureFolder(root: string, folder: string): Promise<void> {
  await mkdir(await resolveForMutation(root, folder), { recursive: true })
}

/** The names of every entry right inside `folder`, hidden ones included; sub-folders end in `/`. */
export async function listFolder(root: string, folder: string): Promise<string[]> {
  const entries = await readdir(await resolveForMutation(root, folder), { withFileTypes: true })
  return entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
}

/** Every file below `folder` at any depth (symlinks not followed), as `/`-paths relative to it. */
export async function listFilesBelow(root: string, folder: string): Promise<string[]> {
  const absolute = await resolveForMutation(root, folder)
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) =>
      path.relative(absolute, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
}

/** Removes `folder` only if it is empty: whatever appears in it meanwhile makes this throw (ENOTEMPTY). */
export async function removeEmptyFolder(root: string, folder: string): Promise<void> {
  await rmdir(await resolveForMutation(root, folder))
}
