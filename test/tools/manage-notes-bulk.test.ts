import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createToolVault } from '../helpers/tool-vault.ts'

const files = {
  'A.md': 'a\n',
  'B.md': '---\nstatus: draft\n---\nb\n',
  'C.md': '- [ ] one\n- [ ] two\n',
}

test('bulk append applies each item on its own and reports failures in errors', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({
    operation: 'append',
    bulk: true,
    content: 'shared line',
    items: [
      { path: 'A.md' },
      { path: 'Missing.md' },
      { path: 'B.md', content: 'own line' },
      { path: '../out.md' },
    ],
  })
  assert.equal(result.success, false)
  assert.equal(result.affected_count, 2)
  assert.equal(result.message, 'append: 2 of 4 notes done. 2 failed (see errors); the others were applied.')
  assert.deepEqual(result.errors, [
    {
      path: 'Missing.md',
      error:
        "Note not found: Missing.md. Use obsidian_query_vault find_by_name or search_text to find it. To make a new note, use operation='create'.",
    },
    { path: '../out.md', error: 'Access denied: ../out.md is outside the vault' },
  ])
  assert.equal(await v.readText('A.md'), 'a\nshared line\n')
  assert.equal(await v.readText('B.md'), '---\nstatus: draft\n---\nb\nown line\n')
  assert.equal(v.entries.length, 1, 'one journal entry for the whole call')
  assert.deepEqual(v.entries[0]?.paths, ['A.md', 'B.md'])
  assert.equal(v.entries[0]?.changes.length, 2)
  assert.equal(result.change_id, v.entries[0]?.id)
})

test('bulk create, update_frontmatter, complete_task and delete all succeed together', async (t) => {
  const v = await createToolVault(t, files)
  const create = await v.manage({
    operation: 'create',
    bulk: true,
    folder: 'Inbox',
    items: [{ path: 'One', content: '1' }, { path: 'Two' }, { path: 'One', content: 'again' }],
  })
  assert.equal(create.affected_count, 2)
  assert.deepEqual(create.errors, [
    { path: 'One', error: "Note already exists: Inbox/One.md. Use operation='update' to change it." },
  ])
  const frontmatter = await v.manage({
    operation: 'update_frontmatter',
    bulk: true,
    properties: { reviewed: true },
    items: [{ path: 'A.md' }, { path: 'B.md', properties: { status: null } }],
  })
  assert.equal(frontmatter.success, true)
  assert.equal(await v.readText('A.md'), '---\nreviewed: true\n---\na\n')
  // An item's own properties replace the call's: B only loses status, and its emptied block goes.
  assert.equal(await v.readText('B.md'), 'b\n')
  const tasks = await v.manage({
    operation: 'complete_task',
    bulk: true,
    items: [
      { path: 'C.md', task_identifier: 'one' },
      { path: 'C.md', task_identifier: 2 },
    ],
  })
  assert.equal(tasks.success, true)
  assert.equal(await v.readText('C.md'), '- [x] one\n- [x] two\n')
  const deleted = await v.manage({
    operation: 'delete',
    bulk: true,
    items: [{ path: 'Inbox/One.md' }, { path: 'Inbox/Two.md' }],
  })
  assert.deepEqual(deleted, {
    success: true,
    operation: 'delete',
    message: 'delete: 2 of 2 notes done.',
    affected_count: 2,
    change_id: v.entries.at(-1)?.id,
  })
  assert.equal(v.entries.length, 4)
})

test('bulk is refused for read and replace, and needs items', async (t) => {
  const v = await createToolVault(t, files)
  const read = await v.manage({ operation: 'read', bulk: true, items: [{ path: 'A.md' }] })
  assert.match(String(read.message), /^bulk is not available for read: call read once per note/)
  const replace = await v.manage({ operation: 'replace', bulk: true, items: [{ path: 'A.md' }] })
  assert.match(String(replace.message), /^bulk is not available for replace/)
  const none = await v.manage({ operation: 'append', bulk: true, content: 'x' })
  assert.match(String(none.message), /^items is required with bulk: true/)
  const stray = await v.manage({ operation: 'append', content: 'x', items: [{ path: 'A.md' }] })
  assert.match(String(stray.message), /^items is only read with bulk: true/)
})

test('bulk accepts at most 100 items', async (t) => {
  const v = await createToolVault(t, files)
  const items = Array.from({ length: 101 }, (_, i) => ({ path: `N${i}` }))
  const result = await v.manage({ operation: 'create', bulk: true, items })
  assert.equal(result.success, false)
  assert.match(String(result.message), /^Invalid arguments for obsidian_manage_notes: items: /)
  assert.equal(v.entries.length, 0)
})

test('bulk stops starting items once the request is cancelled, and records what was done', async (t) => {
  const v = await createToolVault(t, files)
  const controller = new AbortController()
  // Abort as soon as the first note has been written (the index refresh tells us).
  v.vault.onChange(() => controller.abort())
  const result = await v.manage(
    { operation: 'create', bulk: true, items: [{ path: 'X1' }, { path: 'X2' }, { path: 'X3' }] },
    { signal: controller.signal },
  )
  // executeTool refuses only calls aborted before they start; this one started.
  assert.equal(result.success, false)
  assert.equal(result.affected_count, 1)
  assert.deepEqual(result.errors, [
    { path: 'X2', error: 'Not started: the request was cancelled.' },
    { path: 'X3', error: 'Not started: the request was cancelled.' },
  ])
  assert.equal(v.entries.length, 1)
  assert.deepEqual(v.entries[0]?.paths, ['X1.md'])
})
