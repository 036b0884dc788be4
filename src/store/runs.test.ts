import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testEachDriver } from '../../test/helpers/test-drivers.ts'
import type { AgentRunInput } from './types.ts'

const run: AgentRunInput = {
  requestId: 'chatcmpl-1',
  conversationId: 'conv-9',
  model: 'anthropic:claude-sonnet-4-5',
  startedAt: new Date('2026-03-01T10:00:00.000Z'),
  finishedAt: new Date('2026-03-01T10:00:04.250Z'),
  inputTokens: 1200,
  outputTokens: 340,
  outcome: 'ok',
  toolCalls: [
    { name: 'obsidian_query_vault', operation: 'search', paths: [], durationMs: 12, ok: true },
    {
      name: 'obsidian_manage_notes',
      operation: 'append',
      paths: ['Daily/2026-03-01.md'],
      durationMs: 30,
      ok: true,
      changeId: '1m8a9ap6p3gz5',
    },
    {
      name: 'obsidian_manage_notes',
      operation: 'read',
      paths: ['Nope.md'],
      durationMs: 2,
      ok: false,
      error: 'not_found',
    },
  ],
}

testEachDriver(test, 'a run reads back with its tool calls in order', async (t, driver) => {
  const store = await driver.openStore(t)
  const { id } = await store.runs.record(run)
  const read = await store.runs.get(id)
  assert.ok(read)
  assert.deepEqual(read, { ...run, id, createdAt: read.createdAt })
  assert.equal(await store.runs.get('0000000000000'), undefined)
})

testEachDriver(test, 'a failed run without tool calls keeps its error', async (t, driver) => {
  const store = await driver.openStore(t)
  const failed: AgentRunInput = {
    requestId: 'chatcmpl-2',
    model: 'openai:gpt-5',
    startedAt: new Date('2026-03-01T10:00:00.000Z'),
    finishedAt: new Date('2026-03-01T10:00:01.000Z'),
    outcome: 'upstream_timeout',
    errorMessage: 'the model did not answer in time',
    toolCalls: [],
  }
  const { id } = await store.runs.record(failed)
  const read = await store.runs.get(id)
  assert.deepEqual(read, { ...failed, id, createdAt: read?.createdAt })
})

testEachDriver(test, 'runs list newest first with their tool call count', async (t, driver) => {
  const store = await driver.openStore(t)
  const first = await store.runs.record(run)
  const second = await store.runs.record({ ...run, requestId: 'chatcmpl-3', toolCalls: [] })
  const listed = await store.runs.listNewest({ limit: 10 })
  assert.deepEqual(
    listed.map((item) => [item.id, item.requestId, item.toolCallCount]),
    [
      [second.id, 'chatcmpl-3', 0],
      [first.id, 'chatcmpl-1', 3],
    ],
  )
  assert.equal('toolCalls' in (listed[0] ?? {}), false)
})
