/**
 * A generated property test of the fast frontmatter reader: for many simple-looking YAML blocks
 * it either gives exactly what `yaml` gives (as parseFrontmatter would use it), or defers. The
 * seed is printed; replay a failure with JASQUE_TEST_SEED=<seed>.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseDocument } from 'yaml'
import { seededRandom } from '../../../test/helpers/test-seed.ts'
import { parseSimpleYaml } from './simple-yaml.ts'

const CASES = 5000

// Keys the core schema reads as something else (null, booleans, numbers), their case variants,
// quoted keys, keys that collide after normalisation, and plain ones.
const PLAIN_KEYS = ['title', 'tags', 'aliases', 'a', 'A', 'x_y', 'x-y', '_x', 'multi word', 'a-', 'a_']
const TRICKY_KEYS = [
  'multi  word',
  'null',
  'Null',
  'NULL',
  'nUll',
  '~',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'False',
  'FALSE',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '1',
  '01',
  '1.0',
  '-1',
  '0x1',
  '0o1',
  '1e3',
  '.inf',
  '.nan',
  'nan',
  'inf',
  'Infinity',
  '"title"',
  "'title'",
  '"null"',
  "'true'",
  '"a b"',
  '""',
  "''",
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '? a',
  'a#b',
  'a #b',
  '-a',
  '&k a',
  '!t a',
  'a:b',
  ' title',
  '  tags',
]
const TRICKY_SEPARATORS = [':', ':  ', ' : ', ':\t']
const PLAIN_VALUES = [
  '',
  'plain',
  'two words',
  'Café ☕',
  '"dq"',
  "'sq'",
  '1',
  'true',
  '[a, b]',
  '2024-05-01',
]
const TRICKY_VALUES = [
  "'it''s'",
  '"a\\"b"',
  '"a\'b"',
  "'a\"b'",
  '""',
  "''",
  '"',
  "'",
  '1',
  '0',
  '-1',
  '+1',
  '1.5',
  '007',
  '0x1F',
  '0o7',
  '1e3',
  '1_000',
  '123456789012345',
  '1234567890123456',
  '.inf',
  '-.inf',
  '.nan',
  '.5',
  '5.',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'null',
  'Null',
  'NULL',
  'nulls',
  '~',
  '~x',
  'yes',
  'no',
  'on',
  '2024-05-01',
  '2024-05-01T10:30:00',
  '10:30',
  'a: b',
  'a:b',
  'a #c',
  'a#c',
  '#c',
  'x:',
  '-',
  '- x',
  '-x',
  '?',
  '? x',
  '[a, b]',
  '[]',
  '[ ]',
  '[a, [b]]',
  '[a,b]',
  '[ "x", 1 ]',
  "['a', 'b']",
  '[a, ]',
  '[, a]',
  '[a: b]',
  '[a',
  '[a, null, true, 1]',
  '[~, Null, FALSE, 01]',
  '{a: 1}',
  '{}',
  '&a x',
  '*a',
  '!t x',
  '!!str 1',
  '|',
  '>',
  '|-',
  '@x',
  '`x',
  '%x',
  'a|b',
  'a > b',
  'a, b, c',
  'https://x.y/z#f',
  'a "q" b',
  "it's",
  '\\',
  'a\\b',
  'x ',
  ' x',
]
const ITEMS = ['a', 'b c', '1', '"q"', "'s'", 'null', 'true', '~', '', '[a]', 'a: b', '- nested', '#c', '1.5']
const INDENTS = ['', '', '  ', '  ', ' ', '    ', '\t']

function createGenerator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  // Mostly plain parts, so that many blocks take the fast path; tricky parts often enough to matter.
  const mostly = <T>(plain: readonly T[], tricky: readonly T[]): T =>
    random() < 0.75 ? pick(plain) : pick(tricky)
  function line(): string[] {
    const roll = random()
    if (roll < 0.04) return ['']
    if (roll < 0.06) return [pick(['# comment', '  # indented comment', '---', '...', '- top item'])]
    const key = mostly(PLAIN_KEYS, TRICKY_KEYS)
    if (roll < 0.25) {
      // A key followed by a block list (or nothing).
      const indent = pick(INDENTS)
      const count = Math.floor(random() * 4)
      const items = Array.from({ length: count }, () => {
        const item = mostly(['a', 'b c', '1', "'s'"], ITEMS)
        const itemIndent = random() < 0.05 ? pick(INDENTS) : indent
        return item === '' ? `${itemIndent}-` : `${itemIndent}- ${item}`
      })
      return [`${key}:`, ...items]
    }
    return [
      `${key}${mostly([': '], TRICKY_SEPARATORS)}${mostly(PLAIN_VALUES, TRICKY_VALUES)}${random() < 0.05 ? ' ' : ''}`,
    ]
  }
  return function block(): string {
    const lines: string[] = []
    const count = 1 + Math.floor(random() * 4)
    for (let i = 0; i < count; i++) lines.push(...line())
    const ending = random() < 0.1 ? '\r\n' : '\n'
    return lines.join(ending) + (random() < 0.8 ? ending : '')
  }
}

/** What parseFrontmatter makes of a block with the full parser: its data, or 'error'. */
function readWithYaml(raw: string): Record<string, unknown> | 'error' {
  const document = parseDocument(raw)
  if (document.errors.length > 0) return 'error'
  let value: unknown
  try {
    value = document.toJS()
  } catch {
    return 'error'
  }
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) return 'error'
  return value as Record<string, unknown>
}

test('generated simple YAML blocks: the fast reader equals yaml or defers', (t) => {
  const random = seededRandom(t)
  const block = createGenerator(random.next)
  let handled = 0
  for (let round = 0; round < CASES; round++) {
    const raw = block()
    const fast = parseSimpleYaml(raw)
    if (fast === undefined) continue
    handled++
    const label = `seed ${random.seed}, round ${round}: ${JSON.stringify(raw)}`
    const full = readWithYaml(raw)
    assert.notEqual(full, 'error', `${label}: yaml rejects it, the fast reader gave ${JSON.stringify(fast)}`)
    assert.deepEqual(fast, full, label)
  }
  // The generator must exercise the fast path, not only the fallback.
  t.diagnostic(`${handled} took the fast path`)
  assert.ok(handled > CASES / 10, `only ${handled} of ${CASES} blocks took the fast path`)
})

const KEY_CASES: [string, string][] = [
  ['null: a\n', 'a null key reads as the empty key'],
  ['~: a\n', 'a ~ key reads as the empty key'],
  ['NULL: 1\nnull: 2\n', 'two null keys are a duplicate'],
  ['true: 1\nTRUE: 2\n', 'two true keys are a duplicate'],
  ['False: x\n', 'a boolean key reads as "false"'],
]

for (const [input, what] of KEY_CASES) {
  test(`keys the core schema reads specially: ${what}, as yaml has it`, () => {
    const fast = parseSimpleYaml(input)
    if (fast === undefined) return
    assert.deepEqual(fast, readWithYaml(input))
  })
}
