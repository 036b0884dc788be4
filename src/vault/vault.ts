/**
 * A vault on disk and its live index: builds the index at start (the caller may serve requests
 * meanwhile, and the build may retry until it succeeds), keeps it fresh from a file watcher, and
 * offers the note operations the tools use.
 */
import { realpath } from 'node:fs/promises'
import { describeError, UnavailableError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { loadIndex } from './build/load-index.ts'
import { cleanupTempFiles } from './disk/atomic-write.ts'
import { createNoteWriter } from './disk/note-writer.ts'
import { createPathLocks } from './disk/path-lock.ts'
import { createNoVaultWriteLock, createVaultWriteLock } from './disk/vault-write-lock.ts'
import { createNoteIndex, type NoteIndex } from './index/note-index.ts'
import { createNoteTextLoader } from './index/note-text-loader.ts'
import { preloadNoteTexts } from './index/preload-note-texts.ts'
import { createIndexSnapshots } from './snapshot/index-snapshots.ts'
import { createVaultSync } from './sync/vault-sync.ts'
import { createDirectoryWatcher, type DirectoryWatcher } from './sync/watcher.ts'

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
  /**
   * What close does with changes not in the snapshot yet: `always` write them (default); or, for
   * one-shot processes, `when-stale`: only once the next start would parse at least 1% of the
   * notes (100 at least) again. A `jasque tool` write on 50k notes otherwise spent ~1.4 s of its
   * ~4.3 s writing a snapshot for one changed note, which the next start parses in under 1 ms.
   */
  snapshotOnClose?: 'always' | 'when-stale'
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

/** Retry of a failed build: the first wait, doubled after each failure up to the last. */
export interface BuildRetryOptions {
  initialMs?: number
  maxMs?: number
}

export interface VaultStartOptions {
  onProgress?: (done: number, total: number) => void
  /** Retry a failed build with backoff until it succeeds (or the vault closes); default: fail once. */
  retry?: boolean | BuildRetryOptions
}

export type Vault = Awaited<ReturnType<typeof createVault>>

/** A temp file this old was left by a killed writer (a write lasts milliseconds). */
const STALE_TEMP_FILE_MS = 10 * 60 * 1000
const RETRY_INITIAL_MS = 1000
const RETRY_MAX_MS = 60_000
/** With `snapshotOnClose: 'when-stale'`, close writes once this many notes differ (or 1%, if more). */
const MIN_SNAPSHOT_DRIFT = 100

/** Opens a vault; call `start()` to build the index and begin watching. */
export async function createVault({
  root,
  log,
  watch = true,
  threads,
  lockDir,
  snapshotDir,
  preloadTexts = watch,
  snapshotOnClose = 'always',
}: VaultOptions) {
  const realRoot = await realpath(root)
  const index: NoteIndex = createNoteIndex()
  const listeners = new Set<(changedPath: string) => void>()
  let watcher: DirectoryWatcher | undefined
  let ready = false
  let closed = false
  /** Why the last build failed, while no build has succeeded. */
  let failure: string | undefined
  let resolveReady: () => void = () => {}
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve
  })
  // Settles when the first attempt ends either way, so waiting callers learn of a failure.
  let resolveFirstAttempt: () => void = () => {}
  const firstAttempt = new Promise<void>((resolve) => {
    resolveFirstAttempt = resolve
  })
  let retryTimer: NodeJS.Timeout | undefined
  let cancelRetry: (() => void) | undefined
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
  if (snapshots !== undefined) listeners.add((changedPath) => snapshots.schedule(changedPath))
  // A restored note whose file turns out to differ is indexed again from disk.
  const loadText = createNoteTextLoader(realRoot, (note) =>
    setImmediate(() => {
      if (index.getNote(note.path) === note) void sync.apply(note.diskPath ?? note.path, true)
    }),
  )
  let stopPreload = () => {}

  const locks = createPathLocks()
  const writeLock =
    lockDir === undefined ? createNoVaultWriteLock() : createVaultWriteLock({ lockDir, vaultRoot: realRoot })
  const writer = createNoteWriter({ root: realRoot, locks, refresh: (changed) => sync.apply(changed) })

  /** Forgets what a failed attempt indexed, so the next one starts clean. */
  function clearIndex(): void {
    for (const file of [...index.files()]) index.remove(file.path)
    for (const folder of [...index.folders()]) index.removeFolder(folder)
  }

  /** One build attempt: clean-up, watcher, walk, index. On failure nothing of it is kept. */
  async function build(onProgress: VaultStartOptions['onProgress']): Promise<VaultBuildStats> {
    const started = performance.now()
    try {
      // Only old temp files: a younger one may belong to another Jasque process writing right now.
      // Hidden, so the index never sees them: the clean-up runs beside the indexing.
      const cleanup = cleanupTempFiles(realRoot, { olderThanMs: STALE_TEMP_FILE_MS })
      cleanup.catch(() => {})
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
        onProgress,
      })
      await cleanup
      for (const failed of result.failures) log.warn(failed, 'note could not be indexed')
      const ms = Math.round(performance.now() - started)
      const warm = result.source !== 'cold'
      const parsed = result.source === 'cold' ? result.notes : result.source.parsed
      // Written a few seconds later (or at close), not in the way of the first requests.
      if (result.source === 'cold' || result.source.changed) {
        const { source } = result
        if (source === 'cold') snapshots?.addStartDrift(result.notes, true)
        else snapshots?.addStartDrift(source.parsed + source.removed, source.added + source.removed > 0)
        snapshots?.schedule()
      } else snapshots?.markWritten()
      if (warm && preloadTexts && !closed) stopPreload = preloadNoteTexts(index)
      return {
        notes: result.notes,
        files: index.fileCount(),
        ms,
        failures: result.failures.length,
        parsed,
        warm,
      }
    } catch (error) {
      watcher?.close()
      watcher = undefined
      clearIndex()
      throw error
    }
  }

  return {
    root: realRoot,
    index,
    /** Note changes on disk (atomic, locked, index updated before returning). */
    writer,
    locks,
    /** Held around every change (tools call it): one Jasque process writes to the vault at a time. */
    writeLock,
    /** Resolves once the initial build is done (never, while it keeps failing: tools use whenReady). */
    ready: readyPromise,
    isReady: () => ready,

    /** Why the index could not be built yet (a retry may be under way); undefined otherwise. */
    buildFailure: () => (ready ? undefined : failure),

    /**
     * Resolves once the index is built; while it cannot be built (the first attempt failed),
     * throws UnavailableError with the reason instead of waiting for a retry.
     */
    async whenReady(): Promise<void> {
      if (!ready && failure === undefined) await firstAttempt
      if (ready) return
      throw new UnavailableError(
        `The vault index could not be built: ${failure}. Jasque retries on its own; try again in a moment.`,
      )
    },

    /**
     * Builds the index (and starts the watcher first, so no change made meanwhile is lost). A
     * failed build rejects, or with `retry` is tried again after a growing wait until it succeeds.
     */
    async start(options: VaultStartOptions = {}): Promise<VaultBuildStats> {
      const retry = options.retry === true ? {} : options.retry === false ? undefined : options.retry
      let waitMs = retry?.initialMs ?? RETRY_INITIAL_MS
      for (;;) {
        try {
          const stats = await build(options.onProgress)
          failure = undefined
          ready = true
          resolveReady()
          resolveFirstAttempt()
          log.info(
            { notes: stats.notes, files: stats.files, ms: stats.ms, warm: stats.warm, parsed: stats.parsed },
            'vault indexed',
          )
          return stats
        } catch (error) {
          failure = describeError(error)
          resolveFirstAttempt()
          if (retry === undefined || closed) throw error
          log.error({ err: error, retryInMs: waitMs }, 'the vault index could not be built; retrying')
          await new Promise<void>((resolve) => {
            cancelRetry = resolve
            retryTimer = setTimeout(resolve, waitMs)
          })
          if (closed) throw new UnavailableError('The vault was closed before its index could be built')
          waitMs = Math.min(waitMs * 2, retry.maxMs ?? RETRY_MAX_MS)
        }
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
      clearTimeout(retryTimer)
      cancelRetry?.()
      stopPreload()
      sync.close()
      watcher?.close()
      writeLock.close()
      listeners.clear()
      // One-shot processes leave a nearly current snapshot as it is (see IndexSnapshots.close).
      await snapshots?.close(
        snapshotOnClose === 'when-stale'
          ? { minDrift: Math.max(MIN_SNAPSHOT_DRIFT, Math.ceil(index.noteCount() / 100)) }
          : {},
      )
    },
  }
}
