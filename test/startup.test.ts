/**
 * Starting the server as a user does (`node src/main.ts` in a child process): what the start-up
 * log says, and start-up failures as one line and exit code 2, never a stack trace.
 */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import path from 'node:path'
import { test } from 'node:test'
import pg from 'pg'
import { startJasqueProcess } from './helpers/jasque-process.ts'
import { ADMIN_DATABASE_URL, testDatabaseUrl } from './helpers/test-drivers.ts'
import { tmpDir } from './helpers/tmp-dir.ts'

async function folders() {
  const dir = await tmpDir('jasque-startup-')
  const vault = path.join(dir.path, 'vault')
  await mkdir(vault)
  await writeFile(path.join(vault, 'Welcome.md'), '# Welcome\n\n#demo [[Other]]\n\n- [ ] try Jasque\n')
  await writeFile(path.join(vault, 'Other.md'), 'the other note\n')
  return { dir, vault, dataDir: path.join(dir.path, 'data') }
}

function assertOneLine(stderr: string) {
  assert.equal(stderr.trim().split('\n').length, 1, stderr)
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace')
}

test('every configuration problem is reported at once: an invalid PORT and a missing vault', async (t) => {
  await using dir = await tmpDir()
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    env: { PORT: 'abc', OBSIDIAN_VAULT_PATH: path.join(dir.path, 'missing') },
  })
  assert.equal(await jasque.exited, 2)
  const { stderr } = jasque.output()
  assert.match(stderr, /PORT/)
  assert.match(stderr, /OBSIDIAN_VAULT_PATH .*does not exist/)
})

test('an empty PORT is refused instead of listening on a random port', async (t) => {
  const { dir, vault, dataDir } = await folders()
  t.after(() => dir[Symbol.asyncDispose]())
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    env: { PORT: '', OBSIDIAN_VAULT_PATH: vault, JASQUE_DATA_DIR: dataDir },
  })
  // Before the fix it listened: wait for either outcome rather than for an exit that never comes.
  const verdict = await jasque.waitForLine(/PORT:|"listening"/, 'a verdict on PORT')
  assert.match(verdict, /PORT: must be a whole number/)
  assert.equal(await jasque.exited, 2)
})

test('a port in use is one line on stderr and exit code 2', async (t) => {
  const { dir, vault, dataDir } = await folders()
  t.after(() => dir[Symbol.asyncDispose]())
  const blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  t.after(() => blocker.close())
  const port = (blocker.address() as { port: number }).port
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    env: { PORT: String(port), OBSIDIAN_VAULT_PATH: vault, JASQUE_DATA_DIR: dataDir },
  })
  assert.equal(await jasque.exited, 2)
  const { stderr } = jasque.output()
  assertOneLine(stderr)
  assert.match(stderr, new RegExp(`^jasque: cannot start: port ${port} on 127.0.0.1 is already in use`))
})

test('a PostgreSQL database that does not exist is one line on stderr and exit code 2', async (t) => {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 3000 })
  admin.on('error', () => {})
  try {
    await admin.connect()
    await admin.end()
  } catch (error) {
    t.skip(`PostgreSQL is not reachable at ${ADMIN_DATABASE_URL}: ${String(error)}`)
    return
  }
  const { dir, vault, dataDir } = await folders()
  t.after(() => dir[Symbol.asyncDispose]())
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    env: {
      PORT: '0',
      OBSIDIAN_VAULT_PATH: vault,
      JASQUE_DATA_DIR: dataDir,
      DATABASE_URL: testDatabaseUrl('jasque_no_such_database'),
    },
  })
  assert.equal(await jasque.exited, 2)
  const { stderr } = jasque.output()
  assertOneLine(stderr)
  assert.match(stderr, /^jasque: cannot start: .*jasque_no_such_database/)
})

test('the start-up log names the vault, the store and the model, then the index statistics', async (t) => {
  const { dir, vault, dataDir } = await folders()
  t.after(() => dir[Symbol.asyncDispose]())
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    env: { PORT: '0', OBSIDIAN_VAULT_PATH: vault, JASQUE_DATA_DIR: dataDir, LLM_MODEL: 'openai:gpt-4o' },
  })
  const starting = JSON.parse(await jasque.waitForLine(/"msg":"starting"/, 'the "starting" line'))
  assert.equal(starting.vault, vault)
  assert.ok(starting.store.includes(dataDir), starting.store)
  assert.equal(starting.model, 'openai:gpt-4o')
  const ready = JSON.parse(await jasque.waitForLine(/"msg":"vault ready"/, 'the "vault ready" line'))
  assert.equal(ready.notes, 2)
  assert.equal(ready.links, 1)
  assert.deepEqual(ready.tasks, { open: 1, done: 0, other: 0 })
  assert.equal(jasque.output().stdout.match(/"msg":"listening"/g)?.length, 1)
})
