import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { createToolVault } from '../helpers/tool-vault.ts'

test('two concurrent appends to one note both land', async (t) => {
  const v = await createToolVault(t, { 'Log.md': '# Log\n' })
  const [first, second] = await Promise.all([
    v.manage({ operation: 'append', path: 'Log.md', content: 'first' }),
    v.manage({ operation: 'append', path: 'Log.md', content: 'second' }),
  ])
  assert.equal(first.success && second.success, true)
  const text = await v.readText('Log.md')
  assert.ok(text === '# Log\nfirst\nsecond\n' || text === '# Log\nsecond\nfirst\n', text)
  assert.equal(v.entries.length, 2)
})

test('fifty concurrent edits of every kind all land', async (t) => {
  const v = await createToolVault(t, { 'Busy.md': '---\ncount: 0\n---\n' })
  const calls = Array.from({ length: 50 }, (_, i) =>
    i % 3 === 0
      ? { operation: 'append', path: 'Busy.md', content: `line ${i}` }
      : i % 3 === 1
        ? { operation: 'prepend', path: 'Busy.md', content: `top ${i}` }
        : { operation: 'update_frontmatter', path: 'Busy.md', properties: { [`k${i}`]: i } },
  )
  const results = await Promise.all(calls.map((call) => v.manage(call)))
  assert.ok(results.every((result) => result.success))
  const text = await v.readText('Busy.md')
  for (const [i, call] of calls.entries()) {
    const expected =
      call.operation === 'append'
        ? `line ${i}\n`
        : call.operation === 'prepend'
          ? `top ${i}\n`
          : `k${i}: ${i}\n`
    assert.ok(text.includes(expected), `${expected.trim()} is missing`)
  }
})

test('an edit made outside between read and update is never overwritten', async (t) => {
  const v = await createToolVault(t, { 'Note.md': 'original\n' })
  const read = await v.manage({ operation: 'read', path: 'Note.md' })
  await writeFile(path.join(v.root, 'Note.md'), 'edited in Obsidian\n')
  const update = await v.manage({
    operation: 'update',
    path: 'Note.md',
    content: 'from the model',
    expected_hash: read.hash,
  })
  assert.deepEqual(update, {
    success: false,
    operation: 'update',
    message: 'Note changed since it was read; read it again',
  })
  assert.equal(await v.readText('Note.md'), 'edited in Obsidian\n')
  assert.equal(v.entries.length, 0)
  const again = await v.manage({ operation: 'read', path: 'Note.md' })
  const retry = await v.manage({
    operation: 'update',
    path: 'Note.md',
    content: 'merged',
    expected_hash: again.hash,
  })
  assert.equal(retry.success, true)
})

test('without expected_hash an append applies to the current bytes, keeping an outside edit', async (t) => {
  const v = await createToolVault(t, { 'Note.md': 'original\n' })
  await writeFile(path.join(v.root, 'Note.md'), 'edited outside\n')
  await v.manage({ operation: 'append', path: 'Note.md', content: 'appended' })
  assert.equal(await v.readText('Note.md'), 'edited outside\nappended\n')
})

test('a hash returned by a write can guard the next write', async (t) => {
  const v = await createToolVault(t, { 'Note.md': 'a\n' })
  const first = await v.manage({ operation: 'append', path: 'Note.md', content: 'b' })
  const second = await v.manage({
    operation: 'append',
    path: 'Note.md',
    content: 'c',
    expected_hash: first.hash,
  })
  assert.equal(second.success, true)
  const stale = await v.manage({
    operation: 'append',
    path: 'Note.md',
    content: 'd',
    expected_hash: first.hash,
  })
  assert.equal(stale.success, false)
  assert.equal(await v.readText('Note.md'), 'a\nb\nc\n')
})
