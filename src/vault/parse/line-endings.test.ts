import assert from 'node:assert/strict'
import { test } from 'node:test'
import { applyTextStyle, decodeNote, detectLineEnding, encodeNote } from './line-endings.ts'

const bytes = (text: string) => Buffer.from(text, 'utf8')

const endings: [text: string, expected: '\n' | '\r\n'][] = [
  ['', '\n'],
  ['one line', '\n'],
  ['a\nb\n', '\n'],
  ['a\r\nb\r\n', '\r\n'],
  ['a\r\nb\r\nc\n', '\r\n'],
  ['a\r\nb\nc\n', '\n'],
  ['a\r\nb\n', '\n'],
  ['a\rb\rc', '\n'],
]
for (const [text, expected] of endings) {
  test(`detectLineEnding(${JSON.stringify(text)}) is ${JSON.stringify(expected)}`, () => {
    assert.equal(detectLineEnding(text), expected)
  })
}

test('decodeNote strips the BOM and reports it, keeping CRLF in the text', () => {
  assert.deepEqual(decodeNote(bytes('\uFEFF# Title\r\nbody\r\n')), {
    text: '# Title\r\nbody\r\n',
    bom: true,
    eol: '\r\n',
    hasInvalidBytes: false,
  })
})

test('decodeNote of a plain LF note has no BOM', () => {
  assert.deepEqual(decodeNote(bytes('a\nb')), { text: 'a\nb', bom: false, eol: '\n', hasInvalidBytes: false })
})

test('decodeNote flags bytes that are not valid UTF-8', () => {
  const decoded = decodeNote(new Uint8Array([0x61, 0xff, 0x62]))
  assert.equal(decoded.hasInvalidBytes, true)
  assert.equal(decoded.text, 'a\uFFFDb')
})

test('applyTextStyle converts LF and mixed text to the file style', () => {
  assert.equal(applyTextStyle('x\ny\r\nz', { eol: '\r\n' }), 'x\r\ny\r\nz')
  assert.equal(applyTextStyle('x\r\ny\nz', { eol: '\n' }), 'x\ny\nz')
  assert.equal(applyTextStyle('no newline', { eol: '\r\n' }), 'no newline')
})

test('encodeNote puts the BOM back only when the file had one', () => {
  assert.deepEqual([...encodeNote('a', { bom: true })], [0xef, 0xbb, 0xbf, 0x61])
  assert.deepEqual([...encodeNote('a', { bom: false })], [0x61])
})

test('an append through decode, applyTextStyle and encode leaves every original byte in place', () => {
  const original = bytes('\uFEFF---\r\ntags: [a]\r\n---\r\nline with trailing LF only\nlast\r\n')
  const note = decodeNote(original)
  const result = encodeNote(note.text + applyTextStyle('- [ ] new task\n', note), note)
  assert.deepEqual(result.subarray(0, original.length), original)
  assert.equal(Buffer.from(result.subarray(original.length)).toString('utf8'), '- [ ] new task\r\n')
})

test('a round trip without edits is byte-identical', () => {
  for (const text of ['', '\uFEFF', 'a\r\nb\nc\rd', '\uFEFF\uFEFFdouble', 'é日本\u{1F600}']) {
    const note = decodeNote(bytes(text))
    assert.deepEqual(encodeNote(note.text, note), bytes(text))
  }
})
