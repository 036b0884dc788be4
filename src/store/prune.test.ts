import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { testEachDriver } from '../../test/helpers/test-drivers.ts'
import { createSilentLogger } from '../log.ts'
import { startPruner } from './prune.ts'
import type { AgentRunInput, JournalEntryInput } from './types.ts'

const DAY_MS = 24 * 60 * 60 * 1000
const start = new Date('2026-01-01T00:00:00.000Z')

const change: JournalEntryInput = {
  source: { kind: 'api' },
  tool: 'obsidian_manage_notes',
  operation: 'replace',
  paths: ['a.md'],
  changes: [{ kind: 'modify', path: 'a.md', before: new Uint8Array(5000).fill(120) }],
}

const run: AgentRunInput = {
  requestId: 'r',
  model: 'm',
  startedAt: start,
  finishedAt: start,
  outcome: 'ok',
  toolCalls: [{ name: 'obsidian_query_vault', paths: [], durationMs: 1, ok: true }],
}

/** A clock the test moves by hand. */
function manualClock(time: Date) {
  let current = time.getTime()
  return {
    now: () => new Date(current),
    advanceDays: (days: number) => {
      current += days * DAY_MS
    },
  }
}

testEachDriver(test, 'entries and runs older than the retention days are pruned', async (t, driver) => {
  const clock = manualClock(start)
  const store = await driver.openStore(t, { now: clock.now, retention: { days: 30, maxEntries: 1000 } })
  const old = await store.journal.record(change)
  await store.runs.record(run)
  clock.advanceDays(20)
  const recent = await store.journal.record(change)
  const recentRun = await store.runs.record(run)

  assert.deepEqual(await store.prune(), { journal: 0, runs: 0 })
  clock.advanceDays(15)
  assert.deepEqual(await store.prune(), { journal: 1, runs: 1 })
  assert.equal(await store.journal.get(old.id), undefined)
  assert.deepEqual(
    (await store.journal.listNewest({ limit: 10 })).map((entry) => entry.id),
    [recent.id],
  )
  assert.deepEqual(
    (await store.runs.listNewest({ limit: 10 })).map((item) => item.id),
    [recentRun.id],
  )
  assert.deepEqual(await store.prune(new Date(start.getTime() + 60 * DAY_MS)), { journal: 1, runs: 1 })
})

testEachDriver(test, 'only the newest maxEntries are kept', async (t, driver) => {
  const store = await driver.openStore(t, { retention: { days: 30, maxEntries: 10 } })
  const ids: string[] = []
  for (let index = 0; index < 14; index += 1) ids.push((await store.journal.record(change)).id)
  for (let index = 0; index < 12; index += 1) await store.runs.record(run)

  assert.deepEqual(await store.prune(), { journal: 4, runs: 2 })
  const kept = await store.journal.listNewest({ limit: 100 })
  assert.deepEqual(
    kept.map((entry) => entry.id),
    ids.slice(4).reverse(),
  )
  assert.equal((await store.journal.get(ids[3]!)) === undefined, true)
  assert.deepEqual((await store.journal.get(ids[4]!))?.changes[0]?.before, change.changes[0]?.before)
  assert.deepEqual(await store.prune(), { journal: 0, runs: 0 })
})

testEachDriver(test, 'background pruning starts after every N records', async (t, driver) => {
  const store = await driver.openStore(t, {
    retention: { days: 30, maxEntries: 10 },
    autoPrune: { everyRecords: 5, intervalMs: 60_000 },
  })
  for (let index = 0; index < 15; index += 1) await store.journal.record(change)
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await store.journal.listNewest({ limit: 100 })).length <= 10) break
    await sleep(20)
  }
  assert.equal((await store.journal.listNewest({ limit: 100 })).length, 10)
})

test('records reaching the threshold while a prune runs start another one when it ends', async () => {
  let prunes = 0
  let release: () => void = () => {}
  const pruner = startPruner(
    async () => {
      prunes += 1
      if (prunes === 1) await new Promise<void>((resolve) => (release = resolve))
      return { journal: 0, runs: 0 }
    },
    createSilentLogger(),
    { everyRecords: 2, intervalMs: 60_000 },
  )
  pruner.noteRecord()
  pruner.noteRecord()
  assert.equal(prunes, 1)
  // Two more records while the first prune is still running: their trigger is deferred, not lost.
  pruner.noteRecord()
  pruner.noteRecord()
  assert.equal(prunes, 1)
  release()
  for (let attempt = 0; attempt < 50 && prunes < 2; attempt += 1) await sleep(5)
  assert.equal(prunes, 2)
  await pruner.stop()
})
