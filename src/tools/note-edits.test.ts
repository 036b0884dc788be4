import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appendText, prependText, replaceBody, replaceOnce, withOneTrailingNewline } from './note-edits.ts'

const LF = { eol: '\n' } as const
const CRLF = { eol: '\r\n' } as const

const updates: [
  name: string,
  text: string,
  content: string,
  style: typeof LF | typeof CRLF,
  expected: string,
][] = [
  [
    'keeps the frontmatter byte for byte',
    '---\ntags: [a]  # c\n---\nold\n',
    'new',
    LF,
    '---\ntags: [a]  # c\n---\nnew\n',
  ],
  [
    'replaces the frontmatter when content has one',
    '---\na: 1\n---\nold\n',
    '---\nb: 2\n---\nnew',
    LF,
    '---\nb: 2\n---\nnew\n',
  ],
  ['never adds an empty block', 'old\n', 'new\n\n\n', LF, 'new\n'],
  ['drops the block when content gives an empty one', '---\na: 1\n---\nold\n', '---\n---\nnew', LF, 'new\n'],
  ['drops a {} block', '---\na: 1\n---\nold\n', '---\n{}\n---\nnew', LF, 'new\n'],
  ['leaves only the frontmatter for empty content', '---\na: 1\n---\nold\n', '', LF, '---\na: 1\n---\n'],
  ['empties a note without frontmatter', 'old\n', '', LF, ''],
  [
    'writes new lines in CRLF',
    '---\r\na: 1\r\n---\r\nold\r\n',
    'x\ny',
    CRLF,
    '---\r\na: 1\r\n---\r\nx\r\ny\r\n',
  ],
  [
    'adds a line break after a closing --- at the end',
    '---\na: 1\n---',
    'body',
    LF,
    '---\na: 1\n---\nbody\n',
  ],
]
for (const [name, text, content, style, expected] of updates) {
  test(`replaceBody ${name}`, () => assert.equal(replaceBody(text, content, style), expected))
}

test('replaceBody refuses content whose frontmatter is invalid YAML', () => {
  assert.throws(() => replaceBody('x\n', '---\na: [\n---\nbody', LF), /not valid/)
})

const appends: [text: string, content: string, style: typeof LF | typeof CRLF, expected: string][] = [
  ['a\n', 'b', LF, 'a\nb\n'],
  ['a', 'b', LF, 'a\nb\n'],
  ['', 'b', LF, 'b\n'],
  ['a\r\n', 'b\nc', CRLF, 'a\r\nb\r\nc\r\n'],
  ['a\r\nz', 'b', CRLF, 'a\r\nz\r\nb\r\n'],
]
for (const [text, content, style, expected] of appends) {
  test(`appendText(${JSON.stringify(text)}, ${JSON.stringify(content)}) gives ${JSON.stringify(expected)}`, () => {
    assert.equal(appendText(text, content, style), expected)
  })
}

const prepends: [text: string, content: string, style: typeof LF | typeof CRLF, expected: string][] = [
  ['body\n', 'top', LF, 'top\nbody\n'],
  ['---\na: 1\n---\nbody\n', 'top', LF, '---\na: 1\n---\ntop\nbody\n'],
  ['---\r\na: 1\r\n---\r\nbody\r\n', 'top\nmore', CRLF, '---\r\na: 1\r\n---\r\ntop\r\nmore\r\nbody\r\n'],
  ['---\na: 1\n---', 'top', LF, '---\na: 1\n---\ntop\n'],
  ['', 'top', LF, 'top\n'],
]
for (const [text, content, style, expected] of prepends) {
  test(`prependText(${JSON.stringify(text)}) puts the text after the frontmatter`, () => {
    assert.equal(prependText(text, content, style), expected)
  })
}

test('replaceOnce swaps the only occurrence', () => {
  assert.equal(replaceOnce('one two three', 'two', '2', LF, 'N.md'), 'one 2 three')
})

test('replaceOnce matches multi-line text in a CRLF note and writes CRLF', () => {
  assert.equal(replaceOnce('a\r\nb\r\nc\r\n', 'a\nb', 'x\ny', CRLF, 'N.md'), 'x\r\ny\r\nc\r\n')
})

test('replaceOnce matches LF text in the LF part of a mixed note as written', () => {
  assert.equal(replaceOnce('a\r\nb\r\nc\nd\r\n', 'c\nd', 'c\nD', CRLF, 'N.md'), 'a\r\nb\r\nc\nD\r\n')
})

test('replaceOnce counts every occurrence, overlapping ones too, and says to give more context', () => {
  assert.throws(
    () => replaceOnce('aaa', 'aa', 'b', LF, 'N.md'),
    /old_text found 2 times in N\.md; give more context/,
  )
  assert.throws(() => replaceOnce('x y x', 'x', 'b', LF, 'N.md'), /found 2 times/)
})

test('replaceOnce says when the text is not found', () => {
  assert.throws(
    () => replaceOnce('abc', 'zzz', 'b', LF, 'N.md'),
    /old_text not found in N\.md\. Nothing was written/,
  )
})

test('replaceOnce may delete text with an empty new_text', () => {
  assert.equal(replaceOnce('keep drop keep', ' drop', '', LF, 'N.md'), 'keep keep')
})

test('withOneTrailingNewline collapses trailing line breaks to one', () => {
  assert.equal(withOneTrailingNewline('a\n\n\r\n'), 'a\n')
  assert.equal(withOneTrailingNewline('a'), 'a\n')
  assert.equal(withOneTrailingNewline('\n\n'), '')
})
