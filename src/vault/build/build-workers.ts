/**
 * Starts the index build's worker threads with a young generation of their own size. V8's
 * `--max-semi-space-size` is process-wide and wins over a worker's `resourceLimits`, and a
 * worker's heap pages stay with the process after it ends: with the start commands' 16 MB the
 * two workers left ~45 MB more RSS after indexing 50k notes than with 8 MB, while the main
 * thread serves requests with less CPU at 16 MB. So the flag is lowered while the workers'
 * heaps are created, then set back.
 */
import { setFlagsFromString } from 'node:v8'
import { Worker } from 'node:worker_threads'

/** Megabytes per semi-space of a build worker. */
const WORKER_SEMI_SPACE_MB = 8
const SEMI_SPACE_FLAG = /--max[-_]semi[-_]space[-_]size[= ](\d+)/

/** The process's own setting (0: V8's default), from its command line or NODE_OPTIONS. */
export function processSemiSpaceMb(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): number {
  const match = SEMI_SPACE_FLAG.exec(`${execArgv.join(' ')} ${nodeOptions}`)
  return match === null ? 0 : Number(match[1])
}

/**
 * Starts `count` workers running `url` (attach their listeners right away, as for `new Worker`).
 * The flag is set back once each has started, failed or ended.
 */
export function startBuildWorkers(count: number, url: URL, workerData: unknown): Worker[] {
  const own = processSemiSpaceMb()
  if (own !== 0 && own <= WORKER_SEMI_SPACE_MB)
    return Array.from({ length: count }, () => new Worker(url, { workerData }))
  setFlagsFromString(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`)
  const restore = () => setFlagsFromString(`--max-semi-space-size=${own}`)
  const workers: Worker[] = []
  try {
    for (let i = 0; i < count; i++) workers.push(new Worker(url, { workerData }))
  } catch (error) {
    restore()
    for (const worker of workers) void worker.terminate()
    throw error
  }
  const started = workers.map(
    (worker) =>
      new Promise<void>((resolve) => {
        worker.once('online', resolve)
        worker.once('error', () => resolve())
        worker.once('exit', () => resolve())
      }),
  )
  void Promise.all(started).then(restore)
  return workers
}
