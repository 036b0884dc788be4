/**
 * A vault on disk and its live index: builds the index at start (the caller may serve requests
 * meanwhile), keeps it fresh from a file watcher, and offers the note operations the tools use.
 */
import { realpath } from 'node:fs/promises'
import type { Logger } from '../log.ts'
import { cleanupTempFiles } from './atomic-write.ts'
import { createIndexSnapshots } from './index-snapshots.ts'
import { loadIndex } from './load-index.ts'
import { createNoteIndex, type NoteIndex } from './note-index.ts'
import { createNoteTextLoader } from './note-text-loader.ts'
import { createNoteWriter } from './note-writer.ts'
import { createPathLocks } from './path-lock.ts'
import { preloadNoteTexts } from './preload-note-texts.ts'
import { createVaultSync } from './vault-sync.ts'
import { createDirectoryWatcher, type DirectoryWatcher } from './watcher.ts'

export interface VaultOptions {
  root: string
  log: Logger
  /** Watch for external changes (default true). */
  watch?: boolean
  /** Worker threads for the initial build (see buildIndex). */
  threads?: number
  /**
   * Folder for index snapshots (Jasque's data folder, never the vault): a start loads the last
   * one and parses only what changed. Unset: every start builds the index from scratch.
   */
  snapshotDir?: string
  /**
   * After a warm start, read the notes' texts back in the background (default: `watch`). A
   * one-shot process leaves it off: a query that needs a text reads it itself.
   */
  preloadTexts?: boolean
}

export interface VaultBuildStats {
  notes: number
  files: number
  ms: number
  failures: number
  /** Notes parsed at this start: all of them on a cold build, only new and changed ones on a warm start. */
  parsed: number
  /** True when the index came from a snapshot. */
  warm: boolean
}

export type Vault = Awaited<ReturnType<typeof createVault>>

/** Opens a vault; call `start()` to build the index and begin watching. */
export async function createVault({
  root,
  log,
  watch = true,
  threads,
  snapshotDir,
  preloadTexts = watch,
}: VaultOptions) {
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

  const snapshots =
    snapshotDir === undefined
      ? undefined
      : createIndexSnapshots({ dir: snapshotDir, root: realRoot, index, log })
  if (snapshots !== undefined) listeners.add(() => snapshots.schedule())
  // A restored note whose file turns out to differ is indexed again from disk.
  const loadText = createNoteTextLoader(realRoot, (note) =>
    setImmediate(() => {
      if (index.getNote(note.path) === note) void sync.apply(note.diskPath ?? note.path, true)
    }),
  )
  let stopPreload = () => {}

  const locks = createPathLocks()
  const writer = createNoteWriter({ root: realRoot, locks, refresh: (changed) => sync.apply(changed) })

  return {
    root: realRoot,
    index,
    /** Note changes on disk (atomic, locked, index updated before returning). */
    writer,
    locks,
    /** Resolves once the initial build is done. */
    ready: readyPromise,
    isReady: () => ready,

    /** Builds the index (and starts the watcher first, so no change made meanwhile is lost). */
    async start(
      options: { onProgress?: (done: number, total: number) => void } = {},
    ): Promise<VaultBuildStats> {
      const started = performance.now()
      await cleanupTempFiles(realRoot)
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
      const result = await loadIndex({
        root: realRoot,
        index,
        snapshots,
        loadText,
        threads,
        onProgress: options.onProgress,
      })
      for (const failure of result.failures) log.warn(failure, 'note could not be indexed')
      ready = true
      resolveReady()
      const ms = Math.round(performance.now() - started)
      const warm = result.source !== 'cold'
      const parsed = result.source === 'cold' ? result.notes : result.source.parsed
      log.info({ notes: result.notes, files: index.stats().files, ms, warm, parsed }, 'vault indexed')
      // Written a few seconds later (or at close), not in the way of the first requests.
      if (result.source === 'cold' || result.source.changed) snapshots?.schedule()
      else snapshots?.markWritten()
      if (warm && preloadTexts && !closed) stopPreload = preloadNoteTexts(index)
      return {
        notes: result.notes,
        files: index.stats().files,
        ms,
        failures: result.failures.length,
        parsed,
        warm,
      }
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
      stopPreload()
      sync.close()
      watcher?.close()
      listeners.clear()
      await snapshots?.close()
    },
  }
}
