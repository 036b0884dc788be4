import assert from 'node:assert/strict'
import { test } from 'node:test'
import { UnavailableError } from '../errors.ts'
import { isConnectionError, toStoreError } from './unavailable.ts'

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

const cases: { name: string; error: unknown; expected: boolean }[] = [
  { name: 'a refused connection', error: withCode('connect ECONNREFUSED', 'ECONNREFUSED'), expected: true },
  { name: 'a reset connection', error: withCode('read ECONNRESET', 'ECONNRESET'), expected: true },
  { name: 'an admin shutdown', error: withCode('terminating connection', '57P01'), expected: true },
  {
    name: 'a server starting up',
    error: withCode('the database system is starting up', '57P03'),
    expected: true,
  },
  { name: 'a dropped connection', error: new Error('Connection terminated unexpectedly'), expected: true },
  { name: 'a pool timeout', error: new Error('timeout exceeded when trying to connect'), expected: true },
  {
    name: 'a wrapped refusal',
    error: new Error('Failed query', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
    expected: true,
  },
  {
    name: 'refusals on every address',
    error: new AggregateError([withCode('connect ECONNREFUSED ::1', 'ECONNREFUSED')]),
    expected: true,
  },
  { name: 'a unique violation', error: withCode('duplicate key value', '23505'), expected: false },
  { name: 'a syntax error', error: withCode('syntax error at or near', '42601'), expected: false },
  { name: 'a plain error', error: new Error('boom'), expected: false },
  { name: 'a string', error: 'boom', expected: false },
]

for (const { name, error, expected } of cases) {
  test(`${name} ${expected ? 'means' : 'does not mean'} the database is unavailable`, () => {
    assert.equal(isConnectionError(error), expected)
  })
}

test('connection errors become UnavailableError with the innermost message', () => {
  const error = toStoreError(
    new Error('Failed query: select 1', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
  )
  assert.ok(error instanceof UnavailableError)
  assert.equal(error.message, 'database unavailable: connect ECONNREFUSED')
  assert.equal(error.status, 503)
})

test('other errors pass through unchanged', () => {
  const original = withCode('duplicate key value', '23505')
  assert.equal(toStoreError(original), original)
})
