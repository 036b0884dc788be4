/** The PostgreSQL side of the store: a `pg` pool; `?` placeholders become `$1`, `$2`, … */
import pg from 'pg'
import type { Logger } from '../log.ts'
import type { SqlClient, SqlExecutor, SqlRow, SqlValue } from './sql-client.ts'

const numbered = new Map<string, string>()

/** `?` → `$n` (the store's statements hold no `?` inside literals). */
function numberPlaceholders(statement: string): string {
  let text = numbered.get(statement)
  if (text === undefined) {
    let count = 0
    text = statement.replace(/\?/g, () => {
      count += 1
      return `$${count}`
    })
    numbered.set(statement, text)
  }
  return text
}

function executorOf(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    dialect: 'postgresql',
    async query<Row extends SqlRow>(statement: string, params: readonly SqlValue[] = []) {
      const result = await client.query(numberPlaceholders(statement), params as unknown[])
      return result.rows as Row[]
    },
    async execute(script: string) {
      // Without parameters pg uses the simple protocol, which takes several statements at once.
      await client.query(script)
    },
  }
}

/**
 * Runs `work` between begin and commit on one checked-out client, rolling back when it throws.
 * Returns false in `healthy` when the rollback itself failed (the connection is then unusable).
 */
async function inTransaction<T>(
  client: pg.PoolClient,
  work: (tx: SqlExecutor) => Promise<T>,
  state: { healthy: boolean } = { healthy: true },
): Promise<T> {
  await client.query('begin')
  try {
    const result = await work(executorOf(client))
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {
      state.healthy = false
    })
    throw error
  }
}

/** A pool on `databaseUrl`; connection errors of idle clients are logged, never thrown. */
export function openPostgresPool(databaseUrl: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  })
  // An idle client whose server went away emits 'error'; unhandled it would end the process.
  pool.on('error', (error) => log.warn({ err: error }, 'database connection lost'))
  // A checked-out client has no pool listener, so give each one its own for the same reason.
  pool.on('connect', (client) => {
    client.on('error', (error) => log.debug({ err: error }, 'database client error'))
  })
  return pool
}

/** The store's client over a pool: each transaction checks out its own connection. */
export function createPostgresClient(pool: pg.Pool): SqlClient {
  return {
    ...executorOf(pool),
    async transaction(work) {
      const client = await pool.connect()
      const state = { healthy: true }
      try {
        return await inTransaction(client, work, state)
      } finally {
        // A connection whose rollback failed is in an unknown state: the pool drops it.
        client.release(!state.healthy)
      }
    },
    close: () => pool.end(),
  }
}

/**
 * A client bound to one checked-out connection (session state such as advisory locks stays on
 * it); `close` only releases the connection.
 */
export function createPostgresSessionClient(client: pg.PoolClient): SqlClient {
  return {
    ...executorOf(client),
    transaction: (work) => inTransaction(client, work),
    close: async () => client.release(),
  }
}
