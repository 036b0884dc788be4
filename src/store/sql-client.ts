/**
 * The little the store needs from a database: parameterised queries, write transactions and close,
 * over PostgreSQL (`pg`) or SQLite (`node:sqlite`). Statements use `?` placeholders; the PostgreSQL
 * client numbers them. Dates are passed as Date and come back as Date, numbers or strings (see
 * `rows.ts`); booleans and JSON are encoded by the callers through `rows.ts` as well.
 */

/** A value a statement can take: SQLite has no boolean or date types, so callers encode those. */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array | Date

/** One result row, column name to value, as the driver returned it. */
export type SqlRow = Record<string, unknown>

export interface SqlExecutor {
  readonly dialect: 'postgresql' | 'sqlite'
  /** Runs one statement and returns its rows (none for statements without `returning`). */
  query<Row extends SqlRow = SqlRow>(statement: string, params?: readonly SqlValue[]): Promise<Row[]>
  /** Runs a script of several statements without parameters (migrations). */
  execute(script: string): Promise<void>
}

export interface SqlClient extends SqlExecutor {
  /**
   * Runs `work` in one write transaction: committed when it resolves, rolled back when it throws.
   * SQLite takes the database's write lock at the start (`BEGIN IMMEDIATE`), so concurrent
   * writers from other processes wait instead of failing halfway.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
  close(): Promise<void>
}
