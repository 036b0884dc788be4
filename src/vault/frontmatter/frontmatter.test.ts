import assert from 'node:assert/strict'
import { test } from 'node:test'
import { locateFrontmatter, parseFrontmatter } from './frontmatter.ts'

const readCases: Array<{ name: string; text: string; data: Record<string, unknown> | null; body: string }> = [
  { name: 'a simple block', text: '---\ntitle: T\n---\nbody', data: { title: 'T' }, body: 'body' },
  { name: 'a block after a BOM', text: '\ufeff---\na: 1\n---\nbody', data: { a: 1 }, body: 'body' },
  {
    name: 'a CRLF block',
    text: '---\r\na: x\r\nb: [1, 2]\r\n---\r\nbody',
    data: { a: 'x', b: [1, 2] },
    body: 'body',
  },
  { name: 'an empty block', text: '---\n---\nbody', data: {}, body: 'body' },
  { name: 'a block closing at the end of the file', text: '---\na: 1\n---', data: { a: 1 }, body: '' },
  { name: 'delimiters with trailing spaces', text: '--- \na: 1\n---  \nbody', data: { a: 1 }, body: 'body' },
  {
    name: 'YAML the fast reader leaves to the full parser',
    text: '---\nnested:\n  key: [a, {b: 1}]\nlong: |\n  two\n  lines\n---\n',
    data: { nested: { key: ['a', { b: 1 }] }, long: 'two\nlines\n' },
    body: '',
  },
]

for (const { name, text, data, body } of readCases) {
  test(`parseFrontmatter reads ${name}`, () => {
    const block = parseFrontmatter(text)
    assert.equal(block.present, true)
    assert.deepEqual(block.data, data)
    assert.equal(block.error, undefined)
    assert.equal(text.slice(block.bodyStart), body)
  })
}

const absentCases: Array<{ name: string; text: string }> = [
  { name: 'no delimiter', text: 'just text\n---\n' },
  { name: 'no closing delimiter', text: '---\ntitle: T\nbody' },
  { name: 'a rule that is not on the first line', text: '\n---\na: 1\n---\n' },
  { name: 'a longer rule', text: '----\na: 1\n----\n' },
  { name: 'an empty note', text: '' },
]

for (const { name, text } of absentCases) {
  test(`parseFrontmatter finds no block with ${name}`, () => {
    assert.deepEqual(parseFrontmatter(text), { data: null, raw: '', bodyStart: 0, present: false })
    assert.equal(locateFrontmatter(text), null)
  })
}

test('parseFrontmatter reports invalid YAML with its line in the note', () => {
  const block = parseFrontmatter('---\ntitle: ok\ntags: [broken\n---\n# Body\n')
  assert.equal(block.present, true)
  assert.equal(block.data, null)
  assert.match(block.error ?? '', /^Invalid YAML in frontmatter at line \d+: /)
  assert.equal(block.bodyStart, '---\ntitle: ok\ntags: [broken\n---\n'.length)
})

test('parseFrontmatter reports the line of an unclosed quote', () => {
  const block = parseFrontmatter('---\na: 1\ntitle: "Unclosed quote\n---\n')
  assert.match(block.error ?? '', /line 3/)
})

test('parseFrontmatter rejects YAML that is not a mapping', () => {
  for (const text of ['---\n- a\n- b\n---\n', '---\njust a string\n---\n']) {
    const block = parseFrontmatter(text)
    assert.equal(block.data, null)
    assert.match(block.error ?? '', /not a YAML mapping/)
  }
})

test('parseFrontmatter keeps the raw YAML between the delimiters', () => {
  assert.equal(parseFrontmatter('---\na: 1\n# c\n---\n').raw, 'a: 1\n# c\n')
})
