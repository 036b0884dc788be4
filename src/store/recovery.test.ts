/**
 * Stops and restarts a throwaway PostgreSQL cluster under a live store: requests fail with
 * UnavailableError while it is down and work again, without reopening the store, once it is back.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { deferCleanup } from '../../test/helpers/test-drivers.ts'
import { UnavailableError } from '../errors.ts'
import { createSilentLogger } from '../log.ts'
import { createStore } from './store.ts'

const run = promisify(execFile)

function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  return versions
    .map((version) => path.join(root, version, 'bin'))
    .find((bin) => existsSync(path.join(bin, 'pg_ctl')))
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const isUnavailable = (error: unknown) =>
  error instanceof UnavailableError && error.message.startsWith('database unavailable: ')

const bin = findPostgresBin()
// runuser lives in /usr/sbin, which a CI job's PATH may lack.
const runuser =
  ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((candidate) => existsSync(candidate)) ??
  'runuser'

test('the store recovers by itself when PostgreSQL restarts', {
  skip: bin === undefined ? 'PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin' : false,
}, async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'jasque-pg-cluster-'))
  deferCleanup(t, () => rm(root, { recursive: true, force: true }))
  const dataDir = path.join(root, 'data')
  const socketDir = path.join(root, 'socket')
  await mkdir(socketDir)
  const [uid, gid] = await postgresIds()
  await chown(root, uid, gid)
  await chown(socketDir, uid, gid)
  const port = await freePort()
  const asPostgres = (tool: string, args: string[]) =>
    run(runuser, ['-u', 'postgres', '--', path.join(bin!, tool), ...args], { cwd: root })
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, ...args])
  const startCluster = () =>
    pgCtl(
      '-l',
      path.join(root, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${socketDir} -c fsync=off`,
      'start',
    )

  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
  await startCluster()
  deferCleanup(t, () => pgCtl('-m', 'immediate', '-w', 'stop').catch(() => {}))

  const store = await createStore({
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir: root,
    log: createSilentLogger(),
    autoPrune: false,
  })
  deferCleanup(t, () => store.close())
  const input = {
    source: { kind: 'cli' as const },
    tool: 'obsidian_manage_notes',
    operation: 'create',
    paths: ['a.md'],
    changes: [{ kind: 'create' as const, path: 'a.md' }],
  }
  const runInput = {
    requestId: 'r',
    model: 'm',
    startedAt: new Date(),
    finishedAt: new Date(),
    outcome: 'ok',
    toolCalls: [{ name: 'obsidian_query_vault', paths: [], durationMs: 1, ok: true }],
  }
  const before = await store.journal.record(input)
  await store.ping()

  await pgCtl('-m', 'fast', '-w', 'stop')
  await assert.rejects(store.ping(), isUnavailable)
  await assert.rejects(store.journal.record(input), isUnavailable)
  const withBefore = {
    ...input,
    changes: [{ kind: 'modify' as const, path: 'a.md', before: new Uint8Array(9000) }],
  }
  await assert.rejects(store.journal.record(withBefore), isUnavailable)
  await assert.rejects(store.runs.record(runInput), isUnavailable)
  await assert.rejects(store.journal.listNewest({ limit: 5 }), isUnavailable)
  await assert.rejects(store.runs.get(before.id), isUnavailable)

  await startCluster()
  let recovered = false
  for (let attempt = 0; attempt < 50 && !recovered; attempt += 1) {
    recovered = await store.ping().then(
      () => true,
      () => false,
    )
    if (!recovered) await sleep(100)
  }
  assert.ok(recovered, 'ping works again after the restart')
  const after = await store.journal.record(input)
  await store.runs.record(runInput)
  assert.deepEqual(
    (await store.journal.listNewest({ limit: 5 })).map((entry) => entry.id),
    [after.id, before.id],
  )
})

async function postgresIds(): Promise<[number, number]> {
  const { stdout: uid } = await run('id', ['-u', 'postgres'])
  const { stdout: gid } = await run('id', ['-g', 'postgres'])
  return [Number(uid.trim()), Number(gid.trim())]
}
