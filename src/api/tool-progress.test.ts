import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { AgentEvent } from '../agent/index.ts'
import { UpstreamError } from '../errors.ts'
import { writeCompletionStream } from './openai-stream.ts'
import { describeToolProgress } from './tool-progress.ts'

const cases: [string, unknown, string][] = [
  [
    'obsidian_manage_notes',
    { operation: 'edit', path: 'Projects/Plan.md', content: 'SECRET' },
    'manage_notes: edit Projects/Plan.md',
  ],
  ['obsidian_query_vault', { operation: 'search', query: 'SECRET words' }, 'query_vault: search'],
  [
    'obsidian_manage_structure',
    { operation: 'create_folder', folder: 'Archive\n2026' },
    'manage_structure: create_folder Archive 2026',
  ],
  ['obsidian_manage_notes', { operation: 'create', paths: ['a', 'b'] }, 'manage_notes: create 2 notes'],
  ['obsidian_history', { operation: 'undo', change_id: 'chg_1' }, 'history: undo chg_1'],
  ['custom', 'not an object', 'custom: call'],
]

for (const [tool, input, line] of cases) {
  test(`tool progress for ${JSON.stringify(input)} is "${line}"`, () => {
    assert.equal(describeToolProgress(tool, input), line)
  })
}

test('a long target is cut to one short line', () => {
  const line = describeToolProgress('obsidian_manage_notes', {
    operation: 'edit',
    path: `${'x'.repeat(300)}.md`,
  })
  assert.ok(line.length < 150)
  assert.ok(line.endsWith('…'))
})

async function stream(events: AgentEvent[], progress: 'think' | 'off') {
  let content = ''
  const frames: string[] = []
  async function* play() {
    yield* events
  }
  await writeCompletionStream(play(), {
    id: 'chatcmpl-1',
    created: 1,
    model: 'jasque',
    includeUsage: false,
    progress,
    start() {},
    write: (frame) => frames.push(frame),
  })
  for (const frame of frames.flatMap((text) => text.split('\n\n'))) {
    if (!frame.startsWith('data: {')) continue
    content += JSON.parse(frame.slice(6)).choices?.[0]?.delta?.content ?? ''
  }
  return { content, frames }
}

const usage = { inputTokens: 1, outputTokens: 1 }
const toolStart = (id: string, path: string): AgentEvent => ({
  type: 'tool-call-start',
  toolCallId: id,
  toolName: 'obsidian_query_vault',
  input: { operation: 'read_note', path },
})

test('consecutive tool calls share one <think> block, closed before the answer', async () => {
  const { content } = await stream(
    [
      { type: 'step-start', step: 1 },
      toolStart('a', 'A.md'),
      toolStart('b', 'B.md'),
      { type: 'step-start', step: 2 },
      { type: 'text-delta', text: 'Done.' },
      { type: 'end', finishReason: 'stop', usage },
    ],
    'think',
  )
  assert.equal(
    content,
    '<think>\nquery_vault: read_note A.md\nquery_vault: read_note B.md\n</think>\n\nDone.',
  )
})

test('a run that fails inside a tool round still closes its <think> block before the error', async () => {
  const { content, frames } = await stream(
    [
      toolStart('a', 'A.md'),
      { type: 'error', error: new UpstreamError('failure', 'The model is overloaded') },
      { type: 'end', finishReason: 'error', usage },
    ],
    'think',
  )
  assert.equal(content, '<think>\nquery_vault: read_note A.md\n</think>\n\n')
  assert.match(frames.at(-1) ?? '', /\[DONE\]/)
})

test('with progress off, tool calls leave only an SSE comment', async () => {
  const { content, frames } = await stream(
    [
      toolStart('a', 'A.md'),
      { type: 'text-delta', text: 'Done.' },
      { type: 'end', finishReason: 'stop', usage },
    ],
    'off',
  )
  assert.equal(content, 'Done.')
  assert.ok(frames.includes(': tool obsidian_query_vault\n\n'))
})
