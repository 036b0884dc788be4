import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { tmpVault } from '../../../test/helpers/tmp-vault.ts'
import { createNoteIndex } from '../index/note-index.ts'
import { buildIndex } from './build-index.ts'
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

test('workers resolve links exactly as the index does note by note', async () => {
  await using v = await tmpVault({
    ...files,
    'A/Same.md': 'in A',
    'B/Same.md': 'in B',
    'A/Linker.md':
      '[[Same]] [[B/Same]] [[./Same]] [[../B/Same]] [[Missing]] [[#Self]] ![[pic.png]] [x](Same.md)',
    'pic.png': 'png',
    // Stored decomposed (as macOS does): read through its name on disk, indexed under NFC.
    ['Cafe\u0301.md'.normalize('NFD')]: 'see [[Same]] and [[Café]]',
  })
  const walked = await walkVault(v.root)
  const threaded = createNoteIndex()
  await buildIndex({
    root: v.root,
    index: threaded,
    files: walked.files,
    folders: walked.folders,
    threads: 2,
    batchSize: 5,
  })
  // The same notes added one by one, resolved on this thread.
  const oneByOne = createNoteIndex()
  for (const file of walked.files) oneByOne.addFile(file)
  for (const file of walked.files)
    if (file.isNote) oneByOne.upsertNote(file, readFileSync(path.join(v.root, file.diskPath ?? file.path)))
  assert.deepEqual(threaded.stats(), oneByOne.stats())
  for (const note of oneByOne.notes()) {
    const other = threaded.getNote(note.path)
    assert.ok(other)
    assert.deepEqual(other.parsed, note.parsed, note.path)
    assert.deepEqual(other.resolved, note.resolved, note.path)
    assert.equal(other.size, note.size)
    assert.equal(other.mtimeMs, note.mtimeMs)
  }
  assert.deepEqual(threaded.getNote('Café.md')?.resolved, ['A/Same.md', 'Café.md'])
  assert.deepEqual(threaded.getNote('A/Linker.md')?.resolved, [
    'A/Same.md',
    'B/Same.md',
    'A/Same.md',
    'B/Same.md',
    undefined,
    'A/Linker.md',
    'pic.png',
    'A/Same.md',
  ])
})

test('a file appearing during the build is seen by the links of the notes indexed after it', async () => {
  await using v = await tmpVault({ ...files, 'Z Last.md': 'see [[Late]]' })
  const walked = await walkVault(v.root)
  const index = createNoteIndex()
  let added = false
  await buildIndex({
    root: v.root,
    index,
    files: walked.files,
    folders: walked.folders,
    threads: 0,
    batchSize: 7,
    onProgress: () => {
      if (added) return
      added = true
      index.addFile({ path: 'Late.md', size: 0, mtimeMs: 0 })
    },
  })
  assert.deepEqual(index.getNote('Z Last.md')?.resolved, ['Late.md'])
})
