/**
 * Datadog must never get in the way: without the preload nothing is sent; with the agent gone
 * or stuck, turns keep their latency and nothing is printed; agentless mode reaches the intake
 * through an HTTPS proxy with a test CA.
 */
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import { type TestContext, test } from 'node:test'
import { startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { startFakeDatadogAgent } from '../helpers/fake-datadog-agent.ts'
import { hasOpenssl, startFakeIntakeProxy } from '../helpers/fake-intake-proxy.ts'
import { datadogEnv, type FixtureTurn, runFixture } from './run-fixture.ts'
import { SEARCH_THEN_EDIT } from './scenarios.ts'

const TURNS: FixtureTurn[] = [{ prompt: 'tidy my plan', conversationId: 'conv-1', traceContent: true }]

async function fakeModel(t: TestContext) {
  const fake = await startFakeAnthropic()
  t.after(() => fake.close())
  fake.enqueue(...SEARCH_THEN_EDIT)
  return fake
}

/** A port that refuses connections: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A socket that accepts connections and never answers. */
async function blackHole(t: TestContext): Promise<number> {
  const sockets: Socket[] = []
  const server = createServer((socket) => sockets.push(socket))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })
  return (server.address() as { port: number }).port
}

test('without the preload nothing is sent to Datadog and the turn works', async (t) => {
  const fake = await fakeModel(t)
  await using agent = await startFakeDatadogAgent()
  const run = await runFixture(
    TURNS,
    { ...datadogEnv(agent.url), ANTHROPIC_BASE_URL: fake.baseUrl },
    { preload: false },
  )
  assert.equal(run.outcomes[0]?.finishReason, 'stop', run.stderr)
  assert.equal(run.stderr, '')
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.deepEqual(agent.requests, [])
})

for (const [name, agentUrl, canExit] of [
  ['a closed port', async () => `http://127.0.0.1:${await closedPort()}`, true],
  // dd-trace's pending flush to a stuck agent keeps the process alive for a while after the work.
  ['a socket that never answers', async (t: TestContext) => `http://127.0.0.1:${await blackHole(t)}`, false],
] as const) {
  test(`with the Datadog Agent at ${name}, turns keep their latency and nothing is printed`, async (t) => {
    const fake = await fakeModel(t)
    fake.enqueue(...SEARCH_THEN_EDIT)
    const turns = [...TURNS, { ...TURNS[0]!, conversationId: 'conv-2' }]
    const env = { ...datadogEnv(await agentUrl(t)), ANTHROPIC_BASE_URL: fake.baseUrl }
    const run = await runFixture(turns, env, canExit ? {} : { stopAfterTurns: 2 })
    assert.deepEqual(
      run.outcomes.map((outcome) => outcome.finishReason),
      ['stop', 'stop'],
      run.stderr,
    )
    // The second turn runs after the first flushes failed or hung; three local model calls.
    assert.ok((run.outcomes[1]?.ms ?? Infinity) < 1000, `second turn took ${run.outcomes[1]?.ms} ms`)
    assert.equal(run.stderr, '')
    if (canExit) assert.equal(run.exitCode, 0)
  })
}

test('agentless mode sends LLM Obs events to llmobs-intake.<DD_SITE> with the API key', {
  skip: hasOpenssl() ? false : 'openssl is needed to make the test CA',
}, async (t) => {
  const fake = await fakeModel(t)
  await using agent = await startFakeDatadogAgent()
  await using proxy = await startFakeIntakeProxy()
  const run = await runFixture(TURNS, {
    ...datadogEnv(agent.url),
    ANTHROPIC_BASE_URL: fake.baseUrl,
    DD_LLMOBS_AGENTLESS_ENABLED: '1',
    DD_SITE: 'datadog.test',
    DD_API_KEY: 'test-api-key',
    HTTPS_PROXY: proxy.url,
    NO_PROXY: '127.0.0.1,localhost',
    NODE_EXTRA_CA_CERTS: proxy.caFile,
  })
  assert.equal(run.outcomes[0]?.finishReason, 'stop', run.stderr)
  const intake = proxy.requests.filter((request) => request.path === '/api/v2/llmobs')
  assert.ok(intake.length > 0, `intake got: ${proxy.requests.map((r) => r.host + r.path).join(', ')}`)
  assert.ok(intake.every((request) => request.host === 'llmobs-intake.datadog.test'))
  assert.ok(intake.every((request) => request.apiKey === 'test-api-key'))
  const names = intake.flatMap((request) =>
    (request.body as { spans: { name: string }[] }[]).flatMap((batch) =>
      batch.spans.map((span) => span.name),
    ),
  )
  assert.ok(names.includes('jasque') && names.includes('obsidian_manage_notes'), names.join(', '))
  assert.ok(!agent.requests.some((request) => request.includes('llmobs')), 'no LLM Obs through the agent')
})
