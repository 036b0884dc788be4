/**
 * Opens the database behind the store — PostgreSQL through a node-postgres pool when a URL is
 * given, else PGlite in `<dataDir>/pglite` — and brings its schema up to date.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres'
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { UnavailableError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { isConnectionError, rootMessage } from './unavailable.ts'

/** The query builder both drivers share. */
export type Database = PgDatabase<PgQueryResultHKT>

export interface OpenDatabase {
  provider: 'postgresql' | 'pglite'
  db: Database
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined
  dataDir: string
  log: Logger
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

/** Arbitrary constant naming Jasque's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 7_236_311_001

/** Where a database URL points, without credentials, for error messages. */
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
  try {
    const client = await pool.connect()
    let releaseError: Error | undefined
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
      try {
        await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER })
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch((error) => {
          releaseError = error as Error
        })
      }
    } finally {
      client.release(releaseError)
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
  return { provider: 'postgresql', db: drizzlePostgres({ client: pool }), close: () => pool.end() }
}

async function openPglite(dataDir: string): Promise<OpenDatabase> {
  const folder = path.join(dataDir, 'pglite')
  await mkdir(folder, { recursive: true })
  const client = await PGlite.create(folder)
  try {
    const db = drizzlePglite({ client })
    // One process owns a PGlite folder, so no lock is needed around the migrator.
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER })
    await db.execute(sql`select 1`)
    return { provider: 'pglite', db, close: () => client.close() }
  } catch (error) {
    await client.close().catch(() => {})
    throw new Error(`database migration failed on PGlite in ${folder}: ${rootMessage(error)}`, {
      cause: error,
    })
  }
}

/**
 * Connects and applies pending migrations (concurrent starts on one PostgreSQL database wait on an
 * advisory lock). Throws UnavailableError naming the host when PostgreSQL cannot be reached.
 */
export async function openDatabase({
  databaseUrl,
  dataDir,
  log,
}: OpenDatabaseOptions): Promise<OpenDatabase> {
  if (databaseUrl !== undefined) return openPostgres(databaseUrl, log)
  return openPglite(dataDir)
}
