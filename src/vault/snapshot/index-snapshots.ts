/**
 * The vault's index snapshots in the data folder: loads the one left by an earlier run (anything
 * unusable is ignored with one log line) and writes a new one after a build and, debounced, after
 * changes. Writes never overlap, and one that fails is logged, never thrown at the caller.
 */
import { mkdir, stat } from 'node:fs/promises'
import type { Logger } from '../../log.ts'
import type { NoteIndex } from '../index/note-index.ts'
import type { NoteTextLoader } from '../index/restored-note.ts'
import { type DecodedSnapshot, decodeSnapshot, encodeSnapshot } from './snapshot-codec.ts'
import {
  readSnapshotFile,
  removeStaleSnapshotTemps,
  snapshotPath,
  writeSnapshotFile,
} from './snapshot-file.ts'

export interface IndexSnapshotsOptions {
  /** The data folder (created when missing). */
  dir: string
  /** The vault's real path: its identity in the snapshot. */
  root: string
  index: NoteIndex
  log: Logger
  /** Quiet time after the last change before a snapshot is written (ms). */
  delayMs?: number
  /** Longest a snapshot waits while changes keep coming (ms). */
  maxDelayMs?: number
}

export type IndexSnapshots = ReturnType<typeof createIndexSnapshots>

/** Creates the snapshot keeper of one vault. */
export function createIndexSnapshots(options: IndexSnapshotsOptions) {
  const { dir, root, index, log, delayMs = 5000, maxDelayMs = 60_000 } = options
  const file = snapshotPath(dir, root)
  let timer: NodeJS.Timeout | undefined
  let firstChangeAt = 0
  let writtenVersion = -1
  let writing: Promise<void> = Promise.resolve()
  let closed = false
  // How far the snapshot on disk is behind the index, in notes the next start would parse again
  // (what the last start found changed, and the paths changed since), and whether files appeared
  // or went since it was taken: each such file makes a start re-resolve links across the index.
  let startDrift = 0
  const changedPaths = new Set<string>()
  const drift = () => startDrift + changedPaths.size
  let fileSetChanged = false
  let fileSetVersion = -1
  const isFileSetStale = () => fileSetChanged || index.fileSetVersion() !== fileSetVersion
  const markCurrent = () => {
    startDrift = 0
    changedPaths.clear()
    fileSetChanged = false
    fileSetVersion = index.fileSetVersion()
  }

  async function write(): Promise<void> {
    const version = index.version()
    if (version === writtenVersion) return
    const started = performance.now()
    // Taken before encoding: every size, mtime and hash in the index was read before this moment.
    const capturedAt = Date.now()
    markCurrent()
    const payload = encodeSnapshot(index, { root, capturedAt })
    try {
      await mkdir(dir, { recursive: true })
      const bytes = await writeSnapshotFile(file, payload)
      writtenVersion = version
      log.info({ file, bytes, ms: Math.round(performance.now() - started) }, 'index snapshot written')
    } catch (error) {
      log.warn({ file, err: error }, 'could not write the index snapshot')
    }
  }

  const enqueue = (): Promise<void> => {
    writing = writing.then(write)
    return writing
  }

  return {
    file,

    /** The snapshot file's size in bytes, undefined when there is none (it may still be unusable). */
    async size(): Promise<number | undefined> {
      const info = await stat(file).catch(() => undefined)
      return info?.isFile() === true ? info.size : undefined
    },

    /**
     * The earlier run's snapshot, its notes reading their texts with `loadText`; undefined when
     * there is none (logged once when a file was there but unusable).
     */
    async load(loadText: NoteTextLoader): Promise<DecodedSnapshot | undefined> {
      void removeStaleSnapshotTemps(file).catch(() => {})
      const read = await readSnapshotFile(file, root)
      if (!read.ok) {
        if (read.reason !== 'missing')
          log.warn(
            { file, reason: read.reason, detail: read.detail },
            'index snapshot ignored, building the index',
          )
        return undefined
      }
      try {
        return decodeSnapshot(read.payload, loadText)
      } catch (error) {
        log.warn(
          { file, reason: 'corrupt', detail: (error as Error).message },
          'index snapshot ignored, building the index',
        )
        return undefined
      }
    },

    /** Marks the index as written (it was just loaded from this snapshot, unchanged). */
    markWritten(): void {
      writtenVersion = index.version()
      markCurrent()
    },

    /**
     * Records what the start found different from the snapshot: how many notes it parsed (all of
     * them after a cold build), and whether files appeared or went.
     */
    addStartDrift(notes: number, filesChanged: boolean): void {
      startDrift += notes
      fileSetChanged ||= filesChanged
      fileSetVersion = index.fileSetVersion()
    },

    /** Writes a snapshot now (after the earlier write ends); resolves when it is on disk or failed. */
    writeNow: (): Promise<void> => {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      return enqueue()
    },

    /** Writes a snapshot once changes pause (`delayMs`), or after `maxDelayMs` of steady changes. */
    schedule(changedPath?: string): void {
      if (closed) return
      if (changedPath !== undefined) changedPaths.add(changedPath)
      const now = Date.now()
      if (timer === undefined) firstChangeAt = now
      else clearTimeout(timer)
      const wait = Math.max(0, Math.min(delayMs, firstChangeAt + maxDelayMs - now))
      timer = setTimeout(() => {
        timer = undefined
        void enqueue()
      }, wait)
      timer.unref()
    },

    /**
     * Stops scheduling; writes what changed since the last snapshot and waits for it. With
     * `minDrift` (one-shot processes), a write is skipped while the same files exist and fewer
     * notes than that differ: the next start parses those few again in less time than a write of
     * the whole index takes.
     */
    async close({ minDrift }: { minDrift?: number } = {}): Promise<void> {
      closed = true
      const pending = timer !== undefined
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      if (pending && minDrift !== undefined && !isFileSetStale() && drift() < minDrift) {
        log.debug({ file, notes: drift() }, 'index snapshot left as it is: the next start parses these notes')
        await writing
      } else if (pending) await enqueue()
      else await writing
    },
  }
}
