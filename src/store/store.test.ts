import assert from 'node:assert/strict'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import pg from 'pg'
import { UnavailableError } from '../errors.ts'
import { createSilentLogger } from '../log.ts'
import { createStore } from './store.ts'
import { deferCleanup, testEachDriver } from './test-drivers.ts'

const entry = {
  source: { kind: 'cli' as const },
  tool: 'obsidian_manage_notes',
  operation: 'create',
  paths: ['a.md'],
}

async function countMigrations(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const result = await client.query('select count(*)::int as count from drizzle.__drizzle_migrations')
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
    if (location.databaseUrl !== undefined) assert.equal(await countMigrations(location.databaseUrl), 1)
  },
)

testEachDriver(test, 'close can be called twice', async (t, driver) => {
  const store = await driver.openStore(t)
  await store.close()
  await store.close()
})

testEachDriver(
  test,
  'two processes starting at once on one database both migrate safely',
  async (t, driver) => {
    const location = await driver.createLocation(t, { empty: true })
    const stores = await Promise.all(Array.from({ length: 4 }, () => driver.openStore(t, { location })))
    await Promise.all(stores.map((store) => store.ping()))
    assert.equal(await countMigrations(location.databaseUrl!), 1)
  },
  // A PGlite folder belongs to one process, so only PostgreSQL can be started twice at once.
  { only: 'postgresql' },
)

test('PGlite creates its data folder when missing', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'jasque-store-'))
  deferCleanup(t, () => rm(root, { recursive: true, force: true }))
  const dataDir = path.join(root, 'nested', 'data')
  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  deferCleanup(t, () => store.close())
  assert.equal(store.provider, 'pglite')
  assert.ok((await stat(path.join(dataDir, 'pglite'))).isDirectory())
})

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
