import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { BaseFileRow } from './base-values.ts'
import { parsePropertyTypes } from './property-types.ts'
import { findBaseBlock, runBase } from './run-base.ts'

const row: BaseFileRow = {
  path: 'Books/Dune.md',
  size: 120,
  mtimeMs: new Date(2025, 0, 10, 12).getTime(),
  ctimeMs: new Date(2024, 11, 1).getTime(),
  tags: ['book', 'scifi/classic'],
  links: ['Authors/Frank Herbert.md'],
  properties: { price: 10, title: 'dune messiah', cast: ['Paul', 'Jessica'], started: '2024-12-01' },
}

const options = {
  now: new Date(2025, 0, 15, 9, 30),
  types: parsePropertyTypes({ types: { started: 'date' } }),
  resolveLink: (text: string) => (text === 'Frank Herbert' ? 'Authors/Frank Herbert.md' : text),
}

/** The value of one formula for the row. */
function formula(expression: string): unknown {
  const yaml = `formulas:\n  f: '${expression.replaceAll("'", "''")}'\nviews:\n  - type: table\n    order: [formula.f]\n`
  return runBase(yaml, [row], options).rows[0]?.values['formula.f']
}

const cases: [string, unknown][] = [
  ['date("2024-12-01") + "1M" + "4h" + "3m"', '2025-01-01T04:03:00'],
  ['(date("2024-12-02") - date("2024-12-01"))', 86_400_000],
  ['today()', '2025-01-15'],
  ['today() + "1 week"', '2025-01-22'],
  ['now() - "2h"', '2025-01-15T07:30:00'],
  ['started + "1y"', '2025-12-01'],
  ['started.year + started.month + started.day', 2037],
  ['started.format("dddd D MMMM")', 'Sunday 1 December'],
  ['file.mtime > now() - "1 week"', true],
  ['file.ctime < date("2024-12-02")', true],
  ['(price * 3 + 1) % 7', 3],
  ['price / 4', 2.5],
  ['-price', -10],
  ['title.title() + "!"', 'Dune Messiah!'],
  ['title.split(" ").reverse().join("-")', 'messiah-dune'],
  ['title.slice(0, 4).upper().repeat(2)', 'DUNEDUNE'],
  ['title.length', 12],
  ['cast[1]', 'Jessica'],
  ['cast.contains("Paul") && !cast.isEmpty()', true],
  ['note["price"].toFixed(1)', '10.0'],
  ['file.hasTag("scifi") && file.hasTag("#book")', true],
  ['file.hasTag("sci")', false],
  ['file.hasLink("Frank Herbert")', true],
  ['file.inFolder("Books") && !file.inFolder("Boo")', true],
  ['file.basename + "." + file.ext', 'Dune.md'],
  ['file.size', 120],
  ['missing.toFixed(2)', null],
  ['if(missing, "yes", "no")', 'no'],
  ['max(price, 12, 3) - min(4, price)', 8],
  ['number("3.5") + list(1).length', 4.5],
]

for (const [expression, expected] of cases) {
  test(`Bases formula ${expression} gives ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(formula(expression), expected)
  })
}

test('a formula that refers to itself is an error, not a value', () => {
  const yaml = "formulas:\n  a: 'formula.b + 1'\n  b: 'formula.a'\nviews:\n  - order: [formula.a]\n"
  assert.throws(() => runBase(yaml, [row], options), /refers to itself/)
})

test('a filter object with an unknown key is refused', () => {
  assert.throws(
    () => runBase('filters:\n  xor: []\n', [row], options),
    /use a statement, or one of and\/or\/not/,
  )
})

test('findBaseBlock returns the first base code block of a note', () => {
  assert.equal(findBaseBlock('# T\n```js\nx\n```\n```base\nviews: []\n```\n'), 'views: []\n')
  assert.equal(findBaseBlock('no block'), null)
})
