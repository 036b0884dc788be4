import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { UpstreamError } from '../../src/errors.ts'
import { buildTestApp } from '../helpers/build-test-app.ts'
import { answer, DEFAULT_USAGE } from '../helpers/fake-agent.ts'

const userMessage = { role: 'user', content: 'What is in my vault?' }

describe('POST /v1/chat/completions failures before any output', () => {
  const upstream: Array<[string, UpstreamError, number]> = [
    ['a provider rate limit', new UpstreamError('rate_limit', 'Provider rate limit reached'), 429],
    ['a provider failure', new UpstreamError('failure', 'Provider returned 500'), 502],
    ['a provider timeout', new UpstreamError('timeout', 'Provider timed out'), 504],
  ]
  for (const [name, error, status] of upstream) {
    for (const stream of [false, true]) {
      test(`${name} answers ${status} in OpenAI's shape (stream: ${stream})`, async (t) => {
        const { app, auth } = await buildTestApp(t, {
          script: [
            { type: 'step-start', step: 1 },
            { type: 'error', error },
            { type: 'end', finishReason: 'error', usage: DEFAULT_USAGE },
          ],
        })
        const response = await app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          headers: auth,
          payload: { messages: [userMessage], stream },
        })
        assert.equal(response.statusCode, status)
        assert.match(String(response.headers['content-type']), /application\/json/)
        assert.equal(response.json().error.message, error.message)
      })
    }
  }

  for (const stream of [false, true]) {
    test(`a missing provider key answers 503 naming the variable (stream: ${stream})`, async (t) => {
      const { app, agent, auth } = await buildTestApp(t, {
        notReady: 'ANTHROPIC_API_KEY is not set: set it in .env to chat with Jasque',
      })
      const response = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: auth,
        payload: { messages: [userMessage], stream },
      })
      assert.equal(response.statusCode, 503)
      assert.match(response.json().error.message, /ANTHROPIC_API_KEY/)
      assert.equal(response.json().error.type, 'service_unavailable_error')
      assert.equal(agent.calls.length, 0)
    })
  }

  test('a bug in the agent answers 500 without internals', async (t) => {
    const { app, auth } = await buildTestApp(t, {
      script: [{ type: 'throw', error: new Error('db password leaked in message') }],
    })
    for (const stream of [false, true]) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: auth,
        payload: { messages: [userMessage], stream },
      })
      assert.equal(response.statusCode, 500)
      assert.doesNotMatch(response.body, /password/)
      assert.equal(response.json().error.type, 'server_error')
    }
  })

  test('a request without a user message is a 400 with the spec message', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [{ role: 'system', content: 'x' }] },
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.message, 'No user message found in request')
    assert.equal(response.json().error.type, 'invalid_request_error')
  })

  test('a malformed tool call in the history is a 400 naming the message', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: {
        messages: [
          { role: 'user', content: 'a' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: '1', type: 'function', function: { name: 'x', arguments: '{' } }],
          },
          { role: 'user', content: 'b' },
        ],
      },
    })
    assert.equal(response.statusCode, 400)
    assert.equal(
      response.json().error.message,
      'Conversation history contains invalid data (malformed tool call at message 1). Please start a new conversation in Obsidian Copilot.',
    )
  })

  test('a run that outlives the request timeout answers 504', async (t) => {
    const { app, agent, auth } = await buildTestApp(t, {
      requestTimeoutMs: 1000,
      script: [{ type: 'delay', ms: 5000 }, ...answer('late')],
    })
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [userMessage] },
    })
    assert.equal(response.statusCode, 504)
    assert.equal(response.json().error.code, 'request_timeout')
    assert.equal(agent.calls[0]?.signal.aborted, true)
  })
})

describe('POST /api/v1/chat/test', () => {
  test('answers one message with response, model and usage', async (t) => {
    const { app, agent, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/chat/test',
      headers: auth,
      payload: { message: 'ping' },
    })
    assert.equal(response.statusCode, 200)
    assert.deepEqual(response.json(), {
      response: 'Hello world',
      model: 'fake:scripted',
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    })
    assert.equal(agent.calls[0]?.request.source.kind, 'api')
  })

  test('an empty or missing message is a 400', async (t) => {
    const { app, auth } = await buildTestApp(t)
    for (const payload of [{ message: '  ' }, {}, { message: 3 }]) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/chat/test', headers: auth, payload })
      assert.equal(response.statusCode, 400)
      assert.equal(response.json().error.type, 'invalid_request_error')
    }
  })
})
