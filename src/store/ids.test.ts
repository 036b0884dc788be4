import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createIdGenerator, ID_PATTERN } from './ids.ts'

test('ids are 13 lowercase base32 characters', () => {
  const nextId = createIdGenerator()
  for (const time of [new Date(0), new Date('2026-01-01T00:00:00Z'), new Date('3000-01-01T00:00:00Z')]) {
    assert.match(nextId(time), ID_PATTERN)
  }
})

test('ids made in the same millisecond are unique and increasing', () => {
  const nextId = createIdGenerator()
  const time = new Date('2026-05-01T12:00:00Z')
  const ids = Array.from({ length: 5000 }, () => nextId(time))
  assert.equal(new Set(ids).size, ids.length)
  assert.deepEqual([...ids].sort(), ids)
})

test('ids sort by time across generators', () => {
  const first = createIdGenerator()(new Date('2026-05-01T12:00:00.000Z'))
  const second = createIdGenerator()(new Date('2026-05-01T12:00:00.001Z'))
  assert.ok(first < second)
})

test('ids keep increasing when the clock steps back', () => {
  const nextId = createIdGenerator()
  const later = nextId(new Date('2026-05-01T12:00:01Z'))
  const earlier = nextId(new Date('2026-05-01T12:00:00Z'))
  assert.ok(earlier > later)
})
