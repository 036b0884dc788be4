import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Agent, AgentEvent, AgentRequest } from '../agent/events.ts'
import { UnavailableError, UpstreamError } from '../errors.ts'
import { runAsk, summarizeInput } from './ask.ts'

function scriptedAgent(events: AgentEvent[], ready = true) {
  const requests: AgentRequest[] = []
  const agent: Agent = {
    modelId: 'anthropic:test',
    assertReady() {
      if (!ready) throw new UnavailableError('Set ANTHROPIC_API_KEY to use anthropic:test.')
    },
    async *run(request) {
      requests.push(request)
      yield* events
    },
  }
  return { agent, requests }
}

async function ask(agent: Agent, question = 'What is new?') {
  let output = ''
  const code = await runAsk(question, {
    agent,
    write: (text) => {
      output += text
    },
    signal: new AbortController().signal,
  })
  return { code, output }
}

const usage = { inputTokens: 120, outputTokens: 30 }

test('the answer is streamed with tool calls as they happen, then the tokens used', async () => {
  const { agent, requests } = scriptedAgent([
    { type: 'step-start', step: 1 },
    { type: 'text-delta', text: 'Let me look.' },
    {
      type: 'tool-call-start',
      toolCallId: 't1',
      toolName: 'obsidian_query_vault',
      input: { operation: 'search_text', query: 'weekly review' },
    },
    {
      type: 'tool-call-end',
      toolCallId: 't1',
      toolName: 'obsidian_query_vault',
      result: { success: true, operation: 'search_text' },
      durationMs: 12,
    },
    {
      type: 'tool-call-start',
      toolCallId: 't2',
      toolName: 'obsidian_manage_notes',
      input: { operation: 'read', path: 'Nope.md' },
    },
    {
      type: 'tool-call-end',
      toolCallId: 't2',
      toolName: 'obsidian_manage_notes',
      result: { success: false, operation: 'read', message: 'Note not found: Nope.md' },
      durationMs: 1,
    },
    { type: 'usage', usage },
    { type: 'step-start', step: 2 },
    { type: 'text-delta', text: 'Found [[Weekly]].' },
    { type: 'end', finishReason: 'stop', usage },
  ])

  const { code, output } = await ask(agent)

  assert.equal(code, 0)
  assert.equal(
    output,
    [
      'Let me look.',
      '→ obsidian_query_vault search_text "weekly review"',
      '✓ obsidian_query_vault search_text (12 ms)',
      '→ obsidian_manage_notes read Nope.md',
      '✗ obsidian_manage_notes read: Note not found: Nope.md',
      '',
      'Found [[Weekly]].',
      '',
      '120 input + 30 output tokens',
      '',
    ].join('\n'),
  )
  assert.equal(requests[0]?.prompt, 'What is new?')
  assert.equal(requests[0]?.source.kind, 'cli')
})

test('a provider error is printed and exits with 1', async () => {
  const { agent } = scriptedAgent([
    {
      type: 'error',
      error: new UpstreamError('rate_limit', 'The model provider is rate-limiting requests.'),
    },
    { type: 'end', finishReason: 'error', usage: { inputTokens: 0, outputTokens: 0 } },
  ])

  const { code, output } = await ask(agent)

  assert.equal(code, 1)
  assert.match(output, /Error: The model provider is rate-limiting requests\./)
})

test('an interrupted run says so and exits with 130', async () => {
  const { agent } = scriptedAgent([
    { type: 'text-delta', text: 'Partial' },
    { type: 'end', finishReason: 'aborted', usage },
  ])

  const { code, output } = await ask(agent)

  assert.equal(code, 130)
  assert.match(output, /^Partial\n\n\(Interrupted\.\)\n/)
})

test('a cut answer says the limit was reached', async () => {
  const { agent } = scriptedAgent([{ type: 'end', finishReason: 'length', usage }])

  const { code, output } = await ask(agent)

  assert.equal(code, 0)
  assert.match(output, /limit reached/)
})

test('an agent that is not ready prints what to set and exits with 1', async () => {
  const { agent, requests } = scriptedAgent([], false)

  const { code, output } = await ask(agent)

  assert.equal(code, 1)
  assert.match(output, /ANTHROPIC_API_KEY/)
  assert.equal(requests.length, 0)
})

test('an empty question is refused with exit code 2', async () => {
  const { agent } = scriptedAgent([])

  assert.equal((await ask(agent, '  ')).code, 2)
})

const summaries = [
  { input: { operation: 'search_text', query: 'x' }, expected: 'search_text "x"' },
  { input: { operation: 'find_by_tag', tags: ['a', 'b'] }, expected: 'find_by_tag #a #b' },
  {
    input: { operation: 'move', path: 'a.md', new_path: 'b/a.md', dry_run: true },
    expected: 'move a.md → b/a.md (dry run)',
  },
  { input: { operation: 'append', bulk: true, items: [{}, {}] }, expected: 'append (2 items)' },
  { input: 'not an object', expected: '' },
  {
    input: { operation: 'search_text', query: 'y'.repeat(200) },
    expected: `search_text "${'y'.repeat(66)}…`,
  },
]

for (const { input, expected } of summaries) {
  test(`a tool call is summarised as ${JSON.stringify(expected).slice(0, 40)}`, () => {
    assert.equal(summarizeInput(input), expected)
  })
}
