/**
 * Hostile and malformed request bodies, generated from a seeded PRNG so a failure can be replayed
 * (set FUZZ_SEED). The API must never answer 5xx or crash, and every non-200 body is OpenAI's error.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp } from '../helpers/build-test-app.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125)
const RANDOM_CASES = 400

// mulberry32: small, fast, good enough to spread cases.
function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296
  }
}

interface FuzzCase {
  name: string
  payload: string | Buffer
  contentType?: string
  url?: string
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']
const FIELDS = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'tools',
  'user',
]
const MESSAGE_FIELDS = ['role', 'content', 'tool_calls', 'tool_call_id', 'name']

function createGenerators(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const integer = (max: number) => Math.floor(random() * max)

  const randomString = (): string => {
    const kind = integer(6)
    if (kind === 0) return ''
    if (kind === 1) return 'x'.repeat(integer(100_000))
    if (kind === 2) return String.fromCharCode(...Array.from({ length: 20 }, () => integer(0xffff)))
    if (kind === 3)
      return pick(['user', 'assistant', 'system', 'tool', 'developer', 'function', 'root', 'USER'])
    if (kind === 4) return pick(HOSTILE_KEYS)
    return '\u0000\ud800 <script>{"a":'
  }

  const randomValue = (depth = 0): unknown => {
    const kind = integer(depth > 4 ? 6 : 9)
    if (kind === 0) return null
    if (kind === 1) return random() < 0.5
    if (kind === 2) return pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 31, 3])
    if (kind === 3 || kind === 4) return randomString()
    if (kind === 5) return pick([[], {}, [[]], [{}]])
    if (kind === 6) return Array.from({ length: integer(5) }, () => randomValue(depth + 1))
    const entries = Array.from({ length: integer(5) }, () => [
      pick([...FIELDS, ...MESSAGE_FIELDS, ...HOSTILE_KEYS, 'type', 'text', 'function', 'arguments']),
      randomValue(depth + 1),
    ])
    return Object.fromEntries(entries)
  }

  const validMessage = () => ({ role: 'user', content: 'hello' })

  const mutatedBody = (): Record<string, unknown> => {
    const body: Record<string, unknown> = {
      model: 'jasque',
      messages: [validMessage()],
      stream: random() < 0.3,
    }
    const target = integer(3)
    if (target === 0) body[pick(FIELDS)] = randomValue()
    else if (target === 1) {
      const message: Record<string, unknown> = { ...validMessage(), [pick(MESSAGE_FIELDS)]: randomValue() }
      body.messages = [message]
    } else {
      body.messages = [
        validMessage(),
        {
          role: 'assistant',
          content: randomValue(),
          tool_calls: [
            {
              id: randomValue(),
              type: 'function',
              function: { name: randomValue(), arguments: randomValue() },
            },
          ],
        },
        validMessage(),
      ]
    }
    return body
  }

  return { randomValue, mutatedBody, pick, integer }
}

function deepNesting(depth: number, open: string, close: string): string {
  return `{"messages":[{"role":"user","content":"x"}],"extra":${open.repeat(depth)}1${close.repeat(depth)}}`
}

function buildCases(): FuzzCase[] {
  const random = createRandom(SEED)
  const { randomValue, mutatedBody, pick, integer } = createGenerators(random)
  const cases: FuzzCase[] = []
  for (let index = 0; index < RANDOM_CASES; index++) {
    const body = index % 2 === 0 ? randomValue() : mutatedBody()
    cases.push({ name: `random #${index}`, payload: JSON.stringify(body) ?? 'null' })
  }
  // Wrong types at every field, systematically.
  const wrongValues: unknown[] = [null, 0, -5, 1e308, true, 'text', [], {}, [1, 'a'], { a: { b: {} } }]
  for (const field of FIELDS) {
    for (const value of wrongValues) {
      cases.push({
        name: `${field} = ${JSON.stringify(value)}`,
        payload: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], [field]: value }),
      })
    }
  }
  for (const field of MESSAGE_FIELDS) {
    for (const value of wrongValues) {
      cases.push({
        name: `messages[0].${field} = ${JSON.stringify(value)}`,
        payload: JSON.stringify({ messages: [{ role: 'user', content: 'x', [field]: value }] }),
      })
    }
  }
  // Prototype pollution attempts, as raw text because JSON.stringify drops __proto__ keys.
  for (const key of HOSTILE_KEYS) {
    cases.push({
      name: `top-level ${key}`,
      payload: `{"${key}":{"polluted":true},"messages":[{"role":"user","content":"x"}]}`,
    })
    cases.push({
      name: `message ${key}`,
      payload: `{"messages":[{"role":"user","content":"x","${key}":{"polluted":true}}]}`,
    })
    cases.push({
      name: `constructor.prototype under ${key}`,
      payload: `{"messages":[{"role":"user","content":"x"}],"${key}":{"constructor":{"prototype":{"polluted":true}}}}`,
    })
  }
  // Deep nesting and big values.
  for (const depth of [100, 1000, 10_000, 100_000]) {
    cases.push({ name: `array nesting ${depth}`, payload: deepNesting(depth, '[', ']') })
    cases.push({ name: `object nesting ${depth}`, payload: deepNesting(depth, '{"a":', '}') })
    cases.push({
      name: `nested content parts ${depth}`,
      payload: `{"messages":[{"role":"user","content":${'['.repeat(depth)}${']'.repeat(depth)}}]}`,
    })
  }
  cases.push({
    name: 'many messages',
    payload: JSON.stringify({
      messages: Array.from({ length: 50_000 }, () => ({ role: 'user', content: 'x' })),
    }),
  })
  cases.push({
    name: 'huge string',
    payload: JSON.stringify({ messages: [{ role: 'user', content: 'y'.repeat(5_000_000) }] }),
  })
  cases.push({
    name: 'huge number literal',
    payload: `{"messages":[{"role":"user","content":"x"}],"temperature":1${'0'.repeat(5000)}}`,
  })
  // Invalid UTF-8 and binary.
  const invalidUtf8 = Buffer.concat([
    Buffer.from('{"messages":[{"role":"user","content":"'),
    Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]),
    Buffer.from('"}]}'),
  ])
  cases.push({ name: 'invalid UTF-8 in a string', payload: invalidUtf8 })
  for (let index = 0; index < 20; index++) {
    cases.push({
      name: `random bytes #${index}`,
      payload: Buffer.from(Array.from({ length: integer(2000) }, () => integer(256))),
    })
  }
  // Not JSON at all.
  const notJson = [
    '',
    ' ',
    '{',
    '}',
    '[',
    'null',
    'true',
    '0',
    '"text"',
    'undefined',
    "{'a':1}",
    '{"a":1,}',
    '{"messages":[}',
    'NaN',
    '\u0000',
    '<xml/>',
    '{"messages": [{"role": "user", "content": "x"}]} trailing',
  ]
  for (const payload of notJson) cases.push({ name: `not JSON ${JSON.stringify(payload)}`, payload })
  // Wrong content types.
  const valid = JSON.stringify({ messages: [{ role: 'user', content: 'x' }] })
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/octet-stream',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'application/jsonx',
    'invalid content type',
    '',
  ]) {
    cases.push({ name: `content-type ${JSON.stringify(contentType)}`, payload: valid, contentType })
  }
  // The other body route gets random bodies too.
  for (let index = 0; index < 40; index++) {
    cases.push({
      name: `chat/test random #${index}`,
      url: '/api/v1/chat/test',
      payload: JSON.stringify(index % 2 === 0 ? randomValue() : { message: randomValue() }) ?? 'null',
    })
  }
  cases.push({
    name: 'random pick sanity',
    payload: JSON.stringify({ messages: [{ role: pick(['user']), content: 'x' }] }),
  })
  return cases
}

test(`hostile request bodies never cause a 5xx or a crash (seed ${SEED})`, async (t) => {
  const { app, auth } = await buildTestApp(t)
  const cases = buildCases()
  assert.ok(cases.length >= 500, `only ${cases.length} cases`)
  const statuses = new Map<number, number>()
  for (const fuzzCase of cases) {
    const headers: Record<string, string> = { ...auth }
    if (fuzzCase.contentType !== undefined) headers['content-type'] = fuzzCase.contentType
    else headers['content-type'] = 'application/json'
    const response = await app.inject({
      method: 'POST',
      url: fuzzCase.url ?? '/v1/chat/completions',
      headers,
      payload: fuzzCase.payload,
    })
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
    assert.ok(
      response.statusCode < 500,
      `${fuzzCase.name}: status ${response.statusCode} ${response.body.slice(0, 300)}`,
    )
    if (response.statusCode !== 200) {
      const body = JSON.parse(response.body) as { error?: Record<string, unknown> }
      assert.equal(typeof body.error?.message, 'string', `${fuzzCase.name}: ${response.body.slice(0, 200)}`)
      assert.equal(typeof body.error?.type, 'string')
      assert.ok(body.error && 'param' in body.error && 'code' in body.error, fuzzCase.name)
    }
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was not polluted')
  t.diagnostic(`${cases.length} cases; statuses ${JSON.stringify(Object.fromEntries(statuses))}`)
  const health = await app.inject({ method: 'GET', url: '/health' })
  assert.equal(health.statusCode, 200)
})
