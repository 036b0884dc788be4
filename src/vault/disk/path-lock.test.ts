import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createPathLocks } from './path-lock.ts'

test('withLock runs callers of one path one at a time, in arrival order', async () => {
  const locks = createPathLocks()
  const events: string[] = []
  const run = (name: string, ms: number) =>
    locks.withLock('Note.md', async () => {
      events.push(`start ${name}`)
      await sleep(ms)
      events.push(`end ${name}`)
      return name
    })
  assert.deepEqual(await Promise.all([run('a', 20), run('b', 1), run('c', 5)]), ['a', 'b', 'c'])
  assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  assert.equal(locks.size(), 0)
})

test('two concurrent read-modify-write appends both land', async () => {
  const locks = createPathLocks()
  let file = 'start'
  const append = (line: string) =>
    locks.withLock('Note.md', async () => {
      const read = file
      await sleep(5)
      file = `${read}\n${line}`
    })
  await Promise.all([append('one'), append('two')])
  assert.deepEqual(file.split('\n').sort(), ['one', 'start', 'two'])
})

test('different paths do not wait for each other', async () => {
  const locks = createPathLocks()
  let isFirstHeld = false
  let wasOverlap = false
  await Promise.all([
    locks.withLock('a.md', async () => {
      isFirstHeld = true
      await sleep(20)
      isFirstHeld = false
    }),
    locks.withLock('b.md', async () => {
      await sleep(5)
      wasOverlap = isFirstHeld
    }),
  ])
  assert.equal(wasOverlap, true)
})

test('keys are compared after NFC normalisation and case-sensitively', async () => {
  const locks = createPathLocks()
  const order: string[] = []
  const hold = (key: string, name: string) =>
    locks.withLock(key, async () => {
      order.push(`in ${name}`)
      await sleep(10)
      order.push(`out ${name}`)
    })
  await Promise.all([hold('Cafe\u0301.md', 'nfd'), hold('Caf\u00e9.md', 'nfc')])
  assert.deepEqual(order, ['in nfd', 'out nfd', 'in nfc', 'out nfc'])
  order.length = 0
  await Promise.all([hold('note.md', 'lower'), hold('Note.md', 'upper')])
  assert.deepEqual(order, ['in lower', 'in upper', 'out lower', 'out upper'])
})

test('locking overlapping sets in opposite orders does not deadlock', async () => {
  const locks = createPathLocks()
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      locks.withLock(i % 2 === 0 ? ['a.md', 'b.md', 'c.md'] : ['c.md', 'b.md', 'a.md'], async () => {
        await sleep(1)
        return i
      }),
    ),
  )
  assert.equal(results.length, 20)
  assert.equal(locks.size(), 0)
})

test('a failing callback releases its locks and rejects with its error', async () => {
  const locks = createPathLocks()
  await assert.rejects(
    locks.withLock(['x.md', 'y.md'], async () => {
      throw new Error('boom')
    }),
    /boom/,
  )
  assert.equal(locks.size(), 0)
  assert.equal(await locks.withLock('x.md', async () => 'free'), 'free')
})

test('the same path twice in one call is locked once', async () => {
  const locks = createPathLocks()
  assert.equal(await locks.withLock(['a.md', 'a.md'], async () => 'ok'), 'ok')
  assert.equal(locks.size(), 0)
})

test('no map entry leaks after thousands of contended calls', async () => {
  const locks = createPathLocks()
  await Promise.all(Array.from({ length: 2000 }, (_, i) => locks.withLock(`n${i % 7}.md`, async () => i)))
  assert.equal(locks.size(), 0)
})
