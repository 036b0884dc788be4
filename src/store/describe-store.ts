import path from 'node:path'
import { describeDatabaseUrl, SQLITE_FILE_NAME } from './open-database.ts'

/**
 * Where the store keeps its data, for the start-up log: the embedded database's folder, or the
 * PostgreSQL host and database (never the user or password).
 */
export function describeStore({
  databaseUrl,
  dataDir,
}: {
  databaseUrl?: string | undefined
  dataDir: string
}): string {
  if (databaseUrl !== undefined) return `PostgreSQL at ${describeDatabaseUrl(databaseUrl)}`
  return `embedded SQLite at ${path.join(dataDir, SQLITE_FILE_NAME)}`
}
