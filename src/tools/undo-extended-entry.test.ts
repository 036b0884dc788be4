import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openHistoryTestVault, writeChange } from '../../test/helpers/history-test-vault.ts'
import { IN_PROGRESS_SUMMARY } from './journal-progress.ts'

test('undo of an entry extended over time reverts its changes newest first', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'one\n' } })
  const first = await h.vault.writer.edit('A.md', (note) => `${note.text}two\n`)
  const entry = await h.record('append', [writeChange(first)])
  // The same note again, then a new one: undoing in write order would refuse the second step.
  await h.store.journal.extend(entry.id, [
    writeChange(await h.vault.writer.edit('A.md', (note) => `${note.text}three\n`)),
  ])
  await h.store.journal.extend(entry.id, [writeChange(await h.vault.writer.create('B.md', 'bee'))])

  const result = await h.history({ operation: 'undo', change_id: entry.id })

  assert.equal(result.success, true)
  assert.deepEqual(result.restored, [
    { path: 'B.md', action: 'moved to the trash' },
    { path: 'A.md', action: 'restored the previous content' },
    { path: 'A.md', action: 'restored the previous content' },
  ])
  assert.equal(await h.read('A.md'), 'one\n')
  assert.equal(await h.exists('B.md'), false)
  assert.ok((await h.store.journal.get(entry.id))?.undoneAt)
})

test('undo of a partly recorded entry restores exactly the recorded notes', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a0', 'B.md': 'b0', 'C.md': 'c0' } })
  const entry = await h.record('update', [writeChange(await h.vault.writer.edit('A.md', () => 'a1'))])
  await h.store.journal.extend(entry.id, [writeChange(await h.vault.writer.edit('B.md', () => 'b1'))])
  // C.md was written when the process died, before its change reached the journal.
  await h.vault.writer.edit('C.md', () => 'c1')

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.equal(result.change_id, entry.id)
  assert.deepEqual([await h.read('A.md'), await h.read('B.md'), await h.read('C.md')], ['a0', 'b0', 'c1'])
})

test('a rename journaled as it happens is one entry: the move, then each rewrite, then its summary', async (t) => {
  const h = await openHistoryTestVault(t, {
    files: {
      'Alpha.md': 'Alpha\n',
      'One.md': 'See [[Alpha]].\n',
      'Two.md': 'Also [[Alpha#Plan]].\n',
    },
  })
  const renamed = await h.structure({ operation: 'rename', path: 'Alpha.md', new_path: 'Gamma' })
  assert.equal(renamed.success, true)

  const entries = await h.store.journal.listNewest({ limit: 10 })
  assert.equal(entries.length, 1)
  const entry = await h.store.journal.get(String(renamed.change_id))
  assert.deepEqual(
    entry?.changes.map((change) => [change.kind, change.path]),
    [
      ['move', 'Gamma.md'],
      ['modify', 'One.md'],
      ['modify', 'Two.md'],
    ],
  )
  assert.deepEqual(entry?.paths, ['Alpha.md', 'Gamma.md', 'One.md', 'Two.md'])
  assert.equal(entry?.summary, renamed.message)
  assert.notEqual(entry?.summary, IN_PROGRESS_SUMMARY)

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.equal(await h.read('One.md'), 'See [[Alpha]].\n')
  assert.equal(await h.read('Two.md'), 'Also [[Alpha#Plan]].\n')
  assert.equal(await h.read('Alpha.md'), 'Alpha\n')
})

test('a bulk move is one entry in write order and undoes as a whole', async (t) => {
  const h = await openHistoryTestVault(t, {
    files: {
      'Inbox/A.md': 'a',
      'Inbox/B.md': 'b',
      'Links.md': '[[Inbox/A]] [[Inbox/B]]\n',
      'Archive/.keep': '',
    },
  })
  const moved = await h.structure({
    operation: 'move',
    bulk: true,
    items: [
      { path: 'Inbox/A.md', new_path: 'Archive' },
      { path: 'Inbox/B.md', new_path: 'Archive' },
    ],
  })
  assert.equal(moved.success, true)
  const entry = await h.store.journal.get(String(moved.change_id))
  assert.deepEqual(
    entry?.changes.map((change) => [change.kind, change.path]),
    [
      ['move', 'Archive/A.md'],
      ['modify', 'Links.md'],
      ['move', 'Archive/B.md'],
      ['modify', 'Links.md'],
    ],
  )

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.equal(await h.read('Links.md'), '[[Inbox/A]] [[Inbox/B]]\n')
  assert.equal(await h.read('Inbox/A.md'), 'a')
  assert.equal(await h.read('Inbox/B.md'), 'b')
  assert.equal(await h.exists('Archive/A.md'), false)
})
