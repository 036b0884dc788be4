import assert from 'node:assert/strict'
import { test } from 'node:test'
import { APICallError, RetryError } from 'ai'
import { createModelTimeoutError, toUpstreamError } from './upstream-error.ts'

const apiError = (statusCode: number | undefined) =>
  new APICallError({
    message: 'secret internals',
    url: 'https://api.example.com/v1/messages',
    requestBodyValues: {},
    ...(statusCode === undefined ? {} : { statusCode }),
  })

const cases: { name: string; error: unknown; kind: string; status: number }[] = [
  { name: 'HTTP 429', error: apiError(429), kind: 'rate_limit', status: 429 },
  { name: 'HTTP 408', error: apiError(408), kind: 'timeout', status: 504 },
  { name: 'HTTP 504', error: apiError(504), kind: 'timeout', status: 504 },
  { name: 'HTTP 529', error: apiError(529), kind: 'failure', status: 502 },
  { name: 'HTTP 500', error: apiError(500), kind: 'failure', status: 502 },
  { name: 'HTTP 401', error: apiError(401), kind: 'failure', status: 502 },
  { name: 'a broken 200 stream', error: apiError(200), kind: 'failure', status: 502 },
  {
    name: 'retries ending on a 429',
    error: new RetryError({
      message: 'Failed after 3 attempts',
      reason: 'maxRetriesExceeded',
      errors: [apiError(529), apiError(429)],
    }),
    kind: 'rate_limit',
    status: 429,
  },
  { name: 'a TimeoutError', error: new DOMException('late', 'TimeoutError'), kind: 'timeout', status: 504 },
  { name: 'anything else', error: new TypeError('fetch failed'), kind: 'failure', status: 502 },
]

for (const { name, error, kind, status } of cases) {
  test(`${name} becomes an upstream ${kind} (${status}) without internals`, () => {
    const upstream = toUpstreamError(error)

    assert.equal(upstream.kind, kind)
    assert.equal(upstream.status, status)
    assert.doesNotMatch(upstream.message, /secret|example\.com|fetch failed/)
    assert.equal(upstream.cause, error)
  })
}

test('our own model timeout says how long we waited', () => {
  const error = createModelTimeoutError(120_000)

  assert.equal(error.kind, 'timeout')
  assert.match(error.message, /120 s/)
})
