/**
 * Crash-safe file replacement: readers see the old bytes or the new bytes, never a torn file,
 * and a killed process leaves at most a hidden temp file that `cleanupTempFiles` removes.
 */
import { randomBytes } from 'node:crypto'
import type { Dirent } from 'node:fs'
import { link, lstat, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import path from 'node:path'

/** Temp files start with a dot, so the vault (and Obsidian) never sees them. */
export const TEMP_PREFIX = '.jasque-tmp-'
const TEMP_NAME = /^\.jasque-tmp-[0-9a-f]{16}$/

export interface AtomicWriteOptions {
  /** Permission bits for the file; default: the existing file's, else 0o644 minus the umask. */
  mode?: number
  /**
   * Runs after the new bytes are on disk, right before they replace the target (or are linked in,
   * with `exclusive`); throwing aborts the write (the temp file is removed, the target untouched).
   */
  beforeRename?: () => Promise<void>
  /** Create only: fail with EEXIST instead of replacing a file that exists (a hard link). */
  exclusive?: boolean
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code
}

async function existingMode(absPath: string): Promise<number | undefined> {
  try {
    return (await stat(absPath)).mode & 0o7777
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw error
  }
}

/** Flushes a folder's entry list so a rename survives power loss (a no-op where unsupported). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } catch (error) {
    if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error
  } finally {
    await handle.close()
  }
}

/** Errors of file systems without hard links, where an exclusive create falls back to a rename. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'])

/**
 * Gives the temp file its final name unless that name exists: a hard link fails atomically with
 * EEXIST, so a note created by someone else meanwhile is never replaced. Where links are not
 * supported, the check and the rename are two steps (a tiny window remains there).
 */
async function linkExclusive(tempPath: string, absPath: string): Promise<void> {
  try {
    await link(tempPath, absPath)
  } catch (error) {
    if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error
    try {
      await lstat(absPath)
    } catch (missing) {
      if (errorCode(missing) !== 'ENOENT') throw missing
      await rename(tempPath, absPath)
      return
    }
    throw Object.assign(new Error(`EEXIST: file already exists, link '${absPath}'`), { code: 'EEXIST' })
  }
  await unlink(tempPath)
}

/**
 * Replaces (or creates) `absPath` atomically: writes a hidden temp file in the same folder,
 * fsyncs it, renames it over the target and fsyncs the folder. The parent folder must exist.
 * On any error the temp file is removed and the target is untouched. Touches disk.
 */
export async function atomicWrite(
  absPath: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const folder = path.dirname(absPath)
  const mode = options.mode ?? (await existingMode(absPath))
  const tempPath = path.join(folder, TEMP_PREFIX + randomBytes(8).toString('hex'))
  // 'wx': never reuse (or follow a symlink planted at) an existing name.
  const handle = await open(tempPath, 'wx', 0o644)
  try {
    try {
      await handle.writeFile(data)
      // An explicit chmod: the mode given to open() is reduced by the umask.
      if (mode !== undefined) await handle.chmod(mode)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await options.beforeRename?.()
    if (options.exclusive === true) await linkExclusive(tempPath, absPath)
    else await rename(tempPath, absPath)
  } catch (error) {
    await unlink(tempPath).catch(() => {})
    throw error
  }
  await syncFolder(folder)
}

export interface CleanupTempFilesOptions {
  /** Only remove temp files at least this old (another process may be writing); default 0. */
  olderThanMs?: number
  now?: () => number
}

/** Every temp-file name under `folder`, hidden folders included, symlinks not followed. */
async function findTempFiles(folder: string, found: string[]): Promise<void> {
  let entries: Dirent[]
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch {
    return // An unreadable or vanished folder holds no temp file we could remove anyway.
  }
  const subfolders: Promise<void>[] = []
  for (const entry of entries) {
    if (entry.isDirectory()) subfolders.push(findTempFiles(path.join(folder, entry.name), found))
    else if (entry.isFile() && TEMP_NAME.test(entry.name)) found.push(path.join(folder, entry.name))
  }
  await Promise.all(subfolders)
}

/**
 * Removes temp files left in the vault by a killed process (hidden folders included, symlinks
 * not followed); returns their vault-relative paths. Call at start-up. Touches disk.
 */
export async function cleanupTempFiles(
  root: string,
  options: CleanupTempFilesOptions = {},
): Promise<string[]> {
  const { olderThanMs = 0, now = Date.now } = options
  const found: string[] = []
  await findTempFiles(root, found)
  const removed: string[] = []
  for (const absolute of found) {
    try {
      if (olderThanMs > 0 && now() - (await lstat(absolute)).mtimeMs < olderThanMs) continue
      await unlink(absolute)
      removed.push(path.relative(root, absolute).split(path.sep).join('/'))
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error
    }
  }
  return removed.sort()
}
