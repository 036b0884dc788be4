import assert from 'node:assert/strict'
import { test } from 'node:test'
import { summarizeIndex } from '../../../test/helpers/index-summary.ts'
import { decodeSnapshot, encodeSnapshot } from '../snapshot/snapshot-codec.ts'
import { restoreSnapshot } from '../snapshot/warm-start.ts'
import { analyzeNoteText } from './analyze-note.ts'
import { createNoteIndex, type NoteIndex } from './note-index.ts'

const encoder = new TextEncoder()

const before: Record<string, string> = {
  'A/Same.md': '# In A\n#shared\n',
  'B/Same.md': '# In B\n',
  'A/From A.md': '[[Same]] [[Later]] [[Gone]]\n- [ ] one\n- [x] two\n- [/] half\n',
  'B/From B.md': '---\naliases: [Other]\ntags: [x]\n---\n[[Same]] [[A/Same]] ![[pic.png]]\n',
  'Gone.md': '#shared [[From A]]\n',
}

function upsert(index: NoteIndex, notePath: string, text: string): void {
  const bytes = encoder.encode(text)
  index.upsertNote({ path: notePath, size: bytes.length, mtimeMs: 1000 }, bytes)
}

function indexOf(files: Record<string, string>): NoteIndex {
  const index = createNoteIndex()
  index.addFile({ path: 'A/pic.png', size: 3, mtimeMs: 1 })
  index.addFolder('Empty')
  for (const [notePath, text] of Object.entries(files)) upsert(index, notePath, text)
  return index
}

/** An index restored from a snapshot of `files`: its lookups are not built until something needs them. */
function restoredIndexOf(files: Record<string, string>): NoteIndex {
  const payload = encodeSnapshot(indexOf(files), { root: '/vault', capturedAt: 5 })
  const loadText = (note: { path: string }) => analyzeNoteText(encoder.encode(files[note.path] ?? ''))
  const index = createNoteIndex()
  restoreSnapshot(index, decodeSnapshot(payload, loadText))
  return index
}

/** Edits, a creation that captures a link, a deletion that breaks one, a new tag and a task status. */
function change(index: NoteIndex): void {
  upsert(index, 'B/From B.md', '---\naliases: [Another]\n---\n[[Same]] #fresh\n- [-] dropped\n')
  upsert(index, 'C/Later.md', '[[Gone]] #shared\n')
  index.remove('Gone.md')
  index.addFile({ path: 'C/pic.png', size: 4, mtimeMs: 2 })
  index.remove('A/pic.png')
}

const after = (() => {
  const files: Record<string, string> = { ...before }
  files['B/From B.md'] = '---\naliases: [Another]\n---\n[[Same]] #fresh\n- [-] dropped\n'
  files['C/Later.md'] = '[[Gone]] #shared\n'
  delete files['Gone.md']
  return files
})()

function expected() {
  const index = createNoteIndex()
  index.addFolder('Empty')
  index.addFile({ path: 'C/pic.png', size: 4, mtimeMs: 2 })
  // Same insertion order as the changed indexes (path order, then the creation).
  for (const [notePath, text] of Object.entries(after)) upsert(index, notePath, text)
  return summarizeIndex(index)
}

test('lookups built on first need answer like lookups kept up to date from the start', () => {
  const eager = restoredIndexOf(before)
  eager.stats()
  change(eager)
  const lazy = restoredIndexOf(before)
  change(lazy)
  assert.deepEqual(summarizeIndex(lazy), summarizeIndex(eager))
})

test('an index changed after a restore answers like one built from the changed notes', () => {
  const lazy = restoredIndexOf(before)
  change(lazy)
  const summary = summarizeIndex(lazy)
  const wanted = expected()
  // Backlink lists and tag casing do not depend on insertion order; notes and stats must match exactly.
  assert.deepEqual(summary.stats, wanted.stats)
  assert.deepEqual(summary.notes, wanted.notes)
  assert.deepEqual(summary.tags, wanted.tags)
  assert.deepEqual(summary.folders, wanted.folders)
})

test('task totals count open, done and other statuses of restored and parsed notes alike', () => {
  const restored = restoredIndexOf(before)
  assert.deepEqual(restored.stats().tasks, { open: 1, done: 1, other: 1 })
  change(restored)
  assert.deepEqual(restored.stats().tasks, { open: 1, done: 1, other: 2 })
})

test('folders holding files are known and listed before and after the lookups are built', () => {
  const index = createNoteIndex()
  index.addFile({ path: 'X/Y/z.png', size: 1, mtimeMs: 1 })
  index.addFile({ path: 'X/w.md', size: 1, mtimeMs: 1 })
  index.addFolder('Empty/Inner')
  const answers = () => ['X', 'X/Y', 'X/Y/z.png', 'Y', 'X/Yz'].map((folder) => index.hasFolder(folder))
  const before = answers()
  const listed = [...index.folders()]
  index.stats()
  assert.deepEqual(before, [true, true, false, false, false])
  assert.deepEqual(answers(), before)
  assert.deepEqual(listed, ['Empty', 'Empty/Inner', 'X', 'X/Y'])
  index.addFolder('Later')
  assert.deepEqual([...index.folders()], ['Empty', 'Empty/Inner', 'Later', 'X', 'X/Y'])
})
