/**
 * The compose stacks for real (scripts/docker-ci.sh builds the image and runs this):
 * docker-compose.yml plus test/docker/docker-compose.test.yml, which puts both services on the
 * host network on free 127.0.0.1 ports. `app` starts once `db` is healthy, reports PostgreSQL,
 * writes a note and a journal entry in a chat turn against a fake model on the host, and keeps the
 * journal across `down` and `up` (named volume). With docker-compose.observability.yml added, a
 * fake Datadog agent on the host receives the APM trace and the LLM Observability spans of one
 * turn. Skipped without a Docker engine, the image or a compose command.
 */
import assert from 'node:assert/strict'
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { parseDocument } from 'yaml'
import { type FakeAnthropic, startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { type FakeDatadogAgent, startFakeDatadogAgent } from '../helpers/fake-datadog-agent.ts'
import {
  API_KEY,
  assertDocker,
  chat,
  composeCommand,
  containerLogs,
  containerVault,
  createNoteTurn,
  docker,
  freePort,
  getJson,
  IMAGE,
  missingDocker,
  NODE_UID,
  run,
  skipUnlessDocker,
  waitForReady,
} from './docker.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const missing = missingDocker({ compose: true })

const BASE = ['docker-compose.yml']
const WITH_DATADOG = ['docker-compose.yml', 'docker-compose.observability.yml']
const OVERRIDE = 'docker-compose.test.yml'

interface Container {
  State: { StartedAt: string; Health?: { Log: { End: string; ExitCode: number }[] } }
  RestartCount: number
}

/** Go's RFC 3339 time with nanoseconds, to milliseconds since the epoch. */
const millis = (time: string) => Date.parse(time.replace(/(\.\d{3})\d*/, '$1'))

describe('docker-compose.yml with PostgreSQL, on the host network', {
  skip: skipUnlessDocker(missing),
  timeout: 600_000,
}, () => {
  const project = `jasque-ci-${process.pid}`
  let work: string
  let vault: string
  let fake: FakeAnthropic
  let agent: FakeDatadogAgent
  let env: NodeJS.ProcessEnv
  let baseUrl: string
  let databaseUrl: string
  let files = BASE

  const compose = (args: string[], timeoutMs = 300_000) => {
    const [command = 'docker-compose', ...prefix] = composeCommand() ?? []
    const fileArgs = [...files, OVERRIDE].flatMap((file) => ['-f', file])
    return run(command, [...prefix, '-p', project, ...fileArgs, ...args], { cwd: work, env, timeoutMs })
  }
  const containerId = async (service: string) => (await compose(['ps', '-q', service])).trim()
  const inspect = async (service: string) =>
    (JSON.parse(await docker(['inspect', await containerId(service)])) as Container[])[0] as Container
  const logs = async () => {
    const ids = await Promise.all(['db', 'app'].map((service) => containerId(service).catch(() => '')))
    const parts = await Promise.all(ids.filter(Boolean).map((id) => containerLogs(id, 40)))
    return parts.join('\n')
  }
  const journal = async () => {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      const result = await client.query<{ tool: string; operation: string; paths: string[] }>(
        'SELECT tool, operation, paths FROM journal_entries ORDER BY created_at',
      )
      return result.rows
    } finally {
      await client.end()
    }
  }

  before(async () => {
    assertDocker(missing)
    work = await mkdtemp(path.join(os.tmpdir(), 'jasque-compose-'))
    // The files as shipped, but for the published ports: a container on the host network publishes
    // nothing, and docker-compose v1 refuses `ports` with `network_mode: host` (an override cannot
    // remove them before compose v2's `!reset`).
    const base = parseDocument(await readFile(path.join(root, 'docker-compose.yml'), 'utf8'))
    for (const service of ['db', 'app']) {
      assert.ok(base.hasIn(['services', service, 'ports']), `${service} publishes its port`)
      base.deleteIn(['services', service, 'ports'])
    }
    await writeFile(path.join(work, 'docker-compose.yml'), base.toString())
    await copyFile(path.join(root, WITH_DATADOG[1] as string), path.join(work, WITH_DATADOG[1] as string))
    await copyFile(path.join(root, 'test/docker', OVERRIDE), path.join(work, OVERRIDE))
    await writeFile(path.join(work, '.env'), '')
    vault = await containerVault('jasque-compose-vault-')
    fake = await startFakeAnthropic()
    agent = await startFakeDatadogAgent()
    const dbPort = await freePort()
    const appPort = await freePort()
    baseUrl = `http://127.0.0.1:${appPort}`
    databaseUrl = `postgres://jasque:jasque@127.0.0.1:${dbPort}/jasque`
    env = {
      ...process.env,
      OBSIDIAN_VAULT_PATH: vault,
      POSTGRES_PASSWORD: 'jasque',
      JASQUE_TEST_IMAGE: IMAGE,
      JASQUE_TEST_DB_PORT: String(dbPort),
      JASQUE_TEST_APP_PORT: String(appPort),
      JASQUE_TEST_API_KEY: API_KEY,
      JASQUE_TEST_ANTHROPIC_URL: fake.baseUrl,
      JASQUE_TEST_DD_AGENT_URL: agent.url,
      // LLM Observability through the (fake) agent rather than agentless to Datadog's intake.
      DD_LLMOBS_AGENTLESS_ENABLED: '0',
      DD_ENV: 'test',
      DD_API_KEY: '',
    }
    await compose(['up', '--detach', '--no-build'])
  })

  after(async () => {
    if (work !== undefined) {
      files = WITH_DATADOG
      await compose(['down', '--volumes', '--timeout', '5']).catch((error: Error) => {
        console.error(error.message)
      })
    }
    await fake?.close()
    await agent?.close()
    if (vault !== undefined) await rm(vault, { recursive: true, force: true })
    if (work !== undefined) await rm(work, { recursive: true, force: true })
  })

  test('app starts once, after the first passing health check of db, and reports postgresql', async () => {
    await waitForReady(baseUrl, logs)
    const db = await inspect('db')
    const app = await inspect('app')
    const firstHealthy = db.State.Health?.Log.find((entry) => entry.ExitCode === 0)
    assert.ok(firstHealthy, `db passed a health check: ${JSON.stringify(db.State.Health)}`)
    assert.ok(
      millis(app.State.StartedAt) >= millis(firstHealthy.End),
      `app started at ${app.State.StartedAt}, db was healthy at ${firstHealthy.End}`,
    )
    assert.equal(app.RestartCount, 0, 'app never restarted')
    const health = await getJson(`${baseUrl}/health/db`)
    assert.equal(health.status, 200, JSON.stringify(health.body))
    assert.equal(health.body.provider, 'postgresql')
  })

  test('a chat turn writes a note into the mounted vault and a journal entry into PostgreSQL', async () => {
    fake.enqueue(...createNoteTurn('Compose/Stack.md', 'Written by the compose stack.'))
    assert.match(await chat(baseUrl, 'Write down that the stack works.'), /Saved Compose\/Stack\.md/)
    const note = path.join(vault, 'Compose', 'Stack.md')
    assert.match(await readFile(note, 'utf8'), /Written by the compose stack\./)
    assert.equal((await stat(note)).uid, NODE_UID)
    const entries = await journal()
    assert.deepEqual(
      entries.map((entry) => [entry.tool, entry.operation, entry.paths]),
      [['obsidian_manage_notes', 'create', ['Compose/Stack.md']]],
    )
  })

  test('down then up keeps the journal in the db-data volume', async () => {
    await compose(['down', '--timeout', '5'])
    assert.equal((await compose(['ps', '-q'])).trim(), '', 'no container is left after down')
    await compose(['up', '--detach', '--no-build'])
    await waitForReady(baseUrl, logs)
    const entries = await journal()
    assert.deepEqual(
      entries.map((entry) => entry.paths),
      [['Compose/Stack.md']],
    )
  })

  test('with docker-compose.observability.yml the fake Datadog agent gets the APM trace and the LLM Observability spans', async () => {
    files = WITH_DATADOG
    await compose(['up', '--detach', '--no-build'])
    await waitForReady(baseUrl, logs)
    const app = await inspect('app')
    assert.equal(app.RestartCount, 0)
    fake.enqueue(...createNoteTurn('Compose/Traced.md', 'Traced through Datadog.'))
    await chat(baseUrl, 'Write a traced note.')

    await agent.waitFor(
      () =>
        agent.spans.some(
          (span) => span.name === 'fastify.request' && span.meta['http.route'] === '/v1/chat/completions',
        ) &&
        agent.llmObsSpans.some((span) => span.meta['span.kind'] === 'agent') &&
        agent.llmObsSpans.some((span) => span.meta['span.kind'] === 'tool'),
      () =>
        `APM: ${agent.spans.map((span) => span.name).join(', ')}; LLM Obs: ${agent.llmObsSpans
          .map((span) => `${span.meta['span.kind']} ${span.name}`)
          .join(', ')}; requests: ${agent.requests.join(', ')}`,
      20_000,
    )
    const request = agent.spans.find(
      (span) => span.name === 'fastify.request' && span.meta['http.route'] === '/v1/chat/completions',
    )
    assert.ok(request)
    assert.equal(request.service, 'jasque')
    assert.equal(request.meta.env, 'test')
    assert.equal(request.meta['http.status_code'], '200')
    const names = new Set(
      agent.spans.filter((span) => span.trace_id === request.trace_id).map((span) => span.name),
    )
    for (const name of ['jasque', 'languageModelCall', 'executeTool', 'http.request', 'pg.query']) {
      assert.ok(names.has(name), `${name} in the request's trace: ${[...names].join(', ')}`)
    }

    const agentSpan = agent.llmObsSpans.find((span) => span.meta['span.kind'] === 'agent')
    assert.equal(agentSpan?.name, 'jasque')
    assert.ok(agentSpan?.session_id, 'the conversation id is the session id')
    const trace = agent.llmObsSpans.filter((span) => span.trace_id === agentSpan.trace_id)
    const llm = trace.filter((span) => span.meta['span.kind'] === 'llm')
    assert.equal(llm.length, 2, 'two model calls')
    assert.ok(llm.every((span) => span.meta.model_provider === 'anthropic'))
    const tool = trace.find((span) => span.meta['span.kind'] === 'tool')
    assert.equal(tool?.name, 'obsidian_manage_notes')
    assert.ok(
      trace.every((span) => span.tags.includes('ml_app:jasque')),
      'every span belongs to ml_app jasque',
    )
  })
})
