/**
 * Builds the index of a whole vault: registers every file, then reads and parses the notes in
 * batches on worker threads (inline for small vaults), yielding to the event loop between batches
 * so the server keeps answering while it builds.
 */
import { availableParallelism } from 'node:os'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import { type AnalyzedBatch, analyzeBatch } from './analyze-batch.ts'
import type { NoteIndex } from './note-index.ts'

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
}

export interface BuildIndexResult {
  notes: number
  failures: { path: string; error: string }[]
}

const isNotePath = (filePath: string) => filePath.toLowerCase().endsWith('.md')

function applyBatch(index: NoteIndex, batch: AnalyzedBatch): void {
  const buffer = Buffer.from(batch.buffer)
  for (const item of batch.items) {
    const { caseOffsets, caseBytes, content } = item
    index.upsertAnalyzed(
      {
        path: item.path,
        ...(item.diskPath === undefined ? {} : { diskPath: item.diskPath }),
        size: item.size,
        mtimeMs: item.mtimeMs,
      },
      {
        hash: item.hash,
        parsed: item.parsed,
        lower: buffer.subarray(item.lower[0], item.lower[1]),
        ...(caseOffsets === undefined ? {} : { caseOffsets }),
        ...(caseBytes === undefined ? {} : { caseBytes }),
        ...(content === undefined ? {} : { content }),
      },
    )
  }
}

function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
  return new URL(`./build-worker.${extension}`, import.meta.url)
}

async function analyzeOnWorkers(
  root: string,
  batches: { path: string; diskPath?: string }[][],
  threads: number,
  onBatch: (batch: AnalyzedBatch) => void,
): Promise<void> {
  const workers = Array.from({ length: Math.min(threads, batches.length) }, () => new Worker(workerUrl()))
  let next = 0
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve()
              const id = next++
              worker.postMessage({ id, root, paths: batches[id] })
            }
            worker.on('message', (message: { batch: AnalyzedBatch }) => {
              onBatch(message.batch)
              send()
            })
            worker.once('error', reject)
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
  const { root, index, files, folders, batchSize = 256, onProgress } = options
  for (const folder of folders) index.addFolder(folder)
  const notePaths: { path: string; diskPath?: string }[] = []
  for (const file of files) {
    index.addFile(file)
    if (isNotePath(file.path))
      notePaths.push(
        file.diskPath === undefined ? { path: file.path } : { path: file.path, diskPath: file.diskPath },
      )
  }
  const batches: { path: string; diskPath?: string }[][] = []
  for (let i = 0; i < notePaths.length; i += batchSize) batches.push(notePaths.slice(i, i + batchSize))
  const threads = options.threads ?? (notePaths.length < 2000 ? 0 : Math.min(4, availableParallelism()))
  const failures: { path: string; error: string }[] = []
  let done = 0
  const onBatch = (batch: AnalyzedBatch) => {
    applyBatch(index, batch)
    failures.push(...batch.failures)
    done += batch.items.length + batch.failures.length
    onProgress?.(done, notePaths.length)
  }
  if (threads > 0) {
    await analyzeOnWorkers(root, batches, threads, onBatch)
  } else {
    for (const batch of batches) {
      onBatch(analyzeBatch(root, batch))
      await yieldToLoop()
    }
  }
  for (const failure of failures) index.remove(failure.path)
  return { notes: index.noteCount(), failures }
}
