import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isOriginAllowed, selectAllowedHeaders } from './cors.ts'

const defaults = ['app://obsidian.md', 'http://localhost', 'http://127.0.0.1']

const cases: Array<[string, readonly string[], boolean]> = [
  ['app://obsidian.md', defaults, true],
  ['http://localhost', defaults, true],
  ['http://localhost:5173', defaults, true],
  ['http://127.0.0.1:8080', defaults, true],
  ['https://localhost:5173', defaults, false],
  ['http://localhost.evil.com', defaults, false],
  ['http://evil.com', defaults, false],
  ['null', defaults, false],
  ['', defaults, false],
  ['http://localhost:5173', ['http://localhost:3000'], false],
  ['http://localhost:3000', ['http://localhost:3000'], true],
  ['https://anything.example', ['*'], true],
]

for (const [origin, allowed, expected] of cases) {
  test(`origin "${origin}" is ${expected ? 'allowed' : 'refused'} by [${allowed.join(', ')}]`, () => {
    assert.equal(isOriginAllowed(origin, allowed), expected)
  })
}

test('preflights allow the usual headers and every x-stainless header asked for, nothing else', () => {
  const headers = selectAllowedHeaders(
    'authorization, content-type, x-stainless-os, X-Stainless-Retry-Count, x-evil',
  )
  assert.ok(headers.includes('authorization'))
  assert.ok(headers.includes('content-type'))
  assert.ok(headers.includes('x-stainless-os'))
  assert.ok(headers.includes('x-stainless-retry-count'))
  assert.ok(!headers.includes('x-evil'))
})
