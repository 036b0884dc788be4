import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import { describe, test } from 'node:test'
import OpenAI from 'openai'
import { buildTestApp, parseSseData, TEST_API_KEY, type TestAppOptions } from '../helpers/build-test-app.ts'
import { DEFAULT_USAGE } from '../helpers/fake-agent.ts'

async function listen(t: TestContext, options: TestAppOptions = {}) {
  const built = await buildTestApp(t, options)
  const address = await built.app.listen({ host: '127.0.0.1', port: 0 })
  const client = new OpenAI({ apiKey: TEST_API_KEY, baseURL: `${address}/v1`, maxRetries: 0 })
  return { ...built, address, client }
}

describe('the official openai client against a listening server', () => {
  test('chat.completions.create without streaming returns the answer', async (t) => {
    const { client } = await listen(t)
    const completion = await client.chat.completions.create({
      model: 'jasque',
      messages: [{ role: 'user', content: 'Hello?' }],
    })
    assert.equal(completion.choices[0]?.message.content, 'Hello world')
    assert.equal(completion.choices[0]?.finish_reason, 'stop')
    assert.equal(completion.usage?.total_tokens, 17)
  })

  test('chat.completions.create with stream: true yields the deltas and the usage', async (t) => {
    const { client } = await listen(t)
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hello?' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let finishReason: string | null | undefined
    let totalTokens: number | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason
      totalTokens = chunk.usage?.total_tokens ?? totalTokens
    }
    assert.equal(text, 'Hello world')
    assert.equal(finishReason, 'stop')
    assert.equal(totalTokens, 17)
  })

  test('the .stream() helper assembles the final completion', async (t) => {
    const { client } = await listen(t)
    const runner = client.chat.completions.stream({
      model: 'jasque',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    const final = await runner.finalChatCompletion()
    assert.equal(final.choices[0]?.message.content, 'Hello world')
    assert.equal(final.model, 'jasque')
  })

  test('a provider failure reaches the client as an APIError with the status', async (t) => {
    const { client } = await listen(t, { notReady: 'ANTHROPIC_API_KEY is not set' })
    await assert.rejects(
      client.chat.completions.create({
        model: 'jasque',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      }),
      (error: unknown) =>
        error instanceof OpenAI.APIError && error.status === 503 && /ANTHROPIC_API_KEY/.test(error.message),
    )
  })

  test('an error after streaming started surfaces as an error in the client, not as text', async (t) => {
    const { client } = await listen(t, {
      script: [
        { type: 'text-delta', text: 'Part' },
        {
          type: 'error',
          error: new (await import('../../src/errors.ts')).UpstreamError('failure', 'Provider broke'),
        },
        { type: 'end', finishReason: 'error', usage: DEFAULT_USAGE },
      ],
    })
    const stream = await client.chat.completions.create({
      model: 'jasque',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    })
    let text = ''
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    }, /Provider broke/)
    assert.equal(text, 'Part')
  })
})

describe('Obsidian Copilot', () => {
  test('its preflight and streaming request work as Copilot sends them', async (t) => {
    const { address, agent } = await listen(t)
    const preflight = await fetch(`${address}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'app://obsidian.md',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization,content-type,x-stainless-arch,x-stainless-lang,x-stainless-os,x-stainless-package-version,x-stainless-retry-count,x-stainless-runtime,x-stainless-runtime-version,x-stainless-timeout',
      },
    })
    assert.equal(preflight.status, 204)
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'app://obsidian.md')
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /x-stainless-timeout/)

    const response = await fetch(`${address}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        origin: 'app://obsidian.md',
        authorization: `Bearer ${TEST_API_KEY}`,
        'content-type': 'application/json',
        'user-agent': 'OpenAI/JS 4.73.1',
        'x-stainless-os': 'MacOS',
        'x-stainless-lang': 'js',
        'x-stainless-retry-count': '0',
      },
      body: JSON.stringify({
        model: 'jasque',
        temperature: 0.1,
        max_tokens: 6000,
        stream: true,
        messages: [
          { role: 'system', content: 'You are Obsidian Copilot.' },
          { role: 'user', content: [{ type: 'text', text: 'Summarise [[Daily]]' }] },
        ],
      }),
    })
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('access-control-allow-origin'), 'app://obsidian.md')
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /X-Request-ID/i)
    assert.ok(response.headers.get('x-request-id'))
    const data = parseSseData(await response.text())
    assert.equal(data.at(-1), '[DONE]')
    assert.equal(agent.calls[0]?.request.prompt, 'Summarise [[Daily]]')
    assert.deepEqual(agent.calls[0]?.request.clientInstructions, ['You are Obsidian Copilot.'])
  })
})

describe('client disconnect', () => {
  for (const stream of [true, false]) {
    test(`closing the connection aborts the agent's signal (stream: ${stream})`, async (t) => {
      const { address, agent } = await listen(t, {
        script: [
          { type: 'text-delta', text: 'Working' },
          { type: 'tool-call-start', toolCallId: 'c1', toolName: 'obsidian_manage_notes', input: {} },
          { type: 'delay', ms: 10_000 },
          { type: 'text-delta', text: 'never' },
          { type: 'end', finishReason: 'stop', usage: DEFAULT_USAGE },
        ],
      })
      const controller = new AbortController()
      const response = fetch(`${address}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'go' }], stream }),
        signal: controller.signal,
      })
      if (stream) {
        const reader = (await response).body!.getReader()
        await reader.read()
      } else {
        response.catch(() => {})
        while (agent.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
      }
      controller.abort()
      const call = agent.calls[0]!
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        call.done,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('agent run was not aborted')), 3000)
        }),
      ]).finally(() => clearTimeout(timer))
      assert.equal(call.signal.aborted, true)
    })
  }
})
