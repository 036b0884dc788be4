/**
 * Datadog end to end for the agent: the real agent runs in a child process preloaded with
 * dd-trace, against a fake Anthropic API and a fake Datadog Agent that decodes what arrives.
 * These tests depend on dd-trace's span names: they pin the behaviour of the installed major.
 */
import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { type LlmObsSpan, startFakeDatadogAgent } from '../helpers/fake-datadog-agent.ts'
import { datadogEnv, type FixtureTurn, runFixture } from './run-fixture.ts'
import { SEARCH_THEN_EDIT, spanTree } from './scenarios.ts'

const turn = (overrides: Partial<FixtureTurn> = {}): FixtureTurn => ({
  prompt: 'PROMPT-SECRET tidy my plan',
  conversationId: 'conv-42',
  traceContent: true,
  ...overrides,
})

async function start(t: TestContext) {
  const fake = await startFakeAnthropic()
  const agent = await startFakeDatadogAgent()
  t.after(async () => {
    await fake.close()
    await agent.close()
  })
  return { fake, agent, env: { ...datadogEnv(agent.url), ANTHROPIC_BASE_URL: fake.baseUrl } }
}

const roots = (spans: LlmObsSpan[]) => spans.filter((span) => span.parent_id === 'undefined')

test('a turn that searches then edits sends one LLM Obs trace: agent jasque over workflow, steps, llm and tool spans', async (t) => {
  const { fake, agent, env } = await start(t)
  fake.enqueue(...SEARCH_THEN_EDIT, { type: 'error', status: 529 })
  const run = await runFixture([turn(), turn({ conversationId: 'conv-err' })], env)
  assert.equal(run.exitCode, 0, run.stderr)
  assert.deepEqual(
    run.outcomes.map((outcome) => outcome.finishReason),
    ['stop', 'error'],
  )
  // Fails when dd-trace turns itself off silently (unsupported Node, broken preload).
  await agent.waitFor(
    () => roots(agent.llmObsSpans).length === 2 && agent.llmObsSpans.length >= 14,
    () => `${agent.llmObsSpans.length} LLM Obs spans, requests: ${agent.requests.join(', ')}`,
  )
  const ok = agent.llmObsSpans.filter((span) => span.session_id === 'conv-42')
  assert.equal(new Set(ok.map((span) => span.trace_id)).size, 1, 'one LLM Obs trace per turn')
  assert.deepEqual(spanTree(ok), [
    'agent jasque',
    '  workflow streamText',
    '    step step',
    '      llm languageModelCall',
    '      tool obsidian_query_vault',
    '    step step',
    '      llm languageModelCall',
    '      tool obsidian_manage_notes',
    '    step step',
    '      llm languageModelCall',
  ])
  for (const span of ok) {
    assert.ok(span.tags.includes('ml_app:jasque'), span.name)
    assert.equal(span.status, 'ok')
  }
  const llm = ok.filter((span) => span.meta['span.kind'] === 'llm')
  assert.deepEqual(
    llm.map((span) => [
      span.meta.model_provider,
      span.meta.model_name,
      span.metrics.input_tokens,
      span.metrics.output_tokens,
    ]),
    [
      ['anthropic', 'claude-sonnet-4-5', 120, 25],
      ['anthropic', 'claude-sonnet-4-5', 180, 30],
      ['anthropic', 'claude-sonnet-4-5', 200, 15],
    ],
  )
  assert.ok(llm[0]?.meta.input.messages?.some((message) => message.content?.includes('PROMPT-SECRET')))
  const root = ok.find((span) => span.meta['span.kind'] === 'agent')
  assert.deepEqual(root?.metrics, { input_tokens: 500, output_tokens: 70, total_tokens: 570 })
  assert.equal(root?.meta.input.value, 'PROMPT-SECRET tidy my plan')

  const edit = ok.find((span) => span.name === 'obsidian_manage_notes')
  assert.deepEqual(edit?.meta.metadata, {
    'vault.operation': 'edit',
    'vault.result_count': 25,
    'vault.path_count': 25,
    'vault.bytes_written': 21,
    'vault.links_updated': 3,
    'vault.change_id': 'chg_0001',
    'vault.paths': [
      'Projects/Secret plan.md',
      ...Array.from({ length: 19 }, (_, i) => `Linked/Note ${i + 1}.md`),
    ],
  })
  assert.ok(edit?.tags.includes('vault.change_id:chg_0001'))
  // A read-only tool changes nothing but its span still says what it did and how much it found.
  const search = ok.find((span) => span.name === 'obsidian_query_vault')
  assert.deepEqual(search?.meta.metadata, { 'vault.operation': 'search', 'vault.result_count': 1 })
  assert.ok(search?.tags.includes('vault.operation:search'))

  const failed = agent.llmObsSpans.filter((span) => span.session_id === 'conv-err')
  assert.deepEqual(spanTree(failed), [
    'agent jasque',
    '  workflow streamText',
    '    step step',
    '      llm languageModelCall',
  ])
  assert.ok(failed.every((span) => span.status === 'error'))
  assert.match(
    String(failed.find((span) => span.name === 'jasque')?.meta['error.message']),
    /529|overloaded/i,
  )

  // APM: both turns arrive whole, the error turn included (ai@7 leaves its step span open).
  await agent.waitFor(
    () => agent.spans.filter((span) => span.name === 'jasque').length === 2,
    () => `APM spans: ${agent.spans.map((span) => span.name).join(', ')}`,
  )
  const apmError = agent.spans.filter((span) => span.error === 1).map((span) => span.name)
  for (const name of ['jasque', 'streamText', 'step', 'languageModelCall'])
    assert.ok(apmError.includes(name), name)
  const tool = agent.spans.find(
    (span) => span.name === 'executeTool' && span.meta['vault.operation'] === 'edit',
  )
  assert.equal(tool?.metrics['vault.bytes_written'], 21)
  const searchTool = agent.spans.find(
    (span) => span.name === 'executeTool' && span.meta['vault.operation'] === 'search',
  )
  assert.equal(searchTool?.metrics['vault.result_count'], 1)
  assert.equal(tool?.service, 'jasque')
})

test('a turn aborted mid-stream still sends its whole trace, marked as aborted', async (t) => {
  const { fake, agent, env } = await start(t)
  fake.enqueue({ type: 'turn', text: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 150 })
  const run = await runFixture([turn({ abortAfterMs: 400 })], env)
  assert.equal(run.outcomes[0]?.finishReason, 'aborted', run.stderr)
  await agent.waitFor(
    () => agent.llmObsSpans.length >= 4 && agent.spans.some((span) => span.name === 'jasque'),
    () => `${agent.llmObsSpans.length} LLM Obs spans, ${agent.spans.length} APM spans`,
  )
  assert.deepEqual(spanTree(agent.llmObsSpans), [
    'agent jasque',
    '  workflow streamText',
    '    step step',
    '      llm languageModelCall',
  ])
  assert.equal(
    agent.llmObsSpans.find((span) => span.name === 'jasque')?.meta.metadata?.finish_reason,
    'aborted',
  )
})

test('with JASQUE_TRACE_CONTENT=false no prompt, note content or tool output reaches Datadog, but tokens and vault effects do', async (t) => {
  const { fake, agent, env } = await start(t)
  fake.enqueue(...SEARCH_THEN_EDIT)
  const run = await runFixture([turn({ traceContent: false })], env)
  assert.equal(run.outcomes[0]?.finishReason, 'stop', run.stderr)
  await agent.waitFor(
    () => agent.llmObsSpans.length >= 10 && agent.spans.some((span) => span.name === 'jasque'),
    () => `${agent.llmObsSpans.length} LLM Obs spans`,
  )
  const everything =
    JSON.stringify(agent.llmObsSpans) +
    JSON.stringify(agent.spans, (_key, value) => (typeof value === 'bigint' ? String(value) : value))
  for (const secret of ['PROMPT-SECRET', 'NOTE-CONTENT', 'Final answer', 'You are Jasque']) {
    assert.ok(!everything.includes(secret), `${secret} was sent`)
  }
  const llm = agent.llmObsSpans.filter((span) => span.meta['span.kind'] === 'llm')
  assert.deepEqual(
    llm.map((span) => span.metrics.input_tokens),
    [120, 180, 200],
  )
  const edit = agent.llmObsSpans.find((span) => span.name === 'obsidian_manage_notes')
  assert.equal(edit?.meta.metadata?.['vault.change_id'], 'chg_0001')
})
