import assert from 'node:assert/strict'
import { test } from 'node:test'
import { tmpVault } from '../../test/helpers/tmp-vault.ts'
import { buildIndex } from './build-index.ts'
import { createNoteIndex } from './note-index.ts'
import { walkVault } from './walk.ts'

const files: Record<string, string> = {}
for (let i = 0; i < 60; i++) {
  files[`Folder ${i % 4}/Note ${i}.md`] =
    `---\ntags: [t${i % 3}]\n---\n# Note ${i}\n\nLinks [[Note ${(i + 1) % 60}]] #inline${i % 5}\n- [ ] task ${i}\n`
}

test('building on worker threads gives the same index as building inline', async () => {
  await using v = await tmpVault(files)
  const walked = await walkVault(v.root)
  const threaded = createNoteIndex()
  const result = await buildIndex({
    root: v.root,
    index: threaded,
    files: walked.files,
    folders: walked.folders,
    threads: 2,
    batchSize: 7,
  })
  assert.equal(result.notes, 60)
  assert.deepEqual(result.failures, [])
  assert.deepEqual(threaded.stats(), v.vault.index.stats())
  for (const note of v.vault.index.notes()) {
    const other = threaded.getNote(note.path)
    assert.ok(other)
    assert.equal(other.hash, note.hash)
    assert.deepEqual(other.parsed, note.parsed)
    assert.deepEqual(other.resolved, note.resolved)
    assert.ok(other.lower.equals(note.lower))
    assert.deepEqual(threaded.backlinkSources(note.path), v.vault.index.backlinkSources(note.path))
  }
})
