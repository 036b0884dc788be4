/**
 * OpenTelemetry end to end: the real agent in a child process, switched on by the OTEL_* variables
 * alone, against a fake Anthropic API and a fake OTLP collector that decodes what arrives.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { type TestContext, test } from 'node:test'
import { datadogEnv } from '../datadog/run-fixture.ts'
import { SEARCH_THEN_EDIT } from '../datadog/scenarios.ts'
import { startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { startFakeDatadogAgent } from '../helpers/fake-datadog-agent.ts'
import { type CollectedSpan, startFakeOtlpCollector } from '../helpers/fake-otlp-collector.ts'
import { runOtelFixture } from './run-otel-fixture.ts'

const TURN = { prompt: 'PROMPT-TEXT tidy my plan', conversationId: 'conv-42' }

async function start(t: TestContext, options: { hang?: boolean } = {}) {
  const fake = await startFakeAnthropic()
  const collector = await startFakeOtlpCollector(options)
  t.after(async () => {
    await fake.close()
    await collector.close()
  })
  const env = {
    ANTHROPIC_BASE_URL: fake.baseUrl,
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
    OTEL_SERVICE_NAME: 'jasque-test',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=secret%20key',
  }
  return { fake, collector, env }
}

/** The spans as indented names, children in arrival order under their parent. */
function spanTree(spans: CollectedSpan[]): string[] {
  const ids = new Set(spans.map((span) => span.spanId))
  const lines: string[] = []
  const visit = (parentId: string | undefined, depth: number) => {
    for (const span of spans) {
      const isChild = parentId === undefined ? !ids.has(span.parentSpanId) : span.parentSpanId === parentId
      if (!isChild) continue
      lines.push(`${'  '.repeat(depth)}${span.name}`)
      visit(span.spanId, depth + 1)
    }
  }
  visit(undefined, 0)
  return lines
}

const byName = (spans: CollectedSpan[], name: string) => spans.filter((span) => span.name === name)

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  test(`a turn that searches then edits arrives over ${protocol} as one trace with GenAI spans and the vault effects`, async (t) => {
    const { fake, collector, env } = await start(t)
    fake.enqueue(...SEARCH_THEN_EDIT)
    const run = await runOtelFixture([TURN], { ...env, OTEL_EXPORTER_OTLP_PROTOCOL: protocol })
    assert.equal(run.exitCode, 0, run.stderr)
    assert.equal(run.outcomes[0]?.finishReason, 'stop')
    const spans = collector.spans
    assert.equal(new Set(spans.map((span) => span.traceId)).size, 1, 'one trace for the turn')
    // Three model calls sort their spans by end time; the tree is compared as a sorted set of lines.
    assert.deepEqual(spanTree(spans).sort(), [
      '    chat claude-sonnet-4-5',
      '    chat claude-sonnet-4-5',
      '    chat claude-sonnet-4-5',
      '    execute_tool obsidian_manage_notes',
      '    execute_tool obsidian_query_vault',
      '  step 1',
      '  step 2',
      '  step 3',
      'invoke_agent jasque',
    ])
    assert.ok(collector.requests.every((request) => request.headers['x-api-key'] === 'secret key'))
    assert.ok(
      collector.requests.every((request) =>
        request.contentType.startsWith(
          protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
        ),
      ),
    )
    const [root] = byName(spans, 'invoke_agent jasque')
    assert.equal(root?.serviceName, 'jasque-test')
    assert.equal(root?.attributes['gen_ai.operation.name'], 'invoke_agent')
    assert.equal(root?.attributes['gen_ai.usage.input_tokens'], 500)
    assert.equal(root?.attributes['gen_ai.usage.output_tokens'], 70)
    assert.ok(spans.every((span) => span.attributes['gen_ai.conversation.id'] === 'conv-42'))
    assert.equal(root?.attributes['session.id'], 'conv-42')
    assert.equal(root?.attributes['gen_ai.agent.name'], 'jasque')
    const chat = byName(spans, 'chat claude-sonnet-4-5')[0]
    assert.equal(chat?.attributes['gen_ai.provider.name'], 'anthropic')
    assert.equal(chat?.attributes['gen_ai.request.model'], 'claude-sonnet-4-5')
    const [searchSpan] = byName(spans, 'execute_tool obsidian_query_vault')
    assert.equal(searchSpan?.attributes['vault.operation'], 'search')
    assert.equal(searchSpan?.attributes['vault.result_count'], 1)
    const [editSpan] = byName(spans, 'execute_tool obsidian_manage_notes')
    assert.equal(editSpan?.attributes['gen_ai.tool.name'], 'obsidian_manage_notes')
    assert.equal(editSpan?.attributes['vault.operation'], 'edit')
    assert.equal(editSpan?.attributes['vault.bytes_written'], Buffer.byteLength('NOTE-CONTENT new text'))
    assert.equal(editSpan?.attributes['vault.links_updated'], 3)
    assert.equal(editSpan?.attributes['vault.change_id'], 'chg_0001')
    assert.equal(editSpan?.attributes['vault.path_count'], 25)
    const paths = editSpan?.attributes['vault.paths'] as string[]
    assert.equal(paths.length, 20)
    assert.equal(paths[0], 'Projects/Secret plan.md')
    // With content on (the default), the prompt is on the spans.
    assert.ok(collector.requests.some((request) => request.body.includes('PROMPT-TEXT')))
    assert.ok(spans.every((span) => span.status.code !== 2))
  })
}

test('a turn whose model call fails ends every span of its trace, marked as an error', async (t) => {
  const { fake, collector, env } = await start(t)
  fake.enqueue({ type: 'error', status: 529 })
  const run = await runOtelFixture([TURN], env)
  assert.equal(run.outcomes[0]?.finishReason, 'error')
  const [root] = byName(collector.spans, 'invoke_agent jasque')
  assert.ok(root !== undefined, 'the failed turn was sent')
  assert.equal(root.status.code, 2)
  assert.ok(byName(collector.spans, 'chat claude-sonnet-4-5').every((span) => span.status.code === 2))
})

test('JASQUE_TRACE_CONTENT=false keeps prompts, note contents and tool output out of every span', async (t) => {
  const { fake, collector, env } = await start(t)
  fake.enqueue(...SEARCH_THEN_EDIT)
  const run = await runOtelFixture([TURN], { ...env, JASQUE_TRACE_CONTENT: 'false' })
  assert.equal(run.outcomes[0]?.finishReason, 'stop')
  assert.equal(byName(collector.spans, 'invoke_agent jasque').length, 1)
  const sent = Buffer.concat(collector.requests.map((request) => request.body)).toString('latin1')
  assert.doesNotMatch(sent, /PROMPT-TEXT|NOTE-CONTENT|Final answer/)
  // Metadata stays: the vault effects and token counts.
  const [editSpan] = byName(collector.spans, 'execute_tool obsidian_manage_notes')
  assert.equal(editSpan?.attributes['vault.change_id'], 'chg_0001')
})

test('a collector that is down or never answers leaves the turns unchanged and prints at most one line', async (t) => {
  const { fake, env } = await start(t)
  const hanging = await startFakeOtlpCollector({ hang: true })
  t.after(() => hanging.close())
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const closedPort = (closed.address() as { port: number }).port
  closed.close()
  for (const endpoint of [`http://127.0.0.1:${closedPort}`, hanging.endpoint]) {
    fake.enqueue(...SEARCH_THEN_EDIT, ...SEARCH_THEN_EDIT)
    const run = await runOtelFixture([TURN, TURN], {
      ...env,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
    })
    assert.equal(run.exitCode, 0, run.stderr)
    assert.deepEqual(
      run.outcomes.map((outcome) => outcome.text),
      ['Let me look.Editing.Final answer: done.', 'Let me look.Editing.Final answer: done.'],
    )
    const failures = run.stderr.split('\n').filter((line) => line.includes('could not be sent'))
    // A refused connection is reported once; a collector that never answers at most once.
    if (endpoint === hanging.endpoint) assert.ok(failures.length <= 1, run.stderr)
    else assert.equal(failures.length, 1, run.stderr)
  }
})

test('without an OTLP endpoint nothing of OpenTelemetry is loaded and the agent works', async (t) => {
  const { fake, env } = await start(t)
  fake.enqueue(...SEARCH_THEN_EDIT)
  const { OTEL_EXPORTER_OTLP_ENDPOINT: _endpoint, ...withoutEndpoint } = env
  const run = await runOtelFixture([TURN], withoutEndpoint)
  assert.equal(run.outcomes[0]?.finishReason, 'stop')
  assert.deepEqual(run.loaded, [])
  // The same fixture with the endpoint set does load them: the check above can fail.
  fake.enqueue(...SEARCH_THEN_EDIT)
  const on = await runOtelFixture([TURN], env)
  assert.ok(on.loaded.some((url) => url.includes('@opentelemetry/sdk-trace')))
})

test('an aborted turn is sent with every span ended and the turn marked as aborted', async (t) => {
  const { fake, collector, env } = await start(t)
  fake.enqueue({ type: 'turn', text: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 150 })
  const run = await runOtelFixture([{ ...TURN, abortAfterMs: 400 }], env)
  assert.equal(run.outcomes[0]?.finishReason, 'aborted')
  const [root] = byName(collector.spans, 'invoke_agent jasque')
  assert.ok(root !== undefined, 'the aborted turn was sent')
  assert.equal(root.status.code, 2)
  assert.equal(root.attributes['error.type'], 'aborted')
  assert.ok(byName(collector.spans, 'chat claude-sonnet-4-5').length >= 1)
})

test('with the Datadog preload too, only Datadog traces the turn: each model call appears once', async (t) => {
  const { fake, collector, env } = await start(t)
  const agent = await startFakeDatadogAgent()
  t.after(() => agent.close())
  fake.enqueue(...SEARCH_THEN_EDIT)
  const run = await runOtelFixture([TURN], { ...env, ...datadogEnv(agent.url) }, { preloadDatadog: true })
  assert.equal(run.outcomes[0]?.finishReason, 'stop')
  await agent.waitFor(
    () => agent.llmObsSpans.filter((span) => span.meta['span.kind'] === 'llm').length >= 3,
    () => `${agent.llmObsSpans.length} LLM Obs spans`,
  )
  // Give any late LLM Obs flush the same chance to show a duplicate.
  await new Promise((resolve) => setTimeout(resolve, 500))
  assert.equal(agent.llmObsSpans.filter((span) => span.meta['span.kind'] === 'llm').length, 3)
  assert.equal(collector.requests.length, 0, 'nothing was sent over OTLP')
  assert.match(run.stderr, /OpenTelemetry export is off: the Datadog tracer is preloaded/)
  assert.ok(!run.loaded.some((url) => url.includes('@ai-sdk/otel')))
})
