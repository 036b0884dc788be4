import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isAuthorized } from './auth.ts'

const cases: Array<[string | undefined, boolean]> = [
  ['Bearer secret', true],
  ['bearer secret', true],
  ['Bearer   secret  ', true],
  ['Bearer secre', false],
  ['Bearer secrets', false],
  ['Bearer ', false],
  ['Basic secret', false],
  ['secret', false],
  ['', false],
  [undefined, false],
]

for (const [header, expected] of cases) {
  test(`Authorization ${JSON.stringify(header)} is ${expected ? 'accepted' : 'refused'}`, () => {
    assert.equal(isAuthorized(header, 'secret'), expected)
  })
}
