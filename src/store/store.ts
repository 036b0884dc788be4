/** Assembles the store: opens the database, then wires journal, runs, retention and health. */
import type { Logger } from '../log.ts'
import { createIdGenerator } from './ids.ts'
import { createJournal } from './journal.ts'
import { openDatabase } from './open-database.ts'
import { type AutoPruneOptions, pruneStore, startPruner } from './prune.ts'
import { createRuns } from './runs.ts'
import type { RetentionOptions, Store } from './types.ts'
import { guardAvailability } from './unavailable.ts'

/** Spec defaults: keep 30 days and at most 10,000 entries (each of journal and runs). */
export const DEFAULT_RETENTION: RetentionOptions = { days: 30, maxEntries: 10_000 }

export interface CreateStoreOptions {
  /** PostgreSQL URL; when unset, the embedded SQLite store is `<dataDir>/jasque.db`. */
  databaseUrl?: string | undefined
  dataDir: string
  log: Logger
  retention?: RetentionOptions
  /** Background pruning tuning, or false to prune only when `prune()` is called. */
  autoPrune?: AutoPruneOptions | false
  /** The clock for createdAt, ids and prune (tests move it). */
  now?: () => Date
  /** The id generator (a lazy store shares its own); default: a new one. */
  nextId?: (time: Date) => string
}

/**
 * Opens PostgreSQL (when `databaseUrl` is set) or SQLite, applies migrations, and starts
 * background pruning. Throws UnavailableError naming the host when PostgreSQL is down.
 */
export async function createStore({
  databaseUrl,
  dataDir,
  log,
  retention = DEFAULT_RETENTION,
  autoPrune = {},
  now = () => new Date(),
  nextId = createIdGenerator(),
}: CreateStoreOptions): Promise<Store> {
  const database = await openDatabase({ databaseUrl, dataDir, log })
  const db = database.client
  const prune = (at: Date = now()) => pruneStore(db, retention, at)
  const pruner = autoPrune === false ? undefined : startPruner(prune, log, autoPrune)
  const onRecord = pruner === undefined ? undefined : () => pruner.noteRecord()
  let closing: Promise<void> | undefined
  log.debug({ provider: database.provider }, 'store opened')

  return {
    provider: database.provider,
    ping: () =>
      guardAvailability(async () => {
        await db.query('select 1')
      }),
    journal: createJournal({ db, now, nextId, onRecord }),
    runs: createRuns({ db, now, nextId, onRecord }),
    prune,
    close() {
      closing ??= (async () => {
        await pruner?.stop()
        await db.close()
      })()
      return closing
    },
  }
}
