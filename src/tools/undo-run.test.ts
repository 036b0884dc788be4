import assert from 'node:assert/strict'
import { test } from 'node:test'
import { deleteChange, openHistoryTestVault, writeChange } from '../../test/helpers/history-test-vault.ts'
import { movePath } from '../vault/disk/move-path.ts'

const RUN = 'run0000000001'

test('undo with run_id reverts every change of the turn, newest first, and leaves other turns alone', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a\n', 'B.md': 'b\n', 'Other.md': 'o\n' } })
  await h.record('create', [writeChange(await h.vault.writer.create('New.md', 'new\n'))], RUN)
  await h.record('append', [writeChange(await h.vault.writer.edit('A.md', () => 'a\nmore\n'))], RUN)
  // The same note edited twice in the turn: only newest-first order brings back the first bytes.
  await h.record('append', [writeChange(await h.vault.writer.edit('A.md', () => 'a\nmore\nagain\n'))], RUN)
  await h.record('delete', [deleteChange(await h.vault.writer.delete('B.md'))], RUN)
  await movePath(h.vault, 'New.md', 'Moved.md')
  await h.record('move', [{ kind: 'move', fromPath: 'New.md', path: 'Moved.md' }], RUN)
  const other = await h.record('append', [writeChange(await h.vault.writer.edit('Other.md', () => 'o2\n'))])

  const listed = await h.history({ operation: 'list_changes' })
  const runIds = (listed.results as { run_id?: string }[]).map((item) => item.run_id)
  assert.deepEqual(runIds, [undefined, RUN, RUN, RUN, RUN, RUN])

  const result = await h.history({ operation: 'undo', run_id: RUN })

  assert.equal(result.success, true, String(result.message))
  assert.equal(result.run_id, RUN)
  const changes = result.changes as { operation: string; refused?: unknown }[]
  assert.deepEqual(
    changes.map((change) => change.operation),
    ['move', 'delete', 'append', 'append', 'create'],
  )
  assert.equal(await h.read('A.md'), 'a\n')
  assert.equal(await h.read('B.md'), 'b\n')
  assert.equal(await h.exists('New.md'), false)
  assert.equal(await h.exists('Moved.md'), false)
  assert.equal(await h.read('Other.md'), 'o2\n')
  assert.equal((await h.store.journal.get(other.id))?.undoneAt, undefined)

  const again = await h.history({ operation: 'undo', run_id: RUN })
  assert.equal(again.success, true)
  assert.match(String(again.message), /undone already/)
})

test('undo with run_id reports a file edited since as refused and reverts the rest', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a\n', 'B.md': 'b\n' } })
  await h.record('update', [writeChange(await h.vault.writer.edit('A.md', () => 'a2\n'))], RUN)
  await h.record('update', [writeChange(await h.vault.writer.edit('B.md', () => 'b2\n'))], RUN)
  await h.editOutside('A.md', 'edited by hand\n')

  const result = await h.history({ operation: 'undo', run_id: RUN })

  assert.equal(result.success, false)
  assert.match(String(result.message), /in part/)
  const refused = (result.changes as { refused?: { path: string }[] }[]).flatMap((c) => c.refused ?? [])
  assert.deepEqual(
    refused.map((file) => file.path),
    ['A.md'],
  )
  assert.equal(await h.read('A.md'), 'edited by hand\n')
  assert.equal(await h.read('B.md'), 'b\n')
})

test('undo with an unknown run_id says how to find one, and run_id with change_id is refused', async (t) => {
  const h = await openHistoryTestVault(t)
  const unknown = await h.history({ operation: 'undo', run_id: 'zzzzzzzzzzzzz' })
  assert.equal(unknown.success, false)
  assert.match(String(unknown.message), /No change was recorded for run zzzzzzzzzzzzz.*list_changes/)
  const both = await h.history({ operation: 'undo', run_id: RUN, change_id: 'x' })
  assert.equal(both.success, false)
  assert.match(String(both.message), /not both/)
})
