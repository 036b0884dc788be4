import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createNoVaultWriteLock, createVaultWriteLock } from './vault-write-lock.ts'

async function tempDir(t: import('node:test').TestContext): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jasque-lock-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

test('writers in one process run one at a time, in the order they asked', async () => {
  const lock = createNoVaultWriteLock()
  const order: string[] = []
  const write = (name: string, ms: number) =>
    lock.withLock(async () => {
      order.push(`${name} start`)
      await sleep(ms)
      order.push(`${name} end`)
    })
  await Promise.all([write('a', 20), write('b', 1), write('c', 1)])
  assert.deepEqual(order, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end'])
})

test('two locks on one vault exclude each other, and a failed writer releases its turn', async (t) => {
  const dir = await tempDir(t)
  const first = createVaultWriteLock({ lockDir: dir, vaultRoot: '/vault' })
  const second = createVaultWriteLock({ lockDir: dir, vaultRoot: '/vault' })
  t.after(() => {
    first.close()
    second.close()
  })
  const events: string[] = []
  let releaseFirst: () => void = () => {}
  const held = first.withLock(
    () =>
      new Promise<void>((resolve) => {
        events.push('first holds')
        releaseFirst = resolve
      }),
  )
  await sleep(10)
  const waiting = second.withLock(async () => {
    events.push('second holds')
  })
  await sleep(50)
  assert.deepEqual(events, ['first holds'])
  releaseFirst()
  await Promise.all([held, waiting])
  assert.deepEqual(events, ['first holds', 'second holds'])
  await assert.rejects(
    first.withLock(async () => Promise.reject(new Error('boom'))),
    /boom/,
  )
  await second.withLock(async () => events.push('after a failure'))
  assert.equal(events.at(-1), 'after a failure')
})

test('a process killed while holding the lock does not keep the vault locked', async (t) => {
  const dir = await tempDir(t)
  const module = new URL('./vault-write-lock.ts', import.meta.url).href
  const child = spawn(process.execPath, [
    '--input-type=module',
    '-e',
    `import { createVaultWriteLock } from ${JSON.stringify(module)}
     const lock = createVaultWriteLock({ lockDir: ${JSON.stringify(dir)}, vaultRoot: '/vault' })
     await lock.withLock(async () => { process.stdout.write('held\\n'); await new Promise(() => setInterval(() => {}, 1000)) })`,
  ])
  t.after(() => child.kill('SIGKILL'))
  await once(child.stdout, 'data')
  const lock = createVaultWriteLock({ lockDir: dir, vaultRoot: '/vault', timeoutMs: 30_000 })
  t.after(() => lock.close())
  let ran = false
  const waiting = lock.withLock(async () => {
    ran = true
  })
  await sleep(50)
  assert.equal(ran, false)
  child.kill('SIGKILL')
  await waiting
  assert.equal(ran, true)
})
