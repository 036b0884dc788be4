/**
 * The SQLite side of the store: one `node:sqlite` connection to `<dataDir>/jasque.db` in WAL mode.
 * `node:sqlite` is synchronous, so statements of one process run one after another through a queue
 * (a transaction spans awaits and must not take in another caller's statements); other processes
 * are kept out by SQLite's own locks, waited for up to the busy timeout.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import { setTimeout as sleep } from 'node:timers/promises'
import type { SqlClient, SqlExecutor, SqlRow, SqlValue } from './sql-client.ts'

export interface OpenSqliteOptions {
  /** How long a statement waits for another process's write lock before failing (ms). */
  busyTimeoutMs?: number
}

/**
 * How long SQLite itself waits for a lock, blocking the thread; past it Jasque waits without
 * blocking (the server keeps answering while a CLI process holds the write lock).
 */
const BLOCKING_WAIT_MS = 20

const SQLITE_BUSY = 5
const SQLITE_LOCKED = 6

function isBusy(error: unknown): boolean {
  const code = ((error as { errcode?: unknown }).errcode as number | undefined) ?? 0
  return (code & 0xff) === SQLITE_BUSY || (code & 0xff) === SQLITE_LOCKED
}

/** Runs `attempt` until it stops failing with SQLITE_BUSY, pausing between tries, up to `timeoutMs`. */
async function retryWhileBusy<T>(attempt: () => T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      return attempt()
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error
    }
    await sleep(pause)
  }
}

function toSqlite(value: SqlValue): SQLInputValue {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

/**
 * Opens (creating it if needed) the database file with the settings every Jasque process shares:
 * busy timeout first (concurrent openers would otherwise fail on the WAL switch), WAL, FULL
 * synchronous commits, foreign keys. Touches disk.
 */
export async function openSqlite(
  file: string,
  { busyTimeoutMs = 30_000 }: OpenSqliteOptions = {},
): Promise<SqlClient> {
  const db = new DatabaseSync(file, { timeout: BLOCKING_WAIT_MS, enableForeignKeyConstraints: true })
  try {
    await retryWhileBusy(() => db.exec('PRAGMA journal_mode = WAL'), busyTimeoutMs)
    // FULL: a committed journal entry survives a process kill and a power loss (the note it
    // describes was fsynced too); it costs ~0.3 ms per commit here, see docs/benchmarks.md.
    db.exec('PRAGMA synchronous = FULL')
  } catch (error) {
    db.close()
    throw error
  }
  const statements = new Map<string, StatementSync>()
  let queue: Promise<unknown> = Promise.resolve()
  let closed = false

  const run = (statement: string, params: readonly SqlValue[] = []): SqlRow[] => {
    let prepared = statements.get(statement)
    if (prepared === undefined) {
      prepared = db.prepare(statement)
      statements.set(statement, prepared)
    }
    return prepared.all(...params.map(toSqlite)) as SqlRow[]
  }

  /** Runs `work` after everything queued before it; the queue goes on when it fails. */
  const enqueue = <T>(work: () => Promise<T> | T): Promise<T> => {
    const result = queue.then(() => {
      if (closed) throw new Error('the SQLite store is closed')
      return work()
    })
    queue = result.catch(() => {})
    return result
  }

  const executor: SqlExecutor = {
    dialect: 'sqlite',
    query: async <Row extends SqlRow>(statement: string, params?: readonly SqlValue[]) =>
      run(statement, params) as Row[],
    execute: async (script: string) => db.exec(script),
  }

  return {
    dialect: 'sqlite',
    // A single statement that failed on a lock changed nothing, so it can simply run again.
    query: <Row extends SqlRow>(statement: string, params?: readonly SqlValue[]) =>
      enqueue(() => retryWhileBusy(() => run(statement, params) as Row[], busyTimeoutMs)),
    execute: (script) => enqueue(() => db.exec(script)),
    transaction: (work) =>
      enqueue(async () => {
        // The write lock is taken here or not at all; once held, the statements do not wait.
        await retryWhileBusy(() => db.exec('BEGIN IMMEDIATE'), busyTimeoutMs)
        try {
          const result = await work(executor)
          db.exec('COMMIT')
          return result
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK')
          throw error
        }
      }),
    close: () =>
      enqueue(() => {
        closed = true
        statements.clear()
        db.close()
      }),
  }
}
