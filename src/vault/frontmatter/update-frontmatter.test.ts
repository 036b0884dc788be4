import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InvalidInputError } from '../../errors.ts'
import { parseFrontmatter, updateFrontmatter } from './frontmatter.ts'

const note = (yaml: string) => `---\n${yaml}---\n# Body\n`

// Each block is written in a style a re-serialiser would change; an edit to one key must leave the others alone.
const styles: Array<{ name: string; yaml: string }> = [
  { name: 'a list level with its key', yaml: 'list:\n- a\n- b\n' },
  { name: 'a list indented by four', yaml: 'list:\n    - a\n    - b\n' },
  { name: 'a nested map indented by four', yaml: 'nested:\n    key: value\n    deeper:\n        - x\n' },
  { name: 'a flow list with odd spacing', yaml: 'tags: [ a,b ,  "c" ]\n' },
  { name: 'a flow map', yaml: 'point: {x: 1,y: 2}\n' },
  {
    name: 'comments between keys and at line ends',
    yaml: '# heading\nfirst: 1   # one\n\n# about the next\n',
  },
  { name: 'quoted keys and values', yaml: '"quoted key": \'single\'\n\'other key\': "double"\n' },
  { name: 'a literal block string', yaml: 'long: |\n  line one\n\n  line three\n' },
  { name: 'a folded block string with a header comment', yaml: 'folded: >- # why\n  folded\n  text\n' },
  { name: 'a kept block string with trailing blank lines', yaml: 'kept: |+\n  text\n\n\n' },
  { name: 'anchors and aliases', yaml: 'base: &base value\ncopy: *base\n' },
  { name: 'empty and null values', yaml: 'empty:\ntilde: ~\nblank: ""\n' },
  { name: 'colons in values', yaml: 'url: https://example.com/a:b\ntime: "12:30"\nratio: "a: b"\n' },
  { name: 'a multi-line plain scalar', yaml: 'wrapped: first\n  second\n' },
  { name: 'an explicit key', yaml: '? explicit\n: value\n' },
  { name: 'tabs and trailing spaces after values', yaml: 'spaced: value  \t\n' },
  { name: 'a list of maps', yaml: 'people:\n  - name: A\n    role: x\n  - {name: B}\n' },
  { name: 'a number-like key', yaml: '2024: year\n' },
]

for (const { name, yaml } of styles) {
  test(`updateFrontmatter keeps ${name} byte for byte when other keys change`, () => {
    const text = note(`edited: old\n${yaml}removed: gone\n`)
    const updated = updateFrontmatter(text, { edited: 'new', removed: null, added: ['p', 'q'] })
    assert.ok(updated.includes(`edited: new\n${yaml}`), updated)
    assert.ok(!updated.includes('removed'))
    assert.ok(updated.endsWith('\n---\n# Body\n'))
    const before = parseFrontmatter(text).data ?? {}
    const { edited, removed, ...untouched } = before
    assert.deepEqual(parseFrontmatter(updated).data, { edited: 'new', ...untouched, added: ['p', 'q'] })
  })

  test(`updateFrontmatter keeps ${name} byte for byte with CRLF line endings and a BOM`, () => {
    const crlf = (s: string) => s.replaceAll('\n', '\r\n')
    const text = `\ufeff${crlf(note(`${yaml}status: draft\n`))}`
    const updated = updateFrontmatter(text, { status: 'done', extra: 1 })
    assert.equal(updated, `\ufeff${crlf(note(`${yaml}status: done\nextra: 1\n`))}`)
  })
}

const edits: Array<{ name: string; yaml: string; properties: Record<string, unknown>; expected: string }> = [
  {
    name: 'sets a scalar, keeping its line comment',
    yaml: 'a: 1 # c\nb: 2\n',
    properties: { a: 'x y' },
    expected: 'a: x y # c\nb: 2\n',
  },
  {
    name: 'quotes a string that would read as another type',
    yaml: 'a: 1\n',
    properties: { a: '2' },
    expected: 'a: "2"\n',
  },
  {
    name: 'sets a list on a scalar',
    yaml: 'tags: none\nz: 1\n',
    properties: { tags: ['a', 'b'] },
    expected: 'tags:\n  - a\n  - b\nz: 1\n',
  },
  {
    name: 'moves a line comment above a new list',
    yaml: 'tags: none # c\n',
    properties: { tags: ['a'] },
    expected: 'tags: # c\n  - a\n',
  },
  {
    name: 'sets a scalar on a block list',
    yaml: 'tags:\n  - a\n  - b\nz: 1\n',
    properties: { tags: 'x' },
    expected: 'tags: x\nz: 1\n',
  },
  {
    name: 'replaces a list in the level-list style of the block',
    yaml: 'tags:\n- a\nz: 1\n',
    properties: { tags: ['b', 'c'] },
    expected: 'tags:\n- b\n- c\nz: 1\n',
  },
  {
    name: 'adds a list in the level-list style of the block',
    yaml: 'list:\n- a\n',
    properties: { tags: ['b'] },
    expected: 'list:\n- a\ntags:\n- b\n',
  },
  {
    name: 'adds a list with the four-space indent of the block',
    yaml: 'list:\n    - a\n',
    properties: { tags: ['b'] },
    expected: 'list:\n    - a\ntags:\n    - b\n',
  },
  {
    name: 'adds a map with the four-space indent of the block',
    yaml: 'm:\n    k: v\n',
    properties: { n: { k: ['v'] } },
    expected: 'm:\n    k: v\nn:\n    k:\n        - v\n',
  },
  {
    name: 'writes a multi-line string as a block, keeping the header comment',
    yaml: 'long: | # c\n  one\nz: 1\n',
    properties: { long: 'a\nb' },
    expected: 'long: |- # c\n  a\n  b\nz: 1\n',
  },
  {
    name: 'sets a value on an empty key',
    yaml: 'empty:\nz: 1\n',
    properties: { empty: 'v' },
    expected: 'empty: v\nz: 1\n',
  },
  {
    name: 'sets the value of an explicit key',
    yaml: '? a\n: 1\nb: 2\n',
    properties: { a: 5 },
    expected: '? a\n: 5\nb: 2\n',
  },
  {
    name: 'sets a quoted key, keeping its quotes',
    yaml: '"my key": 1\n',
    properties: { 'my key': 2 },
    expected: '"my key": 2\n',
  },
  {
    name: 'quotes a new key that needs it',
    yaml: 'a: 1\n',
    properties: { 'b: c': 1, '#d': 2 },
    expected: 'a: 1\n"b: c": 1\n"#d": 2\n',
  },
  {
    name: 'leaves a comment on the line after an empty key where it is',
    yaml: 'empty:\n# about next\nnext: 1\n',
    properties: { empty: 'v' },
    expected: 'empty: v\n# about next\nnext: 1\n',
  },
  {
    name: 'drops the comments inside a replaced list with it',
    yaml: 'a:\n  # inner\n  - x # item\nb: 1\n',
    properties: { a: 'y' },
    expected: 'a: y\nb: 1\n',
  },
  {
    name: 'deletes a key, keeping the comments around it',
    yaml: '# about a\na: 1\n# about b\nb: 2\n',
    properties: { a: null },
    expected: '# about a\n# about b\nb: 2\n',
  },
  {
    name: 'deletes the last key',
    yaml: 'a: 1\nb:\n  - x\n  - y\n',
    properties: { b: null },
    expected: 'a: 1\n',
  },
  {
    name: 'deletes a multi-line string whole',
    yaml: 'long: |\n  one\n\n  two\nz: 1\n',
    properties: { long: null },
    expected: 'z: 1\n',
  },
  {
    name: 'adds keys after the last one, before trailing comments',
    yaml: 'a: 1\n# trailing\n',
    properties: { b: 2 },
    expected: 'a: 1\nb: 2\n# trailing\n',
  },
  {
    name: 'adds a key to a block holding only a comment',
    yaml: '# note\n',
    properties: { a: 1 },
    expected: '# note\na: 1\n',
  },
  {
    name: 'keeps a comment-only block when its last key goes',
    yaml: 'a: 1\n# kept\n',
    properties: { a: null },
    expected: '# kept\n',
  },
  {
    name: 'merges keys that read the same',
    yaml: '1: one\n"1": uno\nz: 1\n',
    properties: { '1': 'x' },
    expected: '1: x\nz: 1\n',
  },
  {
    name: 'keeps the anchor of an unchanged value',
    yaml: 'base: &b one\ncopy: *b\nz: 1\n',
    properties: { z: 2 },
    expected: 'base: &b one\ncopy: *b\nz: 2\n',
  },
  {
    name: 'rewrites a flow mapping, the one style it cannot edit in place',
    yaml: '{a: 1, b: 2}\n',
    properties: { c: 3 },
    expected: '{a: 1, b: 2, c: 3}\n',
  },
]

for (const { name, yaml, properties, expected } of edits) {
  test(`updateFrontmatter ${name}`, () => {
    assert.equal(updateFrontmatter(note(yaml), properties), note(expected))
  })
}

test('updateFrontmatter sets and deletes keys, keeping order and comments', () => {
  const text = '---\ntitle: Old # keep me\ntags: [a, b]\nstatus: draft\n---\n# Body\n'
  const updated = updateFrontmatter(text, { title: 'New', status: null, rating: 3 })
  assert.equal(updated, '---\ntitle: New # keep me\ntags: [a, b]\nrating: 3\n---\n# Body\n')
})

test('updateFrontmatter keeps CRLF line endings and the BOM', () => {
  const text = '\ufeff---\r\na: 1\r\n---\r\nbody\r\n'
  assert.equal(updateFrontmatter(text, { b: 'x' }), '\ufeff---\r\na: 1\r\nb: x\r\n---\r\nbody\r\n')
})

test('updateFrontmatter returns the same text when nothing changes', () => {
  const text = note('tags:\n- a\nn: 1 # c\n')
  assert.equal(updateFrontmatter(text, { tags: ['a'], n: 1, missing: null }), text)
  assert.equal(updateFrontmatter(text, {}), text)
  assert.equal(updateFrontmatter('---\n---\nbody', { a: null }), '---\n---\nbody')
})

test('updateFrontmatter adds a key to an empty block', () => {
  assert.equal(updateFrontmatter('---\n---\nbody', { a: 1 }), '---\na: 1\n---\nbody')
  assert.equal(updateFrontmatter('---\r\n---\r\nbody', { a: [1] }), '---\r\na:\r\n  - 1\r\n---\r\nbody')
})

test('updateFrontmatter creates a block when the note has none', () => {
  assert.equal(updateFrontmatter('# Note\n', { tags: ['x'] }), '---\ntags:\n  - x\n---\n# Note\n')
  assert.equal(updateFrontmatter('\ufeffbody', { a: 1 }), '\ufeff---\na: 1\n---\nbody')
  assert.equal(updateFrontmatter('line\r\nline\r\n', { a: 1 }), '---\r\na: 1\r\n---\r\nline\r\nline\r\n')
})

test('updateFrontmatter removes the block when its last key is deleted', () => {
  assert.equal(updateFrontmatter('---\na: 1\n---\nbody', { a: null }), 'body')
  assert.equal(
    updateFrontmatter('\ufeff---\r\na: 1\r\nb: 2\r\n---\r\nbody', { a: null, b: undefined }),
    '\ufeffbody',
  )
})

test('updateFrontmatter leaves a note without frontmatter alone when only deleting', () => {
  assert.equal(updateFrontmatter('body', { a: null }), 'body')
})

test('updateFrontmatter refuses to replace a value that an alias elsewhere refers to', () => {
  assert.throws(() => updateFrontmatter(note('base: &b one\ncopy: *b\n'), { base: 'two' }), InvalidInputError)
})

const invalid: Array<{ name: string; yaml: string }> = [
  { name: 'an unclosed flow list', yaml: 'a: [x\n' },
  { name: 'an unclosed quote', yaml: 'a: "x\n' },
  { name: 'a list at the top', yaml: '- a\n' },
  { name: 'a plain string', yaml: 'just text\n' },
  { name: 'a duplicate key', yaml: 'a: 1\na: 2\n' },
  { name: 'a tab used as indentation', yaml: 'a:\n\t- x\n' },
  { name: 'an alias to a missing anchor', yaml: 'a: *nowhere\n' },
]

for (const { name, yaml } of invalid) {
  test(`updateFrontmatter refuses to edit a block with ${name}`, () => {
    assert.throws(() => updateFrontmatter(note(yaml), { b: 1 }), InvalidInputError)
  })
}
