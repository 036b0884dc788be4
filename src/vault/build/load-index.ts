/**
 * The initial fill of the index: a warm start from the data folder's snapshot when there is a
 * usable one, else (or when too much changed) a cold build that reads and parses every note.
 */

import type { NoteIndex } from '../index/note-index.ts'
import type { NoteTextLoader } from '../index/restored-note.ts'
import type { IndexSnapshots } from '../snapshot/index-snapshots.ts'
import { warmStart } from '../snapshot/warm-start.ts'
import { buildIndex } from './build-index.ts'
import { type VaultWalk, walkVault } from './walk.ts'
import { walkVaultOnWorker } from './walk-on-worker.ts'

export interface LoadIndexOptions {
  root: string
  /** Empty. */
  index: NoteIndex
  snapshots: IndexSnapshots | undefined
  loadText: NoteTextLoader
  threads?: number
  onProgress?: (done: number, total: number) => void
}

export interface LoadIndexResult {
  notes: number
  failures: { path: string; error: string }[]
  /** How the index was filled; `warm` counts what the snapshot saved and what had to be parsed. */
  source: 'cold' | { parsed: number; removed: number; added: number; changed: boolean }
}

/** About 5,000 notes' worth of snapshot. */
const WORKER_WALK_MIN_BYTES = 1_500_000

/** Fills `index`; resolves when every note is indexed (never from a stale snapshot). */
export async function loadIndex(options: LoadIndexOptions): Promise<LoadIndexResult> {
  const { root, index, snapshots } = options
  let walked: VaultWalk | undefined
  const snapshotBytes = await snapshots?.size()
  if (snapshots !== undefined && snapshotBytes !== undefined) {
    // The walk (stat calls, blocking the thread that makes them) runs on a worker meanwhile,
    // unless the vault is small enough for the worker's start to cost more than it saves.
    const walk = snapshotBytes > WORKER_WALK_MIN_BYTES ? walkVaultOnWorker(root) : walkVault(root)
    walk.catch(() => {})
    const snapshot = await snapshots.load(options.loadText)
    if (snapshot !== undefined) {
      const warm = await warmStart({
        root,
        index,
        snapshot,
        walk,
        threads: options.threads,
      })
      const { notes, failures, ...source } = warm
      return { notes, failures, source }
    }
    walked = await walk
  }
  walked ??= await walkVault(root, { statNotes: false })
  const result = await buildIndex({
    root,
    index,
    files: walked.files,
    folders: walked.folders,
    threads: options.threads,
    onProgress: options.onProgress,
  })
  return { ...result, source: 'cold' }
}
