import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { deleteChange, openHistoryTestVault, writeChange } from '../../test/helpers/history-test-vault.ts'
import { movePath } from '../vault/index.ts'

test('undo of a create moves the note to the trash and marks the entry undone', async (t) => {
  const h = await openHistoryTestVault(t)
  const entry = await h.record('create', [writeChange(await h.vault.writer.create('New.md', 'hello'))])

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.equal(result.change_id, entry.id)
  assert.deepEqual(result.restored, [{ path: 'New.md', action: 'moved to the trash' }])
  assert.equal(await h.exists('New.md'), false)
  assert.equal(await h.read('.trash/New.md'), 'hello')
  assert.equal(h.vault.index.hasFile('New.md'), false)
  const undone = await h.store.journal.get(entry.id)
  assert.ok(undone?.undoneAt)
  assert.equal(undone.undoneBy, result.undo_change_id)
  const undo = await h.store.journal.get(String(result.undo_change_id))
  assert.equal(undo?.tool, 'obsidian_history')
  assert.equal(undo.operation, 'undo')
  assert.deepEqual(undo.source, { kind: 'cli' })
  assert.deepEqual(undo.paths, ['New.md'])
})

test('undo of a modify restores the exact previous bytes, BOM and CRLF included', async (t) => {
  const original = '\uFEFFline one\r\nline two\r\n'
  const h = await openHistoryTestVault(t, { files: { 'Note.md': original } })
  const outcome = await h.vault.writer.edit('Note.md', (note) => `${note.text}line three\r\n`)
  await h.record('append', [writeChange(outcome)])

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.deepEqual(result.restored, [{ path: 'Note.md', action: 'restored the previous content' }])
  assert.equal(await h.read('Note.md'), original)
})

test('undo of a delete brings the note back from the trash', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'Projects/Alpha.md': 'alpha' } })
  await h.record('delete', [deleteChange(await h.vault.writer.delete('Projects/Alpha.md'))])
  assert.equal(await h.exists('Projects/Alpha.md'), false)

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.deepEqual(result.restored, [
    { path: 'Projects/Alpha.md', action: 'brought back from the trash (.trash/Alpha.md)' },
  ])
  assert.equal(await h.read('Projects/Alpha.md'), 'alpha')
  assert.equal(await h.exists('.trash/Alpha.md'), false)
  assert.equal(h.vault.index.hasFile('Projects/Alpha.md'), true)
})

test('undo of a permanent delete (trashOption none) recreates the note from the kept bytes', async (t) => {
  const h = await openHistoryTestVault(t, {
    files: { 'Gone.md': 'kept bytes' },
    appJson: { trashOption: 'none' },
  })
  const deleted = await h.vault.writer.delete('Gone.md')
  assert.equal(deleted.trashPath, undefined)
  await h.record('delete', [deleteChange(deleted)])

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.deepEqual(result.restored, [{ path: 'Gone.md', action: 'recreated from the saved copy' }])
  assert.equal(await h.read('Gone.md'), 'kept bytes')
})

test('undo of a bulk entry reverts every file of it', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a', 'C.md': 'c' } })
  await h.record('bulk', [
    writeChange(await h.vault.writer.create('B.md', 'b')),
    writeChange(await h.vault.writer.edit('A.md', () => 'a2')),
    deleteChange(await h.vault.writer.delete('C.md')),
  ])

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.deepEqual(
    (result.restored as { path: string }[]).map((file) => file.path),
    ['C.md', 'A.md', 'B.md'],
  )
  assert.equal(await h.read('A.md'), 'a')
  assert.equal(await h.read('C.md'), 'c')
  assert.equal(await h.exists('B.md'), false)
})

test('undo of a rename reverts the link rewrites, then moves the note back', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'Alpha.md': 'alpha', 'Index.md': 'see [[Alpha]]' } })
  await movePath(h.vault, 'Alpha.md', 'Archive/Beta.md')
  const rewrite = await h.vault.writer.edit('Index.md', () => 'see [[Beta]]')
  await h.record('rename', [
    { kind: 'move', fromPath: 'Alpha.md', path: 'Archive/Beta.md' },
    writeChange(rewrite),
  ])

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.deepEqual(result.restored, [
    { path: 'Index.md', action: 'restored the previous content' },
    { path: 'Alpha.md', action: 'moved back from Archive/Beta.md' },
  ])
  assert.equal(await h.read('Index.md'), 'see [[Alpha]]')
  assert.equal(await h.read('Alpha.md'), 'alpha')
  assert.equal(h.vault.index.hasFile('Alpha.md'), true)
  assert.equal(h.vault.index.hasFile('Archive/Beta.md'), false)
})

test('undo of a rename made by obsidian_manage_structure puts every link and the note back', async (t) => {
  const h = await openHistoryTestVault(t, {
    files: {
      'Projects/Alpha.md': 'Alpha links [[Beta]].\n',
      'Beta.md': 'Beta\n',
      'Index.md': 'See [[Alpha]] and [the plan](Projects/Alpha.md#Plan).\n',
    },
  })
  const renamed = await h.structure({ operation: 'rename', path: 'Projects/Alpha.md', new_path: 'Gamma' })
  assert.equal(renamed.success, true)
  assert.notEqual(await h.read('Index.md'), 'See [[Alpha]] and [the plan](Projects/Alpha.md#Plan).\n')

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.equal(result.change_id, renamed.change_id)
  assert.equal(await h.read('Index.md'), 'See [[Alpha]] and [the plan](Projects/Alpha.md#Plan).\n')
  assert.equal(await h.read('Projects/Alpha.md'), 'Alpha links [[Beta]].\n')
  assert.equal(await h.exists('Projects/Gamma.md'), false)
  assert.deepEqual(h.vault.index.backlinkSources('Projects/Alpha.md'), ['Index.md'])
})

test('undo of a folder move moves the whole folder back', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'Old/one.md': '1', 'Old/two.md': '2' } })
  await movePath(h.vault, 'Old', 'New/Old')
  await h.record('move', [{ kind: 'move', fromPath: 'Old', path: 'New/Old' }])

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true)
  assert.equal(await h.read('Old/two.md'), '2')
  assert.equal(h.vault.index.hasFile('Old/one.md'), true)
  assert.equal(h.vault.index.hasFile('New/Old/one.md'), false)
})

test('a file changed since is refused and left alone, the others are reverted, and the entry stays open', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a', 'B.md': 'b' } })
  const entry = await h.record('bulk', [
    writeChange(await h.vault.writer.edit('A.md', () => 'a2')),
    writeChange(await h.vault.writer.edit('B.md', () => 'b2')),
  ])
  await h.editOutside('A.md', 'a3, edited in Obsidian')

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, false)
  assert.deepEqual(result.restored, [{ path: 'B.md', action: 'restored the previous content' }])
  assert.deepEqual(result.refused, [
    { path: 'A.md', reason: 'changed since; left as it is (undo never overwrites newer edits)' },
  ])
  assert.match(String(result.message), /in part/)
  assert.equal(await h.read('A.md'), 'a3, edited in Obsidian')
  assert.equal(await h.read('B.md'), 'b')
  assert.equal((await h.store.journal.get(entry.id))?.undoneAt, undefined)

  await h.editOutside('A.md', 'a2')
  const retry = await h.history({ operation: 'undo' })

  assert.equal(retry.success, true)
  assert.equal(retry.change_id, entry.id)
  assert.deepEqual(retry.restored, [
    { path: 'B.md', action: 'already as before' },
    { path: 'A.md', action: 'restored the previous content' },
  ])
  assert.equal(await h.read('A.md'), 'a')
})

const refusals: [
  name: string,
  prepare: (h: Awaited<ReturnType<typeof openHistoryTestVault>>) => Promise<void>,
  reason: RegExp,
][] = [
  [
    'a created note edited since',
    async (h) => {
      await h.record('create', [writeChange(await h.vault.writer.create('N.md', 'n'))])
      await h.editOutside('N.md', 'mine now')
    },
    /changed since/,
  ],
  [
    'a deleted note whose path is taken again',
    async (h) => {
      await h.record('delete', [deleteChange(await h.vault.writer.delete('A.md'))])
      await h.editOutside('A.md', 'a new note with the same name')
    },
    /something else is at this path/,
  ],
  [
    'a moved note whose old path is taken',
    async (h) => {
      await movePath(h.vault, 'A.md', 'B.md')
      await h.record('move', [{ kind: 'move', fromPath: 'A.md', path: 'B.md' }])
      await h.editOutside('A.md', 'another A')
    },
    /A\.md is taken/,
  ],
]
for (const [name, prepare, reason] of refusals) {
  test(`undo refuses ${name} and changes nothing`, async (t) => {
    const h = await openHistoryTestVault(t, { files: { 'A.md': 'a' } })
    await prepare(h)

    const result = await h.history({ operation: 'undo' })

    assert.equal(result.success, false)
    assert.equal(result.restored, undefined)
    assert.match((result.refused as { reason: string }[])[0]?.reason ?? '', reason)
    assert.match(String(result.message), /^Could not undo/)
    assert.equal(result.undo_change_id, undefined)
  })
}

test('undo twice walks back through two entries, skipping the first undo, then has nothing left', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a' } })
  const first = await h.record('append', [writeChange(await h.vault.writer.edit('A.md', () => 'a b'))])
  const second = await h.record('append', [writeChange(await h.vault.writer.edit('A.md', () => 'a b c'))])

  const one = await h.history({ operation: 'undo' })
  const two = await h.history({ operation: 'undo' })
  const three = await h.history({ operation: 'undo' })
  const again = await h.history({ operation: 'undo', change_id: first.id })

  assert.equal(one.change_id, second.id)
  assert.equal(two.change_id, first.id)
  assert.equal(await h.read('A.md'), 'a')
  assert.equal(three.success, false)
  assert.match(String(three.message), /Nothing to undo/)
  assert.equal(again.success, false)
  assert.match(
    String(again.message),
    new RegExp(`Change ${first.id} was already undone by ${two.undo_change_id}`),
  )
})

test('undoing an undo by its id re-applies the change and is recorded as a redo', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a' } })
  await h.record('update', [writeChange(await h.vault.writer.edit('A.md', () => 'b'))])
  const undo = await h.history({ operation: 'undo' })

  const redo = await h.history({ operation: 'undo', change_id: undo.undo_change_id })

  assert.equal(redo.success, true)
  assert.equal(await h.read('A.md'), 'b')
  const recorded = await h.store.journal.get(String(redo.undo_change_id))
  assert.equal(recorded?.operation, 'redo')
  const back = await h.history({ operation: 'undo' })
  assert.equal(back.change_id, redo.undo_change_id)
  assert.equal(await h.read('A.md'), 'a')
})

test('an unknown change id says how to find one', async (t) => {
  const h = await openHistoryTestVault(t)

  const result = await h.history({ operation: 'undo', change_id: '0000000000000' })

  assert.deepEqual(result, {
    success: false,
    operation: 'undo',
    message: "No change with id 0000000000000. Use operation='list_changes' to see the recent changes.",
  })
})

test('list_changes shows the newest entries first with their fields', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'A.md': 'a' } })
  const first = await h.record('create', [writeChange(await h.vault.writer.create('B.md', 'b'))])
  const second = await h.record('append', [writeChange(await h.vault.writer.edit('A.md', () => 'a2'))])
  const undo = await h.history({ operation: 'undo', change_id: first.id })

  const result = await h.history({ operation: 'list_changes' })
  const limited = await h.history({ operation: 'list_changes', limit: 2 })

  const results = result.results as Record<string, unknown>[]
  assert.deepEqual(
    results.map((item) => item.change_id),
    [undo.undo_change_id, second.id, first.id],
  )
  assert.deepEqual(results[1], {
    change_id: second.id,
    time: second.createdAt.toISOString(),
    tool: 'obsidian_manage_notes',
    operation: 'append',
    paths: ['A.md'],
    source: 'chat',
    conversation_id: 'conv-1',
  })
  assert.equal(results[2]?.undone_by, undo.undo_change_id)
  assert.equal(typeof results[2]?.undone_at, 'string')
  assert.equal(results[0]?.tool, 'obsidian_history')
  assert.equal(results[0]?.source, 'cli')
  assert.equal(result.truncated, false)
  assert.equal((limited.results as unknown[]).length, 2)
  assert.equal(limited.truncated, true)
})

test('list_changes on an empty journal says so', async (t) => {
  const h = await openHistoryTestVault(t)

  const result = await h.history({ operation: 'list_changes' })

  assert.deepEqual(result, {
    success: true,
    operation: 'list_changes',
    truncated: false,
    results: [],
    message: 'No changes recorded yet.',
  })
})

test('undo of a created folder removes it only while it is empty', async (t) => {
  const h = await openHistoryTestVault(t)
  await mkdir(path.join(h.root, 'Empty'))
  await mkdir(path.join(h.root, 'Full'))
  await h.editOutside('Full/x.md', 'x')
  const empty = await h.record('create_folder', [{ kind: 'create', path: 'Empty' }])
  const full = await h.record('create_folder', [{ kind: 'create', path: 'Full' }])

  const removed = await h.history({ operation: 'undo', change_id: empty.id })
  const kept = await h.history({ operation: 'undo', change_id: full.id })

  assert.deepEqual(removed.restored, [{ path: 'Empty', action: 'removed the empty folder' }])
  assert.equal(kept.success, false)
  assert.deepEqual(kept.refused, [{ path: 'Full', reason: 'the folder is not empty; left as it is' }])
  assert.equal(await h.read('Full/x.md'), 'x')
})

test('undo of a create whose note was renamed since says where it is and changes nothing', async (t) => {
  const h = await openHistoryTestVault(t)
  const entry = await h.record('create', [writeChange(await h.vault.writer.create('New.md', 'hello'))])
  const renamed = await h.structure({ operation: 'rename', path: 'New.md', new_path: 'Renamed.md' })
  assert.equal(renamed.success, true, String(renamed.message))

  const result = await h.history({ operation: 'undo', change_id: entry.id })

  assert.equal(result.success, false)
  assert.equal(result.restored, undefined)
  assert.match(
    (result.refused as { path: string; reason: string }[])[0]?.reason ?? '',
    /^moved or renamed to Renamed\.md since/,
  )
  assert.match(String(result.message), /^Could not undo .*Nothing was changed\.$/)
  assert.equal(await h.read('Renamed.md'), 'hello')
  assert.equal(await h.exists('.trash/Renamed.md'), false)
  assert.equal((await h.store.journal.get(entry.id))?.undoneAt, undefined)
})

test('undo of a create whose note was moved outside Jasque finds it by its content and changes nothing', async (t) => {
  const h = await openHistoryTestVault(t)
  const entry = await h.record('create', [writeChange(await h.vault.writer.create('New.md', 'hello'))])
  await movePath(h.vault, 'New.md', 'Elsewhere/New.md')

  const result = await h.history({ operation: 'undo', change_id: entry.id })

  assert.equal(result.success, false)
  assert.match(
    (result.refused as { reason: string }[])[0]?.reason ?? '',
    /^moved or renamed to Elsewhere\/New\.md since/,
  )
  assert.equal(await h.read('Elsewhere/New.md'), 'hello')
  assert.equal((await h.store.journal.get(entry.id))?.undoneAt, undefined)
})

test('undo of a create whose note was deleted since says so and puts nothing back', async (t) => {
  const h = await openHistoryTestVault(t)
  const entry = await h.record('create', [writeChange(await h.vault.writer.create('New.md', 'hello'))])
  await h.vault.writer.delete('New.md')

  const result = await h.history({ operation: 'undo', change_id: entry.id })

  assert.equal(result.success, true)
  assert.deepEqual(result.restored, [{ path: 'New.md', action: 'already gone (deleted since)' }])
  assert.doesNotMatch(String(result.message), /put back/)
  assert.match(String(result.message), /nothing needed changing/)
  assert.equal(result.undo_change_id, undefined)
})

test('undo of a forced delete_folder brings back its hidden content from the trash', async (t) => {
  const h = await openHistoryTestVault(t, { files: { 'Repo/.git/HEAD': 'head\n', 'Repo/Note.md': 'note' } })
  const deleted = await h.structure({ operation: 'delete_folder', path: 'Repo', force: true })
  assert.equal(deleted.success, true, String(deleted.message))

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true, String(result.message))
  assert.equal(await h.read('Repo/.git/HEAD'), 'head\n')
  assert.equal(await h.read('Repo/Note.md'), 'note')
})

test('undo of a forced delete_folder in a vault without trash recreates its notes from the journal', async (t) => {
  const h = await openHistoryTestVault(t, {
    files: { 'Repo/.git/HEAD': 'head\n', 'Repo/Note.md': 'note', 'Repo/Sub/Deep.md': 'deep' },
    appJson: { trashOption: 'none' },
  })
  const deleted = await h.structure({ operation: 'delete_folder', path: 'Repo', force: true })
  assert.equal(deleted.success, true, String(deleted.message))
  assert.equal(await h.exists('Repo/Note.md'), false)

  const result = await h.history({ operation: 'undo' })

  assert.equal(result.success, true, String(result.message))
  assert.equal(await h.read('Repo/Note.md'), 'note')
  assert.equal(await h.read('Repo/Sub/Deep.md'), 'deep')
  assert.equal(await h.exists('Repo/.git/HEAD'), false)
})
