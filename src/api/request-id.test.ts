import assert from 'node:assert/strict'
import { test } from 'node:test'
import { resolveRequestId } from './request-id.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const kept = ['abc-123', 'trace:1.2_3', '0f9c0e2a-6d0b-4a8e-9d1e-2b3c4d5e6f70']
const replaced: unknown[] = [
  undefined,
  '',
  'has space',
  'a'.repeat(200),
  'new\nline',
  '<script>',
  ['a', 'b'],
  '-leading',
]

for (const value of kept) {
  test(`a valid incoming id "${value}" is kept`, () => assert.equal(resolveRequestId(value), value))
}
for (const value of replaced) {
  test(`an invalid incoming id ${JSON.stringify(value)?.slice(0, 30)} is replaced by a UUID`, () => {
    assert.match(resolveRequestId(value), uuid)
  })
}
