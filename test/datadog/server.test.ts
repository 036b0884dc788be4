/**
 * Datadog end to end for the built server (`npm run build` first): `dist/main.js` runs as a child
 * process with the dd-trace preload, against a fake Anthropic API, a fake Datadog Agent and the
 * local PostgreSQL. Checks the APM request span, the LLM and pg spans beneath it, and pino's trace
 * ids. Skipped when dist/main.js is missing.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { startFakeDatadogAgent } from '../helpers/fake-datadog-agent.ts'
import { testDatabaseUrl } from '../helpers/test-drivers.ts'
import { datadogEnv } from './run-fixture.ts'

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url))
const DATABASE_URL = testDatabaseUrl('test')

async function startServer(t: TestContext, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'dd-trace/initialize.mjs', MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  t.after(() => {
    if (child.exitCode === null) child.kill()
  })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 15_000)
    let buffer = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      const parts = buffer.split('\n')
      buffer = parts.pop() ?? ''
      for (const line of parts) {
        lines.push(line)
        const entry = JSON.parse(line) as { msg?: string; port?: number }
        if (entry.msg === 'listening' && typeof entry.port === 'number') {
          clearTimeout(timer)
          resolve(entry.port)
        }
      }
    })
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)))
  })
  return { port, lines, stderr: () => stderr }
}

test('a chat request gives one APM trace: the request span over the agent, LLM calls and pg queries, with trace ids in the logs', {
  skip: existsSync(MAIN) ? false : 'dist/main.js is missing: run npm run build first',
}, async (t) => {
  const fake = await startFakeAnthropic()
  const agent = await startFakeDatadogAgent()
  const vault = await mkdtemp(path.join(os.tmpdir(), 'jasque-dd-vault-'))
  t.after(async () => {
    await fake.close()
    await agent.close()
    await rm(vault, { recursive: true, force: true })
  })
  await writeFile(path.join(vault, 'Garden.md'), '# Garden\n\nTomatoes.\n')
  fake.enqueue(
    {
      type: 'turn',
      text: 'Looking.',
      toolUses: [{ name: 'obsidian_query_vault', input: { operation: 'search_text', query: 'Tomatoes' } }],
      usage: { input: 120, output: 25 },
    },
    { type: 'turn', text: 'You grow tomatoes.', usage: { input: 180, output: 15 } },
  )
  const server = await startServer(t, {
    ...datadogEnv(agent.url),
    OBSIDIAN_VAULT_PATH: vault,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.baseUrl,
    PORT: '0',
    DATABASE_URL,
    JASQUE_API_KEY: 'secret',
    JASQUE_WATCH: 'false',
    DD_LOGS_INJECTION: 'true',
  })
  const response = await fetch(`http://127.0.0.1:${server.port}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer secret', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'jasque', messages: [{ role: 'user', content: 'What do I grow?' }] }),
  })
  assert.equal(response.status, 200, await response.clone().text())

  await agent.waitFor(
    () =>
      agent.spans.some((span) => span.name === 'fastify.request') &&
      agent.llmObsSpans.some((span) => span.name === 'jasque'),
    () => `APM spans: ${agent.spans.map((span) => span.name).join(', ')}`,
    10_000,
  )
  const request = agent.spans.find((span) => span.name === 'fastify.request')!
  assert.equal(request.service, 'jasque')
  assert.equal(request.meta['http.route'], '/v1/chat/completions')
  assert.equal(request.meta['http.status_code'], '200')
  const trace = agent.spans.filter((span) => span.trace_id === request.trace_id)
  const names = new Set(trace.map((span) => span.name))
  for (const name of [
    'jasque',
    'streamText',
    'step',
    'languageModelCall',
    'executeTool',
    'http.request',
    'pg.query',
  ]) {
    assert.ok(names.has(name), `${name} in ${[...names].join(', ')}`)
  }
  const agentSpan = agent.llmObsSpans.find((span) => span.name === 'jasque')
  assert.ok(agentSpan?.session_id, 'the conversation id is the session id')

  const traced = server.lines.map((line) => JSON.parse(line) as { dd?: { trace_id?: string } })
  assert.ok(
    traced.some((entry) => entry.dd?.trace_id !== undefined),
    'pino lines carry trace ids',
  )
  assert.equal(server.stderr(), '')
})
