/**
 * Retention: deletes journal entries and agent runs older than the configured days or beyond the
 * newest `maxEntries`, and runs that in the background so no request ever waits for it.
 */
import type { Logger } from '../log.ts'
import type { SqlClient } from './sql-client.ts'
import type { RetentionOptions } from './types.ts'
import { guardAvailability } from './unavailable.ts'

const DAY_MS = 24 * 60 * 60 * 1000

async function pruneTable(
  db: SqlClient,
  table: 'journal_entries' | 'agent_runs',
  cutoff: Date,
  maxEntries: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    // Ids sort by creation time, so the id at position maxEntries (newest first) is the boundary.
    const [boundary] = await tx.query<{ id: string }>(
      `select id from ${table} order by id desc limit 1 offset ?`,
      [Math.max(0, Math.floor(maxEntries))],
    )
    const deleted =
      boundary === undefined
        ? await tx.query(`delete from ${table} where created_at < ? returning id`, [cutoff])
        : await tx.query(`delete from ${table} where created_at < ? or id <= ? returning id`, [
            cutoff,
            boundary.id,
          ])
    return deleted.length
  })
}

/** Deletes what retention no longer keeps (before-images and tool calls go with their rows). */
export function pruneStore(
  db: SqlClient,
  { days, maxEntries }: RetentionOptions,
  now: Date,
): Promise<{ journal: number; runs: number }> {
  return guardAvailability(async () => {
    const cutoff = new Date(now.getTime() - days * DAY_MS)
    const journal = await pruneTable(db, 'journal_entries', cutoff, maxEntries)
    const runs = await pruneTable(db, 'agent_runs', cutoff, maxEntries)
    return { journal, runs }
  })
}

export interface AutoPruneOptions {
  /** Time between background prunes (default one hour). */
  intervalMs?: number
  /** Also prune after this many records (default 100). */
  everyRecords?: number
}

export interface Pruner {
  /** Counts one record; starts a background prune every `everyRecords`. */
  noteRecord(): void
  /** Stops the timer and waits for a prune in progress. */
  stop(): Promise<void>
}

/** Starts background pruning on an unref'd timer; at most one prune runs at a time. */
export function startPruner(
  prune: () => Promise<{ journal: number; runs: number }>,
  log: Logger,
  { intervalMs = 60 * 60 * 1000, everyRecords = 100 }: AutoPruneOptions = {},
): Pruner {
  let running: Promise<void> | undefined
  let stopped = false
  let recordsSinceLastPrune = 0
  const trigger = () => {
    if (running !== undefined || stopped) return
    recordsSinceLastPrune = 0
    running = prune()
      .then((deleted) => {
        if (deleted.journal + deleted.runs > 0) log.info(deleted, 'store pruned')
      })
      .catch((error: unknown) => log.warn({ err: error }, 'store prune failed'))
      .finally(() => {
        running = undefined
        // Records that reached the threshold while this prune ran (their trigger was skipped).
        if (recordsSinceLastPrune >= everyRecords) trigger()
      })
  }
  const timer = setInterval(trigger, intervalMs)
  timer.unref()
  return {
    noteRecord() {
      recordsSinceLastPrune += 1
      if (recordsSinceLastPrune >= everyRecords) trigger()
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
