/**
 * Lists a vault's visible files and folders as Obsidian shows them, without ever leaving the
 * vault. Folder symlinks are never entered: one pointing outside would leak, one pointing inside
 * would list notes twice (or loop); file symlinks are kept only when they land on a visible file.
 */
import type { Dirent, Stats } from 'node:fs'
import { realpathSync, statSync } from 'node:fs'
import { readdir, realpath } from 'node:fs/promises'
import path from 'node:path'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { comparePaths } from '../paths/compare-paths.ts'

export interface VaultFile {
  /** Vault-relative, `/`-separated, NFC. */
  path: string
  /** The name as stored on disk, only when it differs from `path` (e.g. NFD from macOS). */
  diskPath?: string
  size: number
  mtimeMs: number
  /** A `.md` file (any case). */
  isNote: boolean
}

export interface VaultWalk {
  /** Sorted by path (code-point order). */
  files: VaultFile[]
  /** Visible folders, sorted, without the root. */
  folders: string[]
  /** Folders or files that could not be read (permission, vanished meanwhile); skipped. */
  errors: { path: string; code: string }[]
}

export interface WalkVaultOptions {
  /** Folders read at once (default 8). */
  concurrency?: number
  signal?: AbortSignal
  /**
   * Stat notes too (default). False leaves size and mtimeMs of plain notes at 0, for a caller
   * that reads them anyway (the index build: its readers stat the open file).
   */
  statNotes?: boolean
}

const STAT_SLICE = 256

type Limit = <T>(task: () => Promise<T>) => Promise<T>

/** Runs at most `max` tasks at once; a finished task hands its slot straight to the next. */
function createLimit(max: number): Limit {
  let active = 0
  // A queue read from `head`: Array.shift() is O(n) and tens of thousands of stats wait here.
  let waiting: (() => void)[] = []
  let head = 0
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve))
    else active++
    try {
      return await task()
    } finally {
      const next = waiting[head]
      if (next === undefined) active--
      else {
        head++
        if (head === waiting.length) {
          waiting = []
          head = 0
        }
        next()
      }
    }
  }
}

function isInsideVisible(realRoot: string, real: string): boolean {
  const relative = path.relative(realRoot, real)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false
  return !relative.split(path.sep).some((segment) => segment.startsWith('.'))
}

/** Walks the whole vault under `root` with bounded concurrency; reads metadata, never file contents. */
export async function walkVault(root: string, options: WalkVaultOptions = {}): Promise<VaultWalk> {
  const { concurrency = 8, signal, statNotes = true } = options
  const realRoot = await realpath(root)
  const limit = createLimit(concurrency)
  const result: VaultWalk = { files: [], folders: [], errors: [] }
  const fail = (relative: string, error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    if (code === undefined) throw error
    result.errors.push({ path: relative.normalize('NFC'), code })
  }

  // Stats are synchronous, per folder, in slices: 3x faster than one promise per file on 50k
  // files, and the event loop still turns between slices.
  const addFile = (relative: string, entry: Dirent) => {
    const isNote = /\.md$/i.test(relative)
    if (!statNotes && isNote && entry.isFile()) return pushFile(relative, isNote, 0, 0)
    const absolute = path.join(realRoot, relative)
    let info: Stats
    try {
      // Security: a file symlink counts only if it lands on a visible file of this vault.
      if (entry.isSymbolicLink() && !isInsideVisible(realRoot, realpathSync(absolute))) return
      info = statSync(absolute)
    } catch (error) {
      return fail(relative, error)
    }
    if (info.isFile()) pushFile(relative, isNote, info.size, info.mtimeMs)
  }
  const pushFile = (relative: string, isNote: boolean, size: number, mtimeMs: number) => {
    const posix = path.sep === '/' ? relative : relative.split(path.sep).join('/')
    const normalized = posix.normalize('NFC')
    const file: VaultFile = { path: normalized, size, mtimeMs, isNote }
    if (normalized !== posix) file.diskPath = posix
    result.files.push(file)
  }

  const walkFolder = async (relative: string): Promise<void> => {
    signal?.throwIfAborted()
    let entries: Dirent[]
    try {
      entries = await limit(() => readdir(path.join(realRoot, relative), { withFileTypes: true }))
    } catch (error) {
      return fail(relative, error)
    }
    const pending: Promise<void>[] = []
    let statted = 0
    for (const entry of entries) {
      // Obsidian: dot-files and dot-folders are hidden; our own temp files start with a dot too.
      if (entry.name.startsWith('.')) continue
      const child = relative === '' ? entry.name : path.join(relative, entry.name)
      if (entry.isDirectory()) {
        result.folders.push(child.split(path.sep).join('/').normalize('NFC'))
        const walking = walkFolder(child)
        // Observed now so a rejection is not reported as unhandled while this folder yields.
        walking.catch(() => {})
        pending.push(walking)
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        addFile(child, entry)
        if (++statted % STAT_SLICE === 0) await yieldToLoop()
      }
    }
    await Promise.all(pending)
  }

  await walkFolder('')
  result.files.sort((a, b) => comparePaths(a.path, b.path))
  result.folders.sort(comparePaths)
  return result
}
