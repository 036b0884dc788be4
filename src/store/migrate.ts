/**
 * Applies the committed migrations (`migrations/<dialect>/NNNN_name.sql`, in name order) that a
 * database has not seen, each in its own transaction with its name recorded in `jasque_migrations`.
 * Two processes starting at once are safe: PostgreSQL callers hold an advisory lock, SQLite
 * transactions take the write lock first (`BEGIN IMMEDIATE`), so the second one finds the work done.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SqlClient, SqlExecutor } from './sql-client.ts'

const MIGRATIONS_ROOT = fileURLToPath(new URL('./migrations', import.meta.url))
const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/

/** Arbitrary constant naming Jasque's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 7_236_311_001

export interface Migration {
  name: string
  sql: string
}

/** The committed migrations of one dialect, oldest first. Reads disk. */
export async function loadMigrations(dialect: SqlClient['dialect']): Promise<Migration[]> {
  const folder = path.join(MIGRATIONS_ROOT, dialect)
  const names = (await readdir(folder)).filter((name) => MIGRATION_FILE.test(name)).sort()
  return Promise.all(
    names.map(async (name) => ({
      name: name.slice(0, -'.sql'.length),
      sql: await readFile(path.join(folder, name), 'utf8'),
    })),
  )
}

const CREATE_TABLE = {
  postgresql:
    'create table if not exists jasque_migrations (name text primary key, applied_at timestamp (3) with time zone not null)',
  sqlite:
    'create table if not exists jasque_migrations (name text primary key, applied_at integer not null) strict',
} as const

async function appliedNames(db: SqlExecutor): Promise<Set<string>> {
  const rows = await db.query<{ name: string }>('select name from jasque_migrations')
  return new Set(rows.map((row) => row.name))
}

/**
 * Brings the schema up to date; returns the names it applied. Throws when the database holds a
 * migration this version does not know (a newer Jasque wrote it), rather than misread its data.
 */
export async function migrate(client: SqlClient, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations(client.dialect))
  const applyPending = async (): Promise<string[]> => {
    // Read first: a database that is up to date is opened without taking the write lock.
    const done = await appliedNames(client).catch(async () => {
      await client.transaction((tx) => tx.query(CREATE_TABLE[client.dialect]))
      return appliedNames(client)
    })
    const known = new Set(all.map((migration) => migration.name))
    const unknown = [...done].filter((name) => !known.has(name))
    if (unknown.length > 0) {
      throw new Error(
        `the database was migrated by a newer Jasque (${unknown.join(', ')}); upgrade Jasque to use it`,
      )
    }
    const applied: string[] = []
    for (const migration of all) {
      if (done.has(migration.name)) continue
      const ran = await client.transaction(async (tx) => {
        // Checked again inside the write transaction: another process may have applied it meanwhile.
        if ((await appliedNames(tx)).has(migration.name)) return false
        await tx.execute(migration.sql)
        await tx.query('insert into jasque_migrations (name, applied_at) values (?, ?)', [
          migration.name,
          new Date(),
        ])
        return true
      })
      if (ran) applied.push(migration.name)
    }
    return applied
  }
  if (client.dialect === 'sqlite') return applyPending()
  await client.query('select pg_advisory_lock(?)', [MIGRATION_LOCK_KEY])
  try {
    return await applyPending()
  } finally {
    await client.query('select pg_advisory_unlock(?)', [MIGRATION_LOCK_KEY])
  }
}
