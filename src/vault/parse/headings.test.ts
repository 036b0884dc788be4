import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extractBlockIds, extractHeadings } from './headings.ts'

test('extractHeadings reads ATX headings with their level, text and line', () => {
  const text = '# Title\ntext #tag\n\n## Second ##\n   ### Indented\n#### C# notes\r\n###### Six\n'
  assert.deepEqual(extractHeadings(text), [
    { level: 1, text: 'Title', line: 1 },
    { level: 2, text: 'Second', line: 4 },
    { level: 3, text: 'Indented', line: 5 },
    { level: 4, text: 'C# notes', line: 6 },
    { level: 6, text: 'Six', line: 7 },
  ])
})

const notHeadings = [
  '#tag line',
  '####### seven',
  '    # four spaces',
  'text # not at start',
  '#',
  '## ',
  'a\n##',
]

for (const text of notHeadings) {
  test(`extractHeadings finds no heading in ${JSON.stringify(text)}`, () => {
    assert.deepEqual(extractHeadings(text), [])
  })
}

test('extractHeadings starts at the given line start', () => {
  const text = '---\n# not: heading\n---\n# Body'
  assert.deepEqual(extractHeadings(text, text.indexOf('# Body')), [{ level: 1, text: 'Body', line: 4 }])
})

test('extractBlockIds reads ids ending a line', () => {
  const text = 'Para ^abc-1\n- item ^Item2\r\n^solo\nmid ^no here\nword^glued\n^bad_id\n'
  assert.deepEqual(extractBlockIds(text), ['abc-1', 'Item2', 'solo'])
})

test('extractHeadings reads a heading on the first line after a BOM', () => {
  assert.deepEqual(extractHeadings('\ufeff# Title'), [{ level: 1, text: 'Title', line: 1 }])
})
