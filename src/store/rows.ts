/** Converting between the store's values and what each database gives back or accepts. */
import type { SqlExecutor, SqlValue } from './sql-client.ts'

/** A timestamp column: PostgreSQL gives a Date, SQLite the integer milliseconds stored. */
export function readDate(value: unknown): Date {
  if (value instanceof Date) return value
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value))
  if (typeof value === 'string') return new Date(value)
  throw new TypeError(`not a timestamp: ${String(value)}`)
}

/** Like readDate, keeping null as undefined. */
export function readOptionalDate(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : readDate(value)
}

/** A JSON column: PostgreSQL's jsonb arrives parsed, SQLite's text as a string. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

/** A boolean column: SQLite stores 0 and 1. */
export function readBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n
}

/** An integer column that PostgreSQL may give as a string (bigint) and SQLite as a number. */
export function readInteger(value: unknown): number {
  return typeof value === 'number' ? value : Number(value)
}

/** A string column where null means absent. */
export function readOptionalString(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value)
}

/** A value for a JSON column (jsonb in PostgreSQL, text in SQLite). */
export function jsonValue(value: unknown): string {
  return JSON.stringify(value)
}

/** A value for a boolean column. */
export function booleanValue(db: SqlExecutor, value: boolean): SqlValue {
  return db.dialect === 'sqlite' ? (value ? 1 : 0) : value
}
