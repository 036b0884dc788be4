/**
 * A vault on disk and its live index: builds the index at start (the caller may serve requests
 * meanwhile), keeps it fresh from a file watcher, and offers the note operations the tools use.
 */
import { realpath } from 'node:fs/promises'
import type { Logger } from '../log.ts'
import { cleanupTempFiles } from './atomic-write.ts'
import { buildIndex } from './build-index.ts'
import { createNoteIndex, type NoteIndex } from './note-index.ts'
import { createNoteWriter } from './note-writer.ts'
import { createPathLocks } from './path-lock.ts'
import { createVaultSync } from './vault-sync.ts'
import { createNoVaultWriteLock, createVaultWriteLock } from './vault-write-lock.ts'
import { walkVault } from './walk.ts'
import { createDirectoryWatcher, type DirectoryWatcher } from './watcher.ts'

export interface VaultOptions {
  root: string
  log: Logger
  /** Watch for external changes (default true). */
  watch?: boolean
  /** Worker threads for the initial build (see buildIndex). */
  threads?: number
  /**
   * Jasque's data folder: writes take a lock there that other Jasque processes on the same vault
   * respect. Without it writes are ordered within this process only.
   */
  lockDir?: string
}

export interface VaultBuildStats {
  notes: number
  files: number
  ms: number
  failures: number
}

export type Vault = Awaited<ReturnType<typeof createVault>>

/** A temp file this old was left by a killed writer (a write lasts milliseconds). */
const STALE_TEMP_FILE_MS = 10 * 60 * 1000

/** Opens a vault; call `start()` to build the index and begin watching. */
export async function createVault({ root, log, watch = true, threads, lockDir }: VaultOptions) {
  const realRoot = await realpath(root)
  const index: NoteIndex = createNoteIndex()
  const listeners = new Set<(changedPath: string) => void>()
  let watcher: DirectoryWatcher | undefined
  let ready = false
  let closed = false
  let resolveReady: () => void = () => {}
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve
  })
  const notify = (changedPath: string) => {
    for (const listener of listeners) listener(changedPath)
  }
  const sync = createVaultSync({
    root: realRoot,
    realRoot,
    index,
    log,
    get watcher() {
      return watcher
    },
    onChange: notify,
    after: readyPromise,
  })

  const locks = createPathLocks()
  const writeLock =
    lockDir === undefined ? createNoVaultWriteLock() : createVaultWriteLock({ lockDir, vaultRoot: realRoot })
  const writer = createNoteWriter({ root: realRoot, locks, refresh: (changed) => sync.apply(changed) })

  return {
    root: realRoot,
    index,
    /** Note changes on disk (atomic, locked, index updated before returning). */
    writer,
    locks,
    /** Held around every change (tools call it): one Jasque process writes to the vault at a time. */
    writeLock,
    /** Resolves once the initial build is done. */
    ready: readyPromise,
    isReady: () => ready,

    /** Builds the index (and starts the watcher first, so no change made meanwhile is lost). */
    async start(
      options: { onProgress?: (done: number, total: number) => void } = {},
    ): Promise<VaultBuildStats> {
      const started = performance.now()
      // Only old temp files: a younger one may belong to another Jasque process writing right now.
      await cleanupTempFiles(realRoot, { olderThanMs: STALE_TEMP_FILE_MS })
      if (watch && !closed) {
        watcher = createDirectoryWatcher({
          root: realRoot,
          onPath: (changed) => sync.schedule(changed),
          onRescan: (folder) => sync.scheduleRescan(folder),
          onError: (error, folder) => log.warn({ folder, err: error }, 'watching a folder failed'),
        })
        await watcher.watchTree('')
        // Closed meanwhile (a shutdown right after start): the watches must not keep the process alive.
        if (closed) watcher.close()
      }
      const walked = await walkVault(realRoot, { statNotes: false })
      const result = await buildIndex({
        root: realRoot,
        index,
        files: walked.files,
        folders: walked.folders,
        threads,
        onProgress: options.onProgress,
      })
      for (const failure of result.failures) log.warn(failure, 'note could not be indexed')
      ready = true
      resolveReady()
      const ms = Math.round(performance.now() - started)
      log.info({ notes: result.notes, files: index.stats().files, ms }, 'vault indexed')
      return { notes: result.notes, files: index.stats().files, ms, failures: result.failures.length }
    },

    /** Calls `listener` with each path the watcher applied to the index. */
    onChange(listener: (changedPath: string) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** Applies a path now (after our own writes, or to force a refresh). */
    refresh: (changedPath: string) => sync.apply(changedPath),
    /** Resolves when queued external changes are applied. */
    settled: () => sync.settled(),

    async close(): Promise<void> {
      closed = true
      sync.close()
      watcher?.close()
      writeLock.close()
      listeners.clear()
    },
  }
}
