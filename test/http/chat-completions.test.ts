import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { UpstreamError } from '../../src/errors.ts'
import { buildTestApp, parseSseData, type SseChunk } from '../helpers/build-test-app.ts'
import { answer, DEFAULT_USAGE } from '../helpers/fake-agent.ts'

const userMessage = { role: 'user', content: 'What is in my vault?' }

describe('POST /v1/chat/completions without streaming', () => {
  test('answers with the exact OpenAI completion shape as model jasque', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { model: 'gpt-4o', messages: [userMessage] },
    })
    assert.equal(response.statusCode, 200)
    const body = response.json()
    assert.match(body.id, /^chatcmpl-[0-9a-f]{24}$/)
    assert.equal(typeof body.created, 'number')
    assert.deepEqual(
      { ...body, id: 'x', created: 0 },
      {
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'jasque',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'Hello world' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
      },
    )
  })

  test('passes prompt, history, client instructions and options to the agent', async (t) => {
    const { app, agent, auth } = await buildTestApp(t)
    await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { ...auth, 'user-agent': 'obsidian-copilot' },
      payload: {
        messages: [
          { role: 'system', content: 'Answer in French.' },
          { role: 'user', content: 'one' },
          { role: 'assistant', content: 'un' },
          { role: 'user', content: [{ type: 'text', text: 'two' }] },
        ],
        temperature: 0.5,
        max_tokens: 300,
        tools: [{ type: 'function', function: { name: 'client_tool' } }],
        unknown_field: { anything: true },
      },
    })
    const request = agent.calls[0]?.request
    assert.equal(request?.prompt, 'two')
    assert.deepEqual(request?.history, [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'un' },
    ])
    assert.deepEqual(request?.clientInstructions, ['Answer in French.'])
    assert.deepEqual(request?.options, { temperature: 0.5, maxOutputTokens: 300 })
    assert.equal(request?.source.kind, 'chat')
    assert.match(request?.requestId ?? '', /.+/)
  })

  test('reports length when the step or token limit cut the answer', async (t) => {
    const { app, auth } = await buildTestApp(t, {
      script: [
        { type: 'text-delta', text: 'cut' },
        { type: 'end', finishReason: 'length', usage: DEFAULT_USAGE },
      ],
    })
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [userMessage] },
    })
    assert.equal(response.json().choices[0].finish_reason, 'length')
  })

  test('joins the text of several model steps with a blank line', async (t) => {
    const { app, auth } = await buildTestApp(t, {
      script: [
        { type: 'step-start', step: 1 },
        { type: 'text-delta', text: 'Searching.' },
        { type: 'step-start', step: 2 },
        { type: 'text-delta', text: 'Done.' },
        { type: 'end', finishReason: 'stop', usage: DEFAULT_USAGE },
      ],
    })
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [userMessage] },
    })
    assert.equal(response.json().choices[0].message.content, 'Searching.\n\nDone.')
  })
})

describe('POST /v1/chat/completions with streaming', () => {
  test('streams role chunk, deltas, finish chunk, usage chunk and [DONE] as server-sent events', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [userMessage], stream: true, stream_options: { include_usage: true } },
    })
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/event-stream/)
    assert.ok(response.headers['x-request-id'])
    const data = parseSseData(response.body)
    assert.equal(data.at(-1), '[DONE]')
    const chunks = data.slice(0, -1) as SseChunk[]
    const ids = new Set(chunks.map((chunk) => chunk.id))
    assert.equal(ids.size, 1)
    assert.equal(new Set(chunks.map((chunk) => chunk.created)).size, 1)
    assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant', content: '' })
    assert.deepEqual(
      chunks.slice(1, 3).map((chunk) => chunk.choices[0]?.delta.content),
      ['Hello', ' world'],
    )
    assert.deepEqual(chunks[3]?.choices[0], { index: 0, delta: {}, finish_reason: 'stop' })
    assert.deepEqual(chunks[4]?.choices, [])
    assert.deepEqual(chunks[4]?.usage, { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 })
    for (const chunk of chunks) {
      assert.equal(chunk.object, 'chat.completion.chunk')
      assert.equal(chunk.model, 'jasque')
      for (const choice of chunk.choices) {
        assert.ok(
          Object.values(choice.delta).every((value) => value !== null),
          'no null fields in deltas',
        )
      }
    }
  })

  test('keeps the stream alive with tool comment lines while a slow tool runs', async (t) => {
    const { app, auth } = await buildTestApp(t, {
      streamKeepAliveMs: 25,
      script: [
        { type: 'step-start', step: 1 },
        { type: 'tool-call-start', toolCallId: 'c1', toolName: 'obsidian_query_vault', input: {} },
        { type: 'delay', ms: 150 },
        {
          type: 'tool-call-end',
          toolCallId: 'c1',
          toolName: 'obsidian_query_vault',
          result: { success: true },
          durationMs: 150,
        },
        { type: 'step-start', step: 2 },
        ...answer('Found it.').slice(1),
      ],
    })
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [userMessage], stream: true },
    })
    const comments = response.body.split('\n').filter((line) => line === ': tool obsidian_query_vault')
    assert.ok(comments.length >= 3, `expected keep-alive comments, got ${comments.length}`)
    const data = parseSseData(response.body)
    assert.equal(data.at(-1), '[DONE]')
  })

  test('an error after streaming started is an error chunk followed by [DONE]', async (t) => {
    const { app, auth } = await buildTestApp(t, {
      script: [
        { type: 'text-delta', text: 'Partial' },
        { type: 'error', error: new UpstreamError('failure', 'The model provider failed') },
        { type: 'end', finishReason: 'error', usage: DEFAULT_USAGE },
      ],
    })
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [userMessage], stream: true },
    })
    assert.equal(response.statusCode, 200)
    const data = parseSseData(response.body)
    assert.deepEqual(data.at(-2), {
      error: {
        message: 'The model provider failed',
        type: 'upstream_error',
        param: null,
        code: 'upstream_failure',
      },
    })
    assert.equal(data.at(-1), '[DONE]')
    const text = (data.filter((chunk) => chunk !== '[DONE]' && chunk.choices) as SseChunk[])
      .map((chunk) => chunk.choices[0]?.delta.content ?? '')
      .join('')
    assert.equal(text, 'Partial')
  })
})
