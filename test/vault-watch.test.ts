/** The index follows changes made outside Jasque (Obsidian, sync tools, git) through the watcher. */
import assert from 'node:assert/strict'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { tmpVault } from './helpers/tmp-vault.ts'

/** Polls `check` until it holds (at most 5 s): the watcher is asynchronous by nature. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

test('external creations, edits, deletions and folder renames reach the index', async () => {
  await using v = await tmpVault(
    { 'Home.md': 'links [[Target]]\n', 'Notes/Other.md': 'x\n' },
    { watch: true },
  )
  const index = v.vault.index
  assert.equal(index.backlinkSources('Notes/Target.md').length, 0)

  await writeFile(path.join(v.root, 'Notes/Target.md'), '#fresh\n- [ ] task\n')
  await eventually(() => index.getNote('Notes/Target.md') !== undefined, 'a created note is indexed')
  assert.deepEqual(index.backlinkSources('Notes/Target.md'), ['Home.md'])
  assert.equal(index.stats().unresolvedLinks, 0)

  await writeFile(path.join(v.root, 'Notes/Target.md'), '#changed\n')
  await eventually(() => index.getNote('Notes/Target.md')?.parsed.tags[0] === 'changed', 'an edit is applied')
  assert.equal(index.stats().tasks.open, 0)

  await mkdir(path.join(v.root, 'Deep/Er'), { recursive: true })
  await writeFile(path.join(v.root, 'Deep/Er/New.md'), 'in a new folder\n')
  await eventually(() => index.getNote('Deep/Er/New.md') !== undefined, 'a note in a new folder is indexed')

  await rename(path.join(v.root, 'Notes'), path.join(v.root, 'Renamed'))
  await eventually(
    () => index.getNote('Renamed/Target.md') !== undefined && index.getNote('Notes/Target.md') === undefined,
    'a renamed folder moves its notes',
  )
  assert.deepEqual(index.backlinkSources('Renamed/Target.md'), ['Home.md'])

  await rm(path.join(v.root, 'Renamed/Target.md'))
  await eventually(() => index.getNote('Renamed/Target.md') === undefined, 'a deleted note leaves the index')
  assert.equal(index.stats().unresolvedLinks, 1)

  await writeFile(path.join(v.root, '.hidden.md'), 'never indexed\n')
  await writeFile(path.join(v.root, 'Visible.md'), 'indexed\n')
  await eventually(() => index.getNote('Visible.md') !== undefined, 'a visible note is indexed')
  assert.equal(index.getNote('.hidden.md'), undefined)
})
