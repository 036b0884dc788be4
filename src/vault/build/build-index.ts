/**
 * Builds the index of a whole vault: registers every file, then reads and parses the notes in
 * batches on worker threads (inline for small vaults), yielding to the event loop between batches
 * so the server keeps answering while it builds.
 */
import { availableParallelism } from 'node:os'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { NoteIndex } from '../index/note-index.ts'
import { isNotePath } from '../paths/note-path.ts'
import { type BatchAnalyzerInit, createBatchAnalyzer } from './analyze-batch.ts'
import { startBuildWorkers } from './build-workers.ts'
import type { PackedBatch } from './packed-batch.ts'
import { unpackBatch } from './unpack-batch.ts'

export interface BuildIndexOptions {
  root: string
  index: NoteIndex
  /** Visible files from the walk (vault-relative paths). */
  files: readonly { path: string; diskPath?: string; size: number; mtimeMs: number }[]
  folders: readonly string[]
  /** Worker threads; 0 analyses inline. Default: the cores available, at most 4; inline below 2,000 notes. */
  threads?: number
  batchSize?: number
  onProgress?: (done: number, total: number) => void
  /**
   * Parse only these notes (paths); every other file and note is in the index already, so
   * nothing else is registered. The warm start uses it for the notes changed since its snapshot.
   */
  parseOnly?: ReadonlySet<string>
}

export interface BuildIndexResult {
  notes: number
  failures: { path: string; error: string }[]
}

function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
  return new URL(`./build-worker.${extension}`, import.meta.url)
}

/** Runs the batches on `threads` workers; `onBatch` gets each result with its worker's string table. */
async function analyzeOnWorkers(
  init: BatchAnalyzerInit,
  batches: number[][],
  threads: number,
  onBatch: (batch: PackedBatch, interned: string[]) => void,
): Promise<void> {
  const workers = startBuildWorkers(Math.min(threads, batches.length), workerUrl(), init)
  let next = 0
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const interned: string[] = []
            const send = () => {
              if (next >= batches.length) return resolve()
              worker.postMessage(batches[next++])
            }
            worker.on('message', (batch: PackedBatch) => {
              onBatch(batch, interned)
              send()
            })
            worker.once('error', reject)
            worker.once('exit', (code) =>
              reject(new Error(`an index build worker stopped (exit code ${code})`)),
            )
            send()
          }),
      ),
    )
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

/** Fills `index` from the walk's files; resolves when every note is indexed. */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const { root, index, files, folders, batchSize = 256, onProgress, parseOnly } = options
  if (parseOnly === undefined) for (const folder of folders) index.addFolder(folder)
  const noteIds: number[] = []
  const diskPaths: [number, string][] = []
  files.forEach((file, id) => {
    if (parseOnly === undefined) index.addFile(file)
    if (isNotePath(file.path) && (parseOnly === undefined || parseOnly.has(file.path))) noteIds.push(id)
    if (file.diskPath !== undefined) diskPaths.push([id, file.diskPath])
  })
  const batches: number[][] = []
  for (let i = 0; i < noteIds.length; i += batchSize) batches.push(noteIds.slice(i, i + batchSize))
  const threads = options.threads ?? (noteIds.length < 2000 ? 0 : Math.min(4, availableParallelism()))
  const init: BatchAnalyzerInit = { root, paths: files.map((file) => file.path), diskPaths }
  // The analysers resolve links against the walk's file list: valid while no file came or went.
  const fileSet = index.fileSetVersion()
  const failures: { path: string; error: string }[] = []
  let done = 0
  const onBatch = (batch: PackedBatch, interned: string[]) => {
    unpackBatch(batch, interned, files, ({ info, analysis, resolved }) => {
      index.upsertAnalyzed(info, analysis, index.fileSetVersion() === fileSet ? resolved : undefined)
      done++
    })
    for (const failure of batch.failures)
      failures.push({ path: (files[failure.id] as { path: string }).path, error: failure.error })
    done += batch.failures.length
    onProgress?.(done, noteIds.length)
  }
  if (threads > 0) {
    await analyzeOnWorkers(init, batches, threads, onBatch)
  } else {
    const analyzer = createBatchAnalyzer(init)
    const interned: string[] = []
    for (const ids of batches) {
      const batch = analyzer.analyze(ids)
      // Copied as a worker's message would be: kept strings must not be slices pinning note texts.
      const copied = structuredClone({ interned: batch.interned, strings: batch.strings })
      onBatch({ ...batch, ...copied }, interned)
      await yieldToLoop()
    }
  }
  for (const failure of failures) index.remove(failure.path)
  return { notes: index.noteCount(), failures }
}
