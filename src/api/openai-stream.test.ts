import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AgentEvent } from '../agent/index.ts'
import { UpstreamError } from '../errors.ts'
import { type CompletionStreamOptions, writeCompletionStream } from './openai-stream.ts'

const usage = { inputTokens: 4, outputTokens: 6 }

async function* play(events: Array<AgentEvent | { delay: number }>): AsyncGenerator<AgentEvent> {
  for (const event of events) {
    if ('delay' in event) await new Promise((resolve) => setTimeout(resolve, event.delay))
    else yield event
  }
}

async function run(
  events: Array<AgentEvent | { delay: number }>,
  options: Partial<CompletionStreamOptions> = {},
) {
  const frames: string[] = []
  let starts = 0
  const result = await writeCompletionStream(play(events), {
    id: 'chatcmpl-abc',
    created: 1,
    model: 'jasque',
    includeUsage: false,
    start: () => starts++,
    write: (frame) => frames.push(frame),
    ...options,
  })
  const data = frames
    .flatMap((frame) => frame.split('\n\n'))
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice(6).trim())
    .map((text) => (text === '[DONE]' ? text : JSON.parse(text)))
  return { result, frames, data, starts }
}

describe('writeCompletionStream', () => {
  test('a run becomes a role chunk, text deltas, a finish chunk and [DONE]', async () => {
    const { data, starts } = await run([
      { type: 'step-start', step: 1 },
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: ' there' },
      { type: 'end', finishReason: 'stop', usage },
    ])
    assert.equal(starts, 1)
    assert.deepEqual(
      data.map((chunk) => (chunk === '[DONE]' ? chunk : chunk.choices[0])),
      [
        { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null },
        { index: 0, delta: { content: 'Hi' }, finish_reason: null },
        { index: 0, delta: { content: ' there' }, finish_reason: null },
        { index: 0, delta: {}, finish_reason: 'stop' },
        '[DONE]',
      ],
    )
    for (const chunk of data.slice(0, -1)) {
      assert.equal(chunk.id, 'chatcmpl-abc')
      assert.equal(chunk.object, 'chat.completion.chunk')
    }
  })

  test('text of a later step is separated by a blank line', async () => {
    const { data } = await run([
      { type: 'step-start', step: 1 },
      { type: 'text-delta', text: 'Looking.' },
      { type: 'tool-call-start', toolCallId: 't1', toolName: 'obsidian_query_vault', input: {} },
      {
        type: 'tool-call-end',
        toolCallId: 't1',
        toolName: 'obsidian_query_vault',
        result: { success: true },
        durationMs: 1,
      },
      { type: 'step-start', step: 2 },
      { type: 'text-delta', text: 'Found it.' },
      { type: 'end', finishReason: 'stop', usage },
    ])
    const text = data
      .filter((chunk) => chunk !== '[DONE]')
      .map((chunk) => chunk.choices[0].delta.content ?? '')
      .join('')
    assert.equal(text, 'Looking.\n\nFound it.')
  })

  test('a running tool is announced with comment lines at the keep-alive interval', async () => {
    const { frames } = await run(
      [
        { type: 'tool-call-start', toolCallId: 't1', toolName: 'obsidian_query_vault', input: {} },
        { delay: 120 },
        {
          type: 'tool-call-end',
          toolCallId: 't1',
          toolName: 'obsidian_query_vault',
          result: { success: true },
          durationMs: 1,
        },
        { delay: 60 },
        { type: 'end', finishReason: 'stop', usage },
      ],
      { keepAliveMs: 20 },
    )
    const comments = frames.filter((frame) => frame === ': tool obsidian_query_vault\n\n')
    assert.ok(comments.length >= 3, `expected several comments, got ${comments.length}`)
    const afterEnd = frames.slice(frames.findLastIndex((frame) => frame.startsWith(':')) + 1)
    assert.ok(afterEnd.every((frame) => frame.startsWith('data: ')))
  })

  test('a usage chunk with no choices precedes [DONE] when asked for', async () => {
    const { data } = await run(
      [
        { type: 'text-delta', text: 'x' },
        { type: 'end', finishReason: 'length', usage },
      ],
      { includeUsage: true },
    )
    assert.equal(data.at(-3).choices[0].finish_reason, 'length')
    assert.deepEqual(data.at(-2).choices, [])
    assert.deepEqual(data.at(-2).usage, { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 })
    assert.equal(data.at(-1), '[DONE]')
  })

  test('an error before any output writes nothing and reports the error', async () => {
    const error = new UpstreamError('rate_limit', 'slow down')
    const { frames, result, starts } = await run([
      { type: 'step-start', step: 1 },
      { type: 'error', error },
      { type: 'end', finishReason: 'error', usage },
    ])
    assert.equal(starts, 0)
    assert.deepEqual(frames, [])
    assert.equal(result.error, error)
    assert.equal(result.isStarted, false)
  })

  test('an error after output is an error chunk then [DONE], never assistant text', async () => {
    const { data } = await run([
      { type: 'text-delta', text: 'partial' },
      { type: 'error', error: new UpstreamError('timeout', 'provider timed out') },
      { type: 'end', finishReason: 'error', usage },
    ])
    assert.deepEqual(data.at(-2), {
      error: { message: 'provider timed out', type: 'upstream_error', param: null, code: 'upstream_timeout' },
    })
    assert.equal(data.at(-1), '[DONE]')
    assert.equal(data.length, 4)
  })

  test('an iterator that throws after output ends the stream with a generic error chunk', async () => {
    async function* broken(): AsyncGenerator<AgentEvent> {
      yield { type: 'text-delta', text: 'a' }
      throw new Error('secret internal detail')
    }
    const frames: string[] = []
    const result = await writeCompletionStream(broken(), {
      id: 'x',
      created: 1,
      model: 'jasque',
      includeUsage: false,
      start: () => {},
      write: (frame) => frames.push(frame),
    })
    assert.equal(result.finishReason, 'error')
    assert.doesNotMatch(frames.join(''), /secret/)
    assert.match(frames.at(-1) ?? '', /"server_error"/)
  })

  test('an aborted run writes no closing frames', async () => {
    const { data } = await run([
      { type: 'text-delta', text: 'a' },
      { type: 'end', finishReason: 'aborted', usage },
    ])
    assert.equal(data.length, 2)
  })
})
