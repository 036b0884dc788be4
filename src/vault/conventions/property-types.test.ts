import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseFrontmatter, updateFrontmatter } from '../frontmatter/frontmatter.ts'
import { applyPropertyTypes, parsePropertyTypes } from './property-types.ts'

const types = parsePropertyTypes({
  types: {
    Status: 'text',
    cast: 'multitext',
    year: 'number',
    favorite: 'checkbox',
    due: 'date',
    start: 'datetime',
    nonsense: 'colour',
  },
})

test('parsePropertyTypes adds Obsidian default types and ignores unknown ones', () => {
  assert.equal(types.get('tags'), 'tags')
  assert.equal(types.get('aliases'), 'aliases')
  assert.equal(types.get('cssclasses'), 'multitext')
  assert.equal(types.get('status'), 'text')
  assert.equal(types.has('nonsense'), false)
  assert.deepEqual([...parsePropertyTypes('not json').keys()], ['tags', 'aliases', 'cssclasses'])
})

const conversions: [string, unknown, unknown][] = [
  ['status', 42, '42'],
  ['STATUS', true, 'true'],
  ['cast', 'Mark Hamill', ['Mark Hamill']],
  ['cast', ['A', 2], ['A', '2']],
  ['aliases', 'Alpha', ['Alpha']],
  ['cssclasses', 'wide', ['wide']],
  ['tags', '#project, urgent', ['project', 'urgent']],
  ['tags', ['#a/b', 'c d'], ['a/b', 'c', 'd']],
  ['year', '1977', 1977],
  ['year', 3.14, 3.14],
  ['favorite', 'TRUE', true],
  ['favorite', false, false],
  ['due', '2020-08-21', '2020-08-21'],
  ['due', '2020-08-21T10:30:00', '2020-08-21'],
  ['start', '2020-08-21T10:30', '2020-08-21T10:30:00'],
  ['start', '2020-08-21', '2020-08-21T00:00:00'],
  ['start', '2020-08-21T10:30:00+02:00', '2020-08-21T10:30:00'],
  ['untyped', ['x', 1], ['x', 1]],
  ['due', null, null],
]

for (const [key, value, expected] of conversions) {
  test(`applyPropertyTypes writes ${key}=${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(applyPropertyTypes({ [key]: value }, types), { [key]: expected })
  })
}

const refusals: [string, unknown, RegExp][] = [
  ['year', 'many', /'year' has the type number .*"many" cannot be converted: give a number/],
  ['year', '', /type number/],
  ['favorite', 'yes', /type checkbox .*give true or false/],
  ['due', '21/08/2020', /type date .*ISO date such as "2024-05-31"/],
  ['due', '2020-02-30', /type date/],
  ['start', 'noon', /type date & time/],
  ['status', ['a', 'b'], /type text .*single text value/],
  ['cast', [{ a: 1 }], /type list/],
  ['tags', '1984', /type tags .*non-numeric/],
]

for (const [key, value, message] of refusals) {
  test(`applyPropertyTypes refuses ${key}=${JSON.stringify(value)} naming the type`, () => {
    assert.throws(() => applyPropertyTypes({ [key]: value }, types), message)
  })
}

test('typed values round-trip through the frontmatter with the block style kept', () => {
  const note = '---\ntitle: x # keep\ncast:\n- Old\nyear: 1900\n---\nBody\n'
  const typed = applyPropertyTypes(
    {
      cast: 'Carrie Fisher',
      year: '1977',
      favorite: 'true',
      due: '2024-05-31',
      start: '2024-05-31T09:05',
      status: 7,
    },
    types,
  )
  const text = updateFrontmatter(note, typed)
  assert.equal(
    text,
    '---\ntitle: x # keep\ncast:\n- Carrie Fisher\nyear: 1977\nfavorite: true\ndue: 2024-05-31\nstart: 2024-05-31T09:05:00\nstatus: "7"\n---\nBody\n',
  )
  assert.deepEqual(parseFrontmatter(text).data, {
    title: 'x',
    cast: ['Carrie Fisher'],
    year: 1977,
    favorite: true,
    due: '2024-05-31',
    start: '2024-05-31T09:05:00',
    status: '7',
  })
})
