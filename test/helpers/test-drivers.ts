/**
 * Test support: each store test runs once per driver. SQLite lives in a temp folder; PostgreSQL
 * gets a fresh `jasque_test_<random>` database (made through the `postgres` database) per location.
 * Everything is closed and removed when the test ends, newest first.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestContext } from 'node:test'
import pg from 'pg'
import { createSilentLogger } from '../../src/log.ts'
import { type CreateStoreOptions, createStore, type Store } from '../../src/store/index.ts'

/** The maintenance database tests create their databases through: `TEST_DATABASE_URL`, else local. */
export const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

/** The URL of database `name` on the test server (the admin URL with another database). */
export function testDatabaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL)
  url.pathname = `/${name}`
  return url.toString()
}

export interface StoreLocation {
  databaseUrl?: string
  dataDir: string
}

export interface StoreDriver {
  name: 'sqlite' | 'postgresql'
  /** Why this driver cannot run here, if it cannot (the test is then skipped with this message). */
  unavailable(): Promise<string | undefined>
  /**
   * A new, empty database, removed when the test ends (`empty` is accepted for older callers;
   * every location starts empty and is migrated when a store opens it).
   */
  createLocation(t: TestContext, options?: { empty?: boolean }): Promise<StoreLocation>
  /** Opens a store (on a new location unless one is given), closed when the test ends. */
  openStore(
    t: TestContext,
    options?: Partial<CreateStoreOptions> & { location?: StoreLocation },
  ): Promise<Store>
}

const cleanups = new WeakMap<TestContext, (() => Promise<unknown>)[]>()

/** Registers `cleanup` to run when the test ends; cleanups run in reverse order of registration. */
export function deferCleanup(t: TestContext, cleanup: () => Promise<unknown>): void {
  let stack = cleanups.get(t)
  if (stack === undefined) {
    const created: (() => Promise<unknown>)[] = []
    stack = created
    cleanups.set(t, created)
    t.after(async () => {
      for (const item of created.reverse()) await item()
    })
  }
  stack.push(cleanup)
}

/** Runs one statement on the `postgres` maintenance database. */
export async function runAdminQuery(statement: string, url = ADMIN_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

async function makeTempDir(t: TestContext, prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  deferCleanup(t, () => rm(dir, { recursive: true, force: true }))
  return dir
}

function createDriver(
  name: StoreDriver['name'],
  unavailable: () => Promise<string | undefined>,
  createLocation: StoreDriver['createLocation'],
): StoreDriver {
  return {
    name,
    unavailable,
    createLocation,
    async openStore(t, { location, ...options } = {}) {
      const where = location ?? (await createLocation(t))
      const store = await createStore({ log: createSilentLogger(), autoPrune: false, ...where, ...options })
      deferCleanup(t, () => store.close())
      return store
    },
  }
}

/** The two drivers every store test runs against. */
export const storeDrivers: StoreDriver[] = [
  createDriver(
    'sqlite',
    async () => undefined,
    async (t) => ({ dataDir: await makeTempDir(t, 'jasque-store-') }),
  ),
  createDriver(
    'postgresql',
    () =>
      runAdminQuery('select 1').then(
        () => undefined,
        (error: unknown) => `PostgreSQL is not reachable at ${ADMIN_DATABASE_URL}: ${String(error)}`,
      ),
    async (t) => {
      const name = `jasque_test_${randomBytes(6).toString('hex')}`
      await runAdminQuery(`create database ${name}`)
      deferCleanup(t, () => runAdminQuery(`drop database if exists ${name} with (force)`))
      return {
        databaseUrl: testDatabaseUrl(name),
        dataDir: await makeTempDir(t, 'jasque-store-pg-'),
      }
    },
  ),
]

/**
 * Registers `body` as one test per driver (or only `only`), named `<name> (<driver>)`, skipped with
 * a message when the driver cannot run here.
 */
export function testEachDriver(
  test: (name: string, body: (t: TestContext) => Promise<void>) => unknown,
  name: string,
  body: (t: TestContext, driver: StoreDriver) => Promise<void>,
  { only }: { only?: StoreDriver['name'] } = {},
): void {
  for (const driver of storeDrivers.filter((item) => only === undefined || item.name === only)) {
    test(`${name} (${driver.name})`, async (t) => {
      const problem = await driver.unavailable()
      if (problem !== undefined) {
        t.skip(problem)
        return
      }
      await body(t, driver)
    })
  }
}
