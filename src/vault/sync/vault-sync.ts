/**
 * Keeps the index equal to the disk: applies a changed path (file created, edited, deleted, a
 * folder moved in or out) after a short coalescing delay, and rescans a folder when events were lost.
 */
import type { Stats } from 'node:fs'
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../../log.ts'
import { hashContent } from '../disk/content-hash.ts'
import { readFileWithStat } from '../disk/read-note-file.ts'
import type { NoteIndex } from '../index/note-index.ts'
import { isNotePath } from '../paths/note-path.ts'
import type { DirectoryWatcher } from './watcher.ts'

export interface VaultSyncOptions {
  root: string
  /** The vault root after resolving symlinks, to refuse links pointing outside. */
  realRoot: string
  index: NoteIndex
  watcher: DirectoryWatcher | undefined
  log: Logger
  /** Coalescing delay for bursts of events on one path (ms). */
  delayMs?: number
  onChange?: (changedPath: string) => void
  /** Changes are held until this settles (the initial build), so a fresher read is never overwritten. */
  after?: Promise<void>
}

/** Creates the sync engine; `schedule(path)` queues a path, `apply(path)` applies it now. */
export function createVaultSync(options: VaultSyncOptions) {
  const { root, realRoot, index, log, delayMs = 15, onChange } = options
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = options.after ?? Promise.resolve()

  async function statInside(relativePath: string): Promise<Stats | undefined> {
    const absolute = path.join(root, relativePath)
    try {
      const stats = await lstat(absolute)
      if (!stats.isSymbolicLink()) return stats
      // Security: a symlink is followed only when it stays inside the vault.
      const target = await realpath(absolute)
      if (target !== realRoot && !target.startsWith(`${realRoot}${path.sep}`)) return undefined
      const followed = await stat(absolute)
      return followed.isDirectory() ? undefined : followed
    } catch {
      return undefined
    }
  }

  function removeTree(folder: string): void {
    const prefix = `${folder}/`
    for (const file of [...index.files()]) if (file.path.startsWith(prefix)) index.remove(file.path)
    index.removeFolder(folder)
    options.watcher?.unwatchTree(folder)
  }

  async function applyFolder(folder: string): Promise<void> {
    index.addFolder(folder.normalize('NFC'))
    const watcher = options.watcher
    if (watcher !== undefined && !watcher.isWatching(folder)) await watcher.watchTree(folder)
    await rescan(folder)
  }

  /** `force`: compare the content hash even when size and mtime match (a file seen changed otherwise). */
  async function apply(diskRelativePath: string, force = false): Promise<void> {
    // Index keys are NFC; the disk may hold another form (macOS writes NFD names).
    const relativePath = diskRelativePath.normalize('NFC')
    const disk = relativePath === diskRelativePath ? {} : { diskPath: diskRelativePath }
    const stats = await statInside(diskRelativePath)
    if (stats === undefined) {
      if (index.hasFile(relativePath)) index.remove(relativePath)
      else if (index.hasFolder(relativePath)) removeTree(relativePath)
      else return
    } else if (stats.isDirectory()) {
      await applyFolder(diskRelativePath)
    } else if (stats.isFile()) {
      const known = index.getFile(relativePath)
      if (!force && known !== undefined && known.size === stats.size && known.mtimeMs === stats.mtimeMs)
        return
      if (!isNotePath(relativePath)) {
        index.addFile({ path: relativePath, ...disk, size: stats.size, mtimeMs: stats.mtimeMs })
      } else {
        const file = readFileWithStat(path.join(root, diskRelativePath))
        const note = index.getNote(relativePath)
        const info = { path: relativePath, ...disk, size: file.size, mtimeMs: file.mtimeMs }
        if (note !== undefined && note.size === file.size && note.hash === hashContent(file.bytes)) {
          index.addFile(info)
        } else index.upsertNote(info, file.bytes)
      }
    } else return
    onChange?.(relativePath)
  }

  /** Makes the index match a folder's direct listing, recursing into subfolders. */
  async function rescan(folder: string): Promise<void> {
    let names: string[]
    try {
      names = (await readdir(folder === '' ? root : path.join(root, folder))).filter(
        (name) => !name.startsWith('.'),
      )
    } catch {
      return
    }
    const present = new Set(names.map((name) => (folder === '' ? name : `${folder}/${name}`)))
    const presentKeys = new Set([...present].map((entry) => entry.normalize('NFC')))
    const prefix = folder === '' ? '' : `${folder.normalize('NFC')}/`
    for (const file of [...index.files()]) {
      const rest = file.path.slice(prefix.length)
      if (file.path.startsWith(prefix) && !rest.includes('/') && !presentKeys.has(file.path))
        index.remove(file.path)
    }
    for (const entry of present) await apply(entry)
  }

  function flush(): void {
    timer = undefined
    const paths = [...pending]
    pending.clear()
    running = running.then(async () => {
      for (const changed of paths) {
        try {
          await apply(changed)
        } catch (error) {
          log.warn({ path: changed, err: error }, 'could not apply a vault change')
        }
      }
    })
  }

  return {
    /** Queues a path changed outside Jasque. */
    schedule(changedPath: string): void {
      pending.add(changedPath)
      timer ??= setTimeout(flush, delayMs)
    },
    scheduleRescan(folder: string): void {
      running = running
        .then(() => rescan(folder))
        .catch((error) => log.warn({ folder, err: error }, 'rescan failed'))
    },
    apply,
    /** Resolves when every queued change has been applied. */
    async settled(): Promise<void> {
      if (timer !== undefined) {
        clearTimeout(timer)
        flush()
      }
      await running
    },
    close(): void {
      if (timer !== undefined) clearTimeout(timer)
      pending.clear()
    },
  }
}
