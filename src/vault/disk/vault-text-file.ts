/**
 * Small text files Jasque keeps in the vault for itself (the preferences note): checked by size and
 * mtime, read whole, created only when missing. Paths are vault-relative with `/`.
 */
import { readFile, realpath, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { resolveInsideVault } from '../paths/paths.ts'

export interface VaultPathStat {
  isFile: boolean
  isFolder: boolean
  size: number
  mtimeMs: number
  /** The creation time, where the file system reports one (0 where it does not). */
  birthtimeMs: number
}

const onDisk = (root: string, filePath: string) => path.join(root, ...filePath.split('/'))

/** What is at `filePath` (symlinks followed), or undefined when nothing is. */
export async function statVaultPath(root: string, filePath: string): Promise<VaultPathStat | undefined> {
  const info = await stat(onDisk(root, filePath)).catch(() => undefined)
  if (info === undefined) return undefined
  return {
    isFile: info.isFile(),
    isFolder: info.isDirectory(),
    size: info.size,
    mtimeMs: info.mtimeMs,
    birthtimeMs: info.birthtimeMs,
  }
}

/** The file's text (UTF-8); throws when it resolves outside the vault or cannot be read. */
export async function readVaultText(root: string, filePath: string): Promise<string> {
  const file = onDisk(root, filePath)
  // Security: the file must resolve inside the vault (a symlink must not leak other files).
  const [realFile, realRoot] = await Promise.all([realpath(file), realpath(root)])
  if (!realFile.startsWith(realRoot + path.sep)) throw new Error('it resolves outside the vault')
  return readFile(file, 'utf8')
}

/** Writes `text` to a new file; false when the file already exists. Throws AccessDeniedError outside the vault. */
export async function createVaultText(root: string, filePath: string, text: string): Promise<boolean> {
  // Security: like the read, the write must land inside the vault (its folder may be a symlink).
  await resolveInsideVault(root, filePath)
  try {
    await writeFile(onDisk(root, filePath), text, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}
