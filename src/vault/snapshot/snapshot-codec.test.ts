import assert from 'node:assert/strict'
import { test } from 'node:test'
import { summarizeIndex } from '../../../test/helpers/index-summary.ts'
import { analyzeNoteText } from '../index/analyze-note.ts'
import { createNoteIndex } from '../index/note-index.ts'
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.ts'
import { restoreSnapshot } from './warm-start.ts'

const encoder = new TextEncoder()

/** Notes whose links resolve differently from note to note, with titles, aliases, tasks and a broken frontmatter. */
const notes: Record<string, string> = {
  'A/Same.md': '# In A\n',
  'B/Same.md': '# In B\n',
  'A/From A.md': '[[Same]] and [[Same]] again, [[Missing]]\n- [ ] one\n  - [x] two\n',
  'B/From B.md':
    '---\ntitle: Titled\naliases: [Other Name]\ntags: [x, y]\n---\n[[Same]] [[A/Same]] ![[pic.png]] [md](A/Same.md)\n',
  'C/Broken.md': '---\ntitle: [unclosed\n---\n[[#Heading]] [[Same]]\n* [?] ödd täsk ✓\n- [ ] \n',
  'Same.md.md': '[[Same.md]]\n',
}

function indexOf(files: Record<string, string>) {
  const index = createNoteIndex()
  index.addFile({ path: 'A/pic.png', size: 3, mtimeMs: 1 })
  index.addFolder('Empty')
  for (const [notePath, text] of Object.entries(files)) {
    const bytes = encoder.encode(text)
    index.upsertNote({ path: notePath, size: bytes.length, mtimeMs: 1000 }, bytes)
  }
  return index
}

test('a decoded snapshot restores an index that answers like the one encoded', () => {
  const index = indexOf(notes)
  const payload = encodeSnapshot(index, { root: '/vault', capturedAt: 5 })
  const loadText = (note: { path: string }) => analyzeNoteText(encoder.encode(notes[note.path] ?? ''))
  const decoded = decodeSnapshot(structuredClone(payload), loadText)
  assert.equal(decoded.root, '/vault')
  assert.equal(decoded.capturedAt, 5)
  const restored = createNoteIndex()
  restoreSnapshot(restored, decoded)
  assert.deepEqual(summarizeIndex(restored), summarizeIndex(index))
})

test('a payload with a reference out of range or a count past its end is refused', () => {
  const payload = encodeSnapshot(indexOf(notes), { root: '/vault', capturedAt: 5 })
  const loadText = () => ({ lower: new Uint8Array(0) })
  assert.throws(() => decodeSnapshot({ ...payload, strings: payload.strings.slice(0, 1) }, loadText))
  assert.throws(() => decodeSnapshot({ ...payload, texts: [] }, loadText))
  assert.throws(() => decodeSnapshot({ ...payload, taskTexts: payload.taskTexts.subarray(1) }, loadText))
  assert.throws(() => decodeSnapshot({ ...payload, paths: [...payload.paths].reverse() }, loadText))
  assert.throws(() => decodeSnapshot({ ...payload, intCount: payload.intCount + 1 }, loadText))
})

test('a snapshot of a restored index whose tasks were never read restores the same index', () => {
  const index = indexOf(notes)
  const loadText = (note: { path: string }) => analyzeNoteText(encoder.encode(notes[note.path] ?? ''))
  const restore = (payload: ReturnType<typeof encodeSnapshot>) => {
    const restored = createNoteIndex()
    restoreSnapshot(restored, decodeSnapshot(payload, loadText))
    return restored
  }
  const once = restore(encodeSnapshot(index, { root: '/vault', capturedAt: 5 }))
  const twice = restore(encodeSnapshot(once, { root: '/vault', capturedAt: 6 }))
  assert.deepEqual(summarizeIndex(twice), summarizeIndex(index))
})
