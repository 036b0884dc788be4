import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { test } from 'node:test'
import { promisify } from 'node:util'
import pg from 'pg'
import { deferCleanup, type StoreLocation, testEachDriver } from '../../test/helpers/test-drivers.ts'
import { UnavailableError } from '../errors.ts'
import { createSilentLogger } from '../log.ts'
import { loadMigrations } from './migrate.ts'
import { createStore } from './store.ts'

const execFileAsync = promisify(execFile)

const entry = {
  source: { kind: 'cli' as const },
  tool: 'obsidian_manage_notes',
  operation: 'create',
  paths: ['a.md'],
}

test('every migration is committed for both SQLite and PostgreSQL', async () => {
  const names = async (dialect: 'sqlite' | 'postgresql') =>
    (await loadMigrations(dialect)).map((migration) => migration.name)
  assert.deepEqual(await names('postgresql'), await names('sqlite'))
})

async function countMigrations(location: StoreLocation): Promise<number> {
  if (location.databaseUrl === undefined) {
    const db = new DatabaseSync(path.join(location.dataDir, 'jasque.db'), { readOnly: true })
    try {
      return Number(
        (db.prepare('select count(*) as count from jasque_migrations').get() as { count: number }).count,
      )
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: location.databaseUrl })
  await client.connect()
  try {
    const result = await client.query('select count(*)::int as count from jasque_migrations')
    return result.rows[0].count as number
  } finally {
    await client.end()
  }
}

testEachDriver(test, 'a new store migrates an empty database and answers ping', async (t, driver) => {
  const store = await driver.openStore(t, { location: await driver.createLocation(t, { empty: true }) })
  assert.equal(store.provider, driver.name)
  await store.ping()
  assert.deepEqual(await store.journal.listNewest({ limit: 10 }), [])
  assert.deepEqual(await store.runs.listNewest({ limit: 10 }), [])
})

testEachDriver(
  test,
  'opening the same database again keeps its data and migrates nothing',
  async (t, driver) => {
    const location = await driver.createLocation(t, { empty: true })
    const first = await driver.openStore(t, { location })
    const recorded = await first.journal.record({ ...entry, changes: [{ kind: 'create', path: 'a.md' }] })
    await first.close()
    const second = await driver.openStore(t, { location })
    assert.equal((await second.journal.get(recorded.id))?.id, recorded.id)
    assert.equal(await countMigrations(location), (await loadMigrations(driver.name)).length)
  },
)

testEachDriver(test, 'close can be called twice', async (t, driver) => {
  const store = await driver.openStore(t)
  await store.close()
  await store.close()
})

testEachDriver(
  test,
  'four stores opening one new database at once all migrate it exactly once',
  async (t, driver) => {
    const location = await driver.createLocation(t, { empty: true })
    const stores = await Promise.all(Array.from({ length: 4 }, () => driver.openStore(t, { location })))
    await Promise.all(stores.map((store) => store.ping()))
    assert.equal(await countMigrations(location), (await loadMigrations(driver.name)).length)
  },
)

testEachDriver(
  test,
  'four processes opening one new database at once all migrate it and record an entry',
  async (t, driver) => {
    const location = await driver.createLocation(t, { empty: true })
    const script = `
      import { createStore } from ${JSON.stringify(new URL('./store.ts', import.meta.url).href)}
      import { createSilentLogger } from ${JSON.stringify(new URL('../log.ts', import.meta.url).href)}
      const location = JSON.parse(process.env.STORE_LOCATION)
      const store = await createStore({ ...location, log: createSilentLogger(), autoPrune: false })
      await store.journal.record({ source: { kind: 'cli' }, tool: 't', operation: 'create', paths: ['a.md'], changes: [] })
      await store.close()`
    const runs = Array.from({ length: 4 }, () =>
      execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, STORE_LOCATION: JSON.stringify(location) },
      }),
    )
    await Promise.all(runs)
    const store = await driver.openStore(t, { location })
    assert.equal((await store.journal.listNewest({ limit: 10 })).length, 4)
    assert.equal(await countMigrations(location), (await loadMigrations(driver.name)).length)
  },
)

test('SQLite creates its data folder when missing', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'jasque-store-'))
  deferCleanup(t, () => rm(root, { recursive: true, force: true }))
  const dataDir = path.join(root, 'nested', 'data')
  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  deferCleanup(t, () => store.close())
  assert.equal(store.provider, 'sqlite')
  assert.ok((await stat(path.join(dataDir, 'jasque.db'))).isFile())
})

testEachDriver(
  test,
  'a PostgreSQL database made by an earlier Jasque keeps its data and gets no new tables',
  async (t, driver) => {
    const location = await driver.createLocation(t, { empty: true })
    const client = new pg.Client({ connectionString: location.databaseUrl })
    await client.connect()
    try {
      await client.query(
        await readFile(new URL('../../test/fixtures/postgresql-schema-v0.sql', import.meta.url), 'utf8'),
      )
      await client.query(
        `insert into journal_entries (id, created_at, source_kind, tool, operation, paths, changes)
         values ('0000000000000', now(), 'cli', 'obsidian_manage_notes', 'create', '["a.md"]', '[{"kind":"create","path":"a.md"}]')`,
      )
    } finally {
      await client.end()
    }
    const store = await driver.openStore(t, { location })
    const [entry] = await store.journal.listNewest({ limit: 10 })
    assert.equal(entry?.id, '0000000000000')
    assert.deepEqual(entry?.paths, ['a.md'])
    assert.equal(await countMigrations(location), (await loadMigrations(driver.name)).length)
  },
  { only: 'postgresql' },
)

test('an unreachable PostgreSQL fails start-up with UnavailableError naming the host', async () => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  await assert.rejects(
    createStore({
      databaseUrl: `postgres://jasque:secret@127.0.0.1:${port}/jasque`,
      dataDir: os.tmpdir(),
      log: createSilentLogger(),
    }),
    (error: unknown) => {
      assert.ok(error instanceof UnavailableError)
      assert.match(
        error.message,
        new RegExp(`^database unavailable: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/jasque`),
      )
      assert.doesNotMatch(error.message, /secret|\n/)
      return true
    },
  )
})
