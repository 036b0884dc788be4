import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { createSilentLogger } from '../../src/log.ts'
import { createStore, type Store } from '../../src/store/index.ts'
import { hashContent } from '../../src/vault/index.ts'
import { createToolVault } from '../helpers/tool-vault.ts'

/** An SQLite store in a temp folder, closed and removed when the test ends. */
async function openStore(t: TestContext): Promise<Store> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jasque-journal-'))
  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  t.after(async () => {
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  })
  return store
}

test('each call is one journal entry in the store, with the bytes needed to undo it', async (t) => {
  const store = await openStore(t)
  const v = await createToolVault(
    t,
    { 'A.md': 'a\n', 'B.md': 'b\n', 'C.md': 'c\n' },
    { journal: store.journal },
  )

  const bulk = await v.manage({
    operation: 'append',
    bulk: true,
    content: 'more',
    items: [{ path: 'A.md' }, { path: 'B.md' }, { path: 'Nope.md' }],
  })
  assert.equal(bulk.affected_count, 2)
  const deleted = await v.manage({ operation: 'delete', path: 'C.md' })
  const created = await v.manage({ operation: 'create', path: 'D', content: 'd' })

  const newest = await store.journal.listNewest({ limit: 10 })
  assert.deepEqual(
    newest.map((entry) => [entry.id, entry.tool, entry.operation, entry.paths]),
    [
      [created.change_id, 'obsidian_manage_notes', 'create', ['D.md']],
      [deleted.change_id, 'obsidian_manage_notes', 'delete', ['C.md']],
      [bulk.change_id, 'obsidian_manage_notes', 'append', ['A.md', 'B.md']],
    ],
  )
  const bulkEntry = await store.journal.get(String(bulk.change_id))
  assert.deepEqual(
    bulkEntry?.changes.map((change) => ({ ...change, before: Buffer.from(change.before ?? []).toString() })),
    [
      {
        kind: 'modify',
        path: 'A.md',
        before: 'a\n',
        beforeHash: hashContent('a\n'),
        afterHash: hashContent('a\nmore\n'),
      },
      {
        kind: 'modify',
        path: 'B.md',
        before: 'b\n',
        beforeHash: hashContent('b\n'),
        afterHash: hashContent('b\nmore\n'),
      },
    ],
  )
  assert.equal(bulkEntry?.source.kind, 'cli')
  assert.match(String(bulkEntry?.summary), /^append: 2 of 3 notes done/)
  const deleteEntry = await store.journal.get(String(deleted.change_id))
  assert.equal(deleteEntry?.changes[0]?.trashPath, '.trash/C.md')
})

test('a failed call records nothing', async (t) => {
  const store = await openStore(t)
  const v = await createToolVault(t, { 'A.md': 'a\n' }, { journal: store.journal })
  await v.manage({ operation: 'replace', path: 'A.md', old_text: 'zzz', new_text: 'y' })
  await v.manage({ operation: 'append', bulk: true, content: 'x', items: [{ path: 'Missing.md' }] })
  assert.deepEqual(await store.journal.listNewest({ limit: 10 }), [])
})
