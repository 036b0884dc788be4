import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import { test } from 'node:test'
import { createToolVault } from '../helpers/tool-vault.ts'

const files = {
  'A.md': 'a\n',
  'B.md': '---\nstatus: draft\n---\nb\n',
  'C.md': '- [ ] one\n- [ ] two\n',
}

const cases = [
  {
    name: 'append',
    input: { operation: 'append', path: 'A.md', content: 'more' },
    diff: '--- a/A.md\n+++ b/A.md\n@@ -1,1 +1,2 @@\n a\n+more\n',
    message: 'Dry run: would append to A.md. Nothing was changed.',
  },
  {
    name: 'create',
    input: { operation: 'create', path: 'New', content: '# New' },
    diff: '--- /dev/null\n+++ b/New.md\n@@ -0,0 +1,1 @@\n+# New\n',
    message: 'Dry run: would create New.md. Nothing was changed.',
  },
  {
    name: 'delete',
    input: { operation: 'delete', path: 'A.md' },
    diff: '--- a/A.md\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n',
    message: 'Dry run: would move A.md to the trash. Nothing was changed.',
  },
  {
    name: 'update_frontmatter',
    input: { operation: 'update_frontmatter', path: 'B.md', properties: { status: 'done' } },
    diff: '--- a/B.md\n+++ b/B.md\n@@ -1,4 +1,4 @@\n ---\n-status: draft\n+status: done\n ---\n b\n',
    message: 'Dry run: would update the frontmatter of B.md. Nothing was changed.',
  },
  {
    name: 'complete_task',
    input: { operation: 'complete_task', path: 'C.md', task_identifier: 2 },
    diff: '--- a/C.md\n+++ b/C.md\n@@ -1,2 +1,2 @@\n - [ ] one\n-- [ ] two\n+- [x] two\n',
    message: "Dry run: would complete the task 'two' (line 2) in C.md. Nothing was changed.",
  },
]

for (const { name, input, diff, message } of cases) {
  test(`dry_run ${name} returns the unified diff and changes neither the vault nor the journal`, async (t) => {
    const v = await createToolVault(t, files)
    const result = await v.manage({ ...input, dry_run: true })
    assert.equal(result.success, true, String(result.message))
    assert.equal(result.dry_run, true)
    assert.equal(result.diff, diff)
    assert.equal(result.message, message)
    assert.equal(result.change_id, undefined)
    assert.equal(v.entries.length, 0)
    for (const [file, text] of Object.entries(files)) assert.equal(await v.readText(file), text)
    assert.deepEqual((await readdir(v.root)).sort(), ['A.md', 'B.md', 'C.md'])
  })
}

test('dry_run refuses what the write would refuse: an existing note, a stale hash', async (t) => {
  const v = await createToolVault(t, files)
  const exists = await v.manage({ operation: 'create', path: 'A.md', content: 'x', dry_run: true })
  assert.equal(exists.success, false)
  assert.match(String(exists.message), /already exists/)
  const stale = await v.manage({
    operation: 'append',
    path: 'A.md',
    content: 'x',
    expected_hash: 'nope',
    dry_run: true,
  })
  assert.equal(stale.success, false)
})

test('a bulk dry_run previews each note and reports failures per item, changing nothing', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({
    operation: 'append',
    bulk: true,
    dry_run: true,
    content: 'shared',
    items: [{ path: 'A.md' }, { path: 'Missing.md' }],
  })
  assert.equal(result.success, false)
  assert.deepEqual(result.previews, [
    { path: 'A.md', diff: '--- a/A.md\n+++ b/A.md\n@@ -1,1 +1,2 @@\n a\n+shared\n' },
  ])
  assert.equal((result.errors as unknown[]).length, 1)
  assert.match(String(result.message), /^Dry run: append would apply to 1 of 2 notes/)
  assert.equal(await v.readText('A.md'), 'a\n')
  assert.equal(v.entries.length, 0)
})
