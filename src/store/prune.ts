/**
 * Retention: deletes journal entries and agent runs older than the configured days or beyond the
 * newest `maxEntries`, and runs that in the background so no request ever waits for it.
 */
import { desc, lt, lte, or } from 'drizzle-orm'
import type { Logger } from '../log.ts'
import type { Database } from './open-database.ts'
import { agentRuns, journalEntries } from './schema.ts'
import type { RetentionOptions } from './types.ts'
import { guardAvailability } from './unavailable.ts'

const DAY_MS = 24 * 60 * 60 * 1000

type TimedTable = typeof journalEntries | typeof agentRuns

async function pruneTable(
  db: Database,
  table: TimedTable,
  cutoff: Date,
  maxEntries: number,
): Promise<number> {
  // Ids sort by creation time, so the id at position maxEntries (newest first) is the boundary.
  const [boundary] = await db
    .select({ id: table.id })
    .from(table)
    .orderBy(desc(table.id))
    .offset(maxEntries)
    .limit(1)
  const tooOld = lt(table.createdAt, cutoff)
  const deleted = await db
    .delete(table)
    .where(boundary === undefined ? tooOld : or(tooOld, lte(table.id, boundary.id)))
    .returning({ id: table.id })
  return deleted.length
}

/** Deletes what retention no longer keeps (before-images and tool calls go with their rows). */
export function pruneStore(
  db: Database,
  { days, maxEntries }: RetentionOptions,
  now: Date,
): Promise<{ journal: number; runs: number }> {
  return guardAvailability(async () => {
    const cutoff = new Date(now.getTime() - days * DAY_MS)
    const journal = await pruneTable(db, journalEntries, cutoff, maxEntries)
    const runs = await pruneTable(db, agentRuns, cutoff, maxEntries)
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
