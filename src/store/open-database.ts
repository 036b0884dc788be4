/**
 * Opens the database behind the store — PostgreSQL through a `pg` pool when a URL is given, else
 * SQLite in `<dataDir>/jasque.db` — and brings its schema up to date.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { UnavailableError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { migrate } from './migrate.ts'
import type { SqlClient } from './sql-client.ts'
import { openSqlite } from './sqlite-client.ts'
import { isConnectionError, rootMessage } from './unavailable.ts'

export interface OpenDatabase {
  provider: 'postgresql' | 'sqlite'
  client: SqlClient
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined
  dataDir: string
  log: Logger
}

/** The embedded database's file inside the data folder. */
export const SQLITE_FILE_NAME = 'jasque.db'

/** Where a database URL points, without credentials, for messages and logs. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    const socketHost = url.searchParams.get('host')
    const host = url.hostname === '' ? (socketHost ?? 'localhost') : url.hostname
    return `${host}:${url.port === '' ? '5432' : url.port}${url.pathname}`
  } catch {
    return 'the configured DATABASE_URL'
  }
}

async function openPostgres(databaseUrl: string, log: Logger): Promise<OpenDatabase> {
  // Loaded only here: `pg` costs the SQLite store and read-only CLI calls ~50 ms at start.
  const { createPostgresClient, createPostgresSessionClient, openPostgresPool } = await import(
    './postgres-client.ts'
  )
  const pool = openPostgresPool(databaseUrl, log)
  try {
    const session = createPostgresSessionClient(await pool.connect())
    try {
      await migrate(session)
    } finally {
      await session.close()
    }
  } catch (error) {
    await pool.end().catch(() => {})
    const where = describeDatabaseUrl(databaseUrl)
    if (isConnectionError(error)) {
      throw new UnavailableError(
        `database unavailable: cannot connect to PostgreSQL at ${where} (${rootMessage(error)})`,
        { cause: error },
      )
    }
    throw new Error(`database migration failed on PostgreSQL at ${where}: ${rootMessage(error)}`, {
      cause: error,
    })
  }
  return { provider: 'postgresql', client: createPostgresClient(pool) }
}

async function openEmbedded(dataDir: string): Promise<OpenDatabase> {
  await mkdir(dataDir, { recursive: true })
  const file = path.join(dataDir, SQLITE_FILE_NAME)
  let client: SqlClient
  try {
    client = await openSqlite(file)
  } catch (error) {
    throw new Error(`cannot open the SQLite store ${file}: ${rootMessage(error)}`, { cause: error })
  }
  try {
    await migrate(client)
    return { provider: 'sqlite', client }
  } catch (error) {
    await client.close().catch(() => {})
    throw new Error(`database migration failed on SQLite ${file}: ${rootMessage(error)}`, {
      cause: error,
    })
  }
}

/**
 * Connects and applies pending migrations (concurrent starts are safe with either database).
 * Throws UnavailableError naming the host when PostgreSQL cannot be reached.
 */
export async function openDatabase({
  databaseUrl,
  dataDir,
  log,
}: OpenDatabaseOptions): Promise<OpenDatabase> {
  if (databaseUrl !== undefined) return openPostgres(databaseUrl, log)
  return openEmbedded(dataDir)
}
