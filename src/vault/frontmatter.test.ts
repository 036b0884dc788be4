import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InvalidInputError } from '../errors.ts'
import { locateFrontmatter, parseFrontmatter, updateFrontmatter } from './frontmatter.ts'

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

test('updateFrontmatter sets and deletes keys, keeping order and comments', () => {
  const text = '---\ntitle: Old # keep me\ntags: [a, b]\nstatus: draft\n---\n# Body\n'
  const updated = updateFrontmatter(text, { title: 'New', status: null, rating: 3 })
  assert.equal(updated, '---\ntitle: New # keep me\ntags: [a, b]\nrating: 3\n---\n# Body\n')
})

test('updateFrontmatter keeps CRLF line endings and the BOM', () => {
  const text = '\ufeff---\r\na: 1\r\n---\r\nbody\r\n'
  assert.equal(updateFrontmatter(text, { b: 'x' }), '\ufeff---\r\na: 1\r\nb: x\r\n---\r\nbody\r\n')
})

test('updateFrontmatter creates a block when the note has none', () => {
  assert.equal(updateFrontmatter('# Note\n', { tags: ['x'] }), '---\ntags:\n  - x\n---\n# Note\n')
  assert.equal(updateFrontmatter('\ufeffbody', { a: 1 }), '\ufeff---\na: 1\n---\nbody')
})

test('updateFrontmatter removes the block when its last key is deleted', () => {
  assert.equal(updateFrontmatter('---\na: 1\n---\nbody', { a: null }), 'body')
})

test('updateFrontmatter leaves a note without frontmatter alone when only deleting', () => {
  assert.equal(updateFrontmatter('body', { a: null }), 'body')
})

test('updateFrontmatter refuses to edit invalid YAML', () => {
  assert.throws(() => updateFrontmatter('---\na: [x\n---\n', { b: 1 }), InvalidInputError)
  assert.throws(() => updateFrontmatter('---\n- a\n---\n', { b: 1 }), InvalidInputError)
})
