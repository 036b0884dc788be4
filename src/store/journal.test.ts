import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { testEachDriver } from '../../test/helpers/test-drivers.ts'
import type { JournalEntryInput } from './types.ts'

const encode = (text: string) => new TextEncoder().encode(text)

function modify(path: string, before: Uint8Array): JournalEntryInput {
  return {
    source: { kind: 'chat', requestId: 'req-1', conversationId: 'conv-1' },
    tool: 'obsidian_manage_notes',
    operation: 'replace',
    paths: [path],
    summary: `replaced text in ${path}`,
    changes: [{ kind: 'modify', path, before, beforeHash: 'h-before', afterHash: 'h-after' }],
  }
}

const images: { name: string; bytes: Uint8Array }[] = [
  { name: 'Unicode', bytes: encode('# Café ☕ 日本語 🧪\nZwölf Boxkämpfer\n') },
  { name: 'CRLF line endings', bytes: encode('line one\r\nline two\r\n\r\n') },
  { name: 'a byte order mark', bytes: encode('\uFEFF---\ntitle: x\n---\nbody\n') },
  { name: 'every byte value', bytes: Uint8Array.from({ length: 512 }, (_, index) => index % 256) },
  { name: 'an empty file', bytes: new Uint8Array() },
  { name: 'a 1 MB note', bytes: encode('- [ ] a task with some words\r\n'.repeat(35_000)) },
  { name: '1 MB of random bytes', bytes: new Uint8Array(randomBytes(1024 * 1024)) },
]

testEachDriver(test, 'before-images round-trip byte for byte', async (t, driver) => {
  const store = await driver.openStore(t)
  for (const { name, bytes } of images) {
    const recorded = await store.journal.record(modify(`${name}.md`, bytes))
    const read = await store.journal.get(recorded.id)
    assert.ok(read, name)
    assert.deepEqual(read.changes[0]?.before, bytes, name)
    assert.equal(Object.getPrototypeOf(read.changes[0]?.before), Uint8Array.prototype, name)
  }
})

testEachDriver(test, 'an entry reads back as it was recorded', async (t, driver) => {
  const store = await driver.openStore(t)
  const input: JournalEntryInput = {
    source: { kind: 'mcp' },
    tool: 'obsidian_manage_structure',
    operation: 'rename',
    paths: ['Old.md', 'New.md', 'Links.md'],
    changes: [
      { kind: 'move', fromPath: 'Old.md', path: 'New.md', beforeHash: 'a', afterHash: 'a' },
      { kind: 'modify', path: 'Links.md', before: encode('see [[Old]]'), beforeHash: 'b', afterHash: 'c' },
      { kind: 'delete', path: 'Gone.md', trashPath: '.trash/Gone.md', beforeHash: 'd' },
      { kind: 'create', path: 'Fresh.md', afterHash: 'e' },
    ],
  }
  const recorded = await store.journal.record(input)
  assert.match(recorded.id, /^[0-9a-z]{13}$/)
  assert.ok(recorded.createdAt instanceof Date)
  assert.deepEqual(await store.journal.get(recorded.id), recorded)
  assert.deepEqual(recorded, { ...input, id: recorded.id, createdAt: recorded.createdAt })
  assert.equal(await store.journal.get('0000000000000'), undefined)
})

testEachDriver(
  test,
  'listNewest gives summaries newest first without before-image bytes',
  async (t, driver) => {
    const store = await driver.openStore(t)
    const ids: string[] = []
    for (let index = 0; index < 5; index += 1) {
      ids.push((await store.journal.record(modify(`note-${index}.md`, encode(`v${index}`)))).id)
    }
    const listed = await store.journal.listNewest({ limit: 3 })
    assert.deepEqual(
      listed.map((entry) => entry.id),
      ids.slice(2).reverse(),
    )
    const [newest] = listed
    assert.deepEqual(newest?.changes, [
      { kind: 'modify', path: 'note-4.md', beforeHash: 'h-before', afterHash: 'h-after', beforeSize: 2 },
    ])
    assert.deepEqual(newest?.source, { kind: 'chat', requestId: 'req-1', conversationId: 'conv-1' })
    assert.equal(newest?.summary, 'replaced text in note-4.md')
  },
)

testEachDriver(test, 'markUndone marks an entry once and newestUndoable skips it', async (t, driver) => {
  const store = await driver.openStore(t)
  assert.equal(await store.journal.newestUndoable(), undefined)
  const older = await store.journal.record(modify('a.md', encode('a')))
  const newer = await store.journal.record(modify('b.md', encode('b')))
  assert.equal((await store.journal.newestUndoable())?.id, newer.id)

  assert.equal(await store.journal.markUndone(newer.id, { undoneBy: older.id }), true)
  assert.equal(await store.journal.markUndone(newer.id), false)
  assert.equal(await store.journal.markUndone('zzzzzzzzzzzzz'), false)

  const read = await store.journal.get(newer.id)
  assert.ok(read?.undoneAt instanceof Date)
  assert.equal(read?.undoneBy, older.id)
  assert.equal((await store.journal.newestUndoable())?.id, older.id)
  assert.deepEqual(
    (await store.journal.listNewest({ limit: 10 })).map((entry) => entry.id),
    [newer.id, older.id],
  )
  assert.deepEqual(
    (await store.journal.listNewest({ limit: 10, includeUndone: false })).map((entry) => entry.id),
    [older.id],
  )
})

testEachDriver(test, 'fifty parallel records all land with distinct ids', async (t, driver) => {
  const store = await driver.openStore(t)
  const recorded = await Promise.all(
    Array.from({ length: 50 }, (_, index) =>
      store.journal.record(modify(`p-${index}.md`, new Uint8Array(randomBytes(index * 200)))),
    ),
  )
  assert.equal(new Set(recorded.map((entry) => entry.id)).size, 50)
  const listed = await store.journal.listNewest({ limit: 100 })
  assert.equal(listed.length, 50)
  assert.deepEqual(
    listed.map((entry) => entry.id),
    recorded
      .map((entry) => entry.id)
      .sort()
      .reverse(),
  )
  for (const entry of recorded) {
    assert.deepEqual((await store.journal.get(entry.id))?.changes[0]?.before, entry.changes[0]?.before)
  }
})
