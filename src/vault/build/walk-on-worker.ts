/**
 * walkVault (with stats) on a worker thread: the walk spends its time in stat calls, which block
 * the thread that makes them, so the warm start runs it beside the snapshot's decoding instead
 * of before it.
 */
import { startBuildWorkers } from './build-workers.ts'
import type { VaultWalk } from './walk.ts'

function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
  return new URL(`./walk-worker.${extension}`, import.meta.url)
}

/** Walks `root` (a real path) on a worker; rejects when the worker fails. */
export function walkVaultOnWorker(root: string): Promise<VaultWalk> {
  const [worker] = startBuildWorkers(1, workerUrl(), { root })
  if (worker === undefined) throw new Error('the walk worker did not start')
  return new Promise<VaultWalk>((resolve, reject) => {
    worker.once('message', (walked: VaultWalk) => {
      resolve(walked)
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the walk worker stopped (exit code ${code})`)))
  })
}
