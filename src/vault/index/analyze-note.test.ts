import assert from 'node:assert/strict'
import { test } from 'node:test'
import { analyzeNote, originalBytes } from './analyze-note.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const texts = {
  'no capitals': 'plain text\n- [ ] task\n',
  'ASCII capitals': '# Title\nSome Words In Capitals. [[Other Note]]\n',
  'accented and Cyrillic': 'École Ærø ÄÖÜ — Москва 東京 😀\n',
  'final sigma (context-dependent: slow path)': 'ΟΔΟΣ ΣΟΦΙΑΣ\n',
  'İ (lower case longer: original kept)': 'İstanbul\n',
  'BOM and CRLF': '\uFEFFTitle\r\nBody Text\r\n',
}

for (const [name, text] of Object.entries(texts)) {
  test(`analyzeNote keeps a lower-cased copy that rebuilds the original: ${name}`, () => {
    const bytes = encoder.encode(text)
    const analysis = analyzeNote('Note.md', bytes)
    const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text
    assert.equal(decoder.decode(analysis.lower), withoutBom.toLowerCase())
    assert.equal(originalBytes(analysis).toString('utf8'), withoutBom)
  })
}

test('analyzeNote keeps the decoded text of a file that is not valid UTF-8', () => {
  const bytes = Uint8Array.from([0x41, 0xff, 0x42, 0x0a])
  const analysis = analyzeNote('Bad.md', bytes)
  assert.equal(originalBytes(analysis).toString('utf8'), 'A\uFFFDB\n')
  assert.equal(decoder.decode(analysis.lower), 'a\uFFFDb\n')
})
