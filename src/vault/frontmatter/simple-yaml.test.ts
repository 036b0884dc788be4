import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parse } from 'yaml'
import { parseSimpleYaml } from './simple-yaml.ts'

// Each input is read by the fast reader, and must give exactly what the yaml package gives.
const handled = [
  'title: Plain title\n',
  'title: "Quoted: with colon"\naliases: [\'It\'\'s\', "B"]\n',
  'tags: [project, idea, "2024-review"]\n',
  'tags:\n  - project\n  - area/work\n',
  'tags:\n- compact\n- list\n',
  'tags:\ncreated: 2024-05-01\n',
  'created: 2024-05-01\nupdated: 2024-05-01T10:30:00\n',
  'rating: 4\nzero: 0\ncount: 123456789012345\n',
  'flag: true\nother: False\nnothing: null\ntilde: ~\nempty:\n',
  'tags: a, b, c\n',
  'title: Café déjà vu ☕\nsource: "https://example.com/a#frag"\n',
  'multi word key: value\n',
  'title: a|b > c & d\n',
  'plus: +x\ndot: .foo\n',
  'x: 1\r\ny: [a, b]\r\n',
  'tags: []\n',
  '\n\ntitle: blank lines\n\n',
  'list:\n  - \n  - a\n',
  'version: 1.2.3\n',
  'weird: 2024-05-01 10:30\n',
]

for (const input of handled) {
  test(`parseSimpleYaml reads ${JSON.stringify(input)} exactly as yaml does`, () => {
    const fast = parseSimpleYaml(input)
    assert.notEqual(fast, undefined)
    assert.deepEqual(fast, parse(input))
  })
}

// Forms the fast reader must leave to the full parser.
const deferred = [
  'a: 1.5\n',
  'a: -3\n',
  'a: 0x1F\n',
  'a: 007\n',
  'a: "esc\\"aped"\n',
  'a: value # comment\n',
  '# comment\na: 1\n',
  'a:\n  b: 1\n',
  'a: |\n  text\n',
  'a: &anchor x\n',
  'a: !tag x\n',
  'a: [x, [y]]\n',
  'a: [x: y]\n',
  'a: {b: 1}\n',
  'a: 1\na: 2\n',
  'a:\n  - x\n    continued\n',
  'a:\n  - x\n   - y\n',
  'a:\tb\n',
  'a: "unclosed\n',
  'a: [unclosed\n',
  '- a\n- b\n',
  'a: .inf\n',
  '__proto__: x\n',
  'key: trailing:\n',
]

for (const input of deferred) {
  test(`parseSimpleYaml defers ${JSON.stringify(input)} to the full parser`, () => {
    assert.equal(parseSimpleYaml(input), undefined)
  })
}
