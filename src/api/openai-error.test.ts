import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AppError, InvalidInputError, UnavailableError, UpstreamError } from '../errors.ts'
import { translateError } from './openai-error.ts'

const cases: Array<[string, unknown, number, string, string | null]> = [
  ['invalid input', new InvalidInputError('bad'), 400, 'invalid_request_error', 'invalid_input'],
  [
    'a provider rate limit',
    new UpstreamError('rate_limit', 'busy'),
    429,
    'rate_limit_error',
    'upstream_rate_limit',
  ],
  ['a provider failure', new UpstreamError('failure', 'down'), 502, 'upstream_error', 'upstream_failure'],
  ['a provider timeout', new UpstreamError('timeout', 'slow'), 504, 'upstream_error', 'upstream_timeout'],
  [
    'a missing key',
    new UnavailableError('Set ANTHROPIC_API_KEY'),
    503,
    'service_unavailable_error',
    'unavailable',
  ],
  [
    'a body over the limit',
    Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }),
    413,
    'invalid_request_error',
    'request_too_large',
  ],
  [
    'a JSON syntax error',
    Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 }),
    400,
    'invalid_request_error',
    'invalid_request_body',
  ],
  ['a plain bug', new TypeError('x is undefined'), 500, 'server_error', 'internal_error'],
  ['a thrown string', 'oops', 500, 'server_error', 'internal_error'],
  ['an AppError with status 500', new AppError('boom', 500, 'internal thing'), 500, 'server_error', 'boom'],
]

for (const [name, error, status, type, code] of cases) {
  test(`${name} becomes ${status} ${type}`, () => {
    const translated = translateError(error)
    assert.equal(translated.status, status)
    assert.equal(translated.body.error.type, type)
    assert.equal(translated.body.error.code, code)
    assert.equal(typeof translated.body.error.message, 'string')
  })
}

test('a bug never shows its message to the client', () => {
  const translated = translateError(new Error('password=hunter2 at /srv/app.ts:12'))
  assert.doesNotMatch(translated.body.error.message, /hunter2|srv/)
  assert.equal(translated.isInternal, true)
})
