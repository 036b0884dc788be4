import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { testEachDriver } from '../../test/helpers/test-drivers.ts'
import { ConflictError, NotFoundError } from '../errors.ts'
import type { JournalEntryInput, JournalFileChange } from './types.ts'

const encode = (text: string) => new TextEncoder().encode(text)

const modify = (path: string, before: Uint8Array): JournalFileChange => ({
  kind: 'modify',
  path,
  before,
  beforeHash: `before-${path}`,
  afterHash: `after-${path}`,
})

function started(changes: JournalFileChange[]): JournalEntryInput {
  return {
    source: { kind: 'chat', requestId: 'req-1' },
    tool: 'obsidian_manage_notes',
    operation: 'update',
    paths: changes.map((change) => change.path),
    summary: 'in progress',
    changes,
  }
}

testEachDriver(test, 'extended changes read back after the recorded ones, in order', async (t, driver) => {
  const store = await driver.openStore(t)
  const first = modify('A.md', encode('a before'))
  const entry = await store.journal.record(started([first]))
  const move: JournalFileChange = { kind: 'move', fromPath: 'Old.md', path: 'New.md', afterHash: 'm' }
  const created: JournalFileChange = { kind: 'create', path: 'Folder' }
  await store.journal.extend(entry.id, [created, move])
  await store.journal.extend(entry.id, [
    modify('New.md', encode('new before')),
    modify('A.md', encode('again')),
  ])
  await store.journal.extend(entry.id, [], { summary: 'updated 2 notes' })

  const read = await store.journal.get(entry.id)
  assert.deepEqual(read?.changes, [
    first,
    created,
    move,
    modify('New.md', encode('new before')),
    modify('A.md', encode('again')),
  ])
  assert.deepEqual(read?.paths, ['A.md', 'Folder', 'Old.md', 'New.md'])
  assert.equal(read?.summary, 'updated 2 notes')
  const [listed] = await store.journal.listNewest({ limit: 1 })
  assert.deepEqual(
    listed?.changes.map((change) => [change.path, change.beforeSize]),
    [
      ['A.md', 8],
      ['Folder', undefined],
      ['New.md', undefined],
      ['New.md', 10],
      ['A.md', 5],
    ],
  )
})

testEachDriver(test, 'extended before-images round-trip byte for byte', async (t, driver) => {
  const store = await driver.openStore(t)
  const images = [
    encode('\uFEFF---\r\ntitle: Café ☕\r\n---\r\nbody\r\n'),
    Uint8Array.from({ length: 512 }, (_, index) => index % 256),
    new Uint8Array(),
    encode('- [ ] compressible line\n'.repeat(20_000)),
    new Uint8Array(randomBytes(256 * 1024)),
  ]
  const entry = await store.journal.record(started([{ kind: 'create', path: 'First.md', afterHash: 'x' }]))
  for (const [index, bytes] of images.entries())
    await store.journal.extend(entry.id, [modify(`Note ${index}.md`, bytes)])
  const read = await store.journal.get(entry.id)
  assert.ok(read)
  assert.equal(read.changes.length, images.length + 1)
  for (const [index, bytes] of images.entries()) {
    const before: Uint8Array | undefined = read.changes[index + 1]?.before
    assert.deepEqual(before, bytes, `image ${index}`)
    assert.equal(Object.getPrototypeOf(before), Uint8Array.prototype)
  }
})

testEachDriver(test, 'parallel extends of one entry all land without losing a change', async (t, driver) => {
  const store = await driver.openStore(t)
  const entry = await store.journal.record(started([modify('Start.md', encode('s'))]))
  await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      store.journal.extend(entry.id, [modify(`P${index}.md`, encode(`before ${index}`))]),
    ),
  )
  const read = await store.journal.get(entry.id)
  assert.equal(read?.changes.length, 21)
  for (const change of read?.changes.slice(1) ?? []) {
    const index = change.path.slice(1, -3)
    assert.deepEqual(change.before, encode(`before ${index}`), change.path)
  }
})

testEachDriver(test, 'extend refuses an unknown entry and an undone one', async (t, driver) => {
  const store = await driver.openStore(t)
  await assert.rejects(store.journal.extend('0000000000000', [modify('A.md', encode('a'))]), NotFoundError)
  const entry = await store.journal.record(started([modify('A.md', encode('a'))]))
  await store.journal.markUndone(entry.id)
  await assert.rejects(store.journal.extend(entry.id, [modify('B.md', encode('b'))]), ConflictError)
  assert.equal((await store.journal.get(entry.id))?.changes.length, 1)
})
