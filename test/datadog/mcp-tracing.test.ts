/**
 * MCP tool calls under the Datadog preload, against the fake Datadog Agent: over stdio each call is
 * an `mcp.tool_call` trace with an LLM Obs tool span; over HTTP the call's span sits in the
 * `POST /mcp` request's trace.
 */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { startFakeDatadogAgent } from '../helpers/fake-datadog-agent.ts'
import { REPOSITORY, startJasqueProcess } from '../helpers/jasque-process.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'
import { datadogEnv } from './run-fixture.ts'

async function setUp(t: TestContext) {
  const agent = await startFakeDatadogAgent()
  const dir = await tmpDir('jasque-dd-mcp-')
  t.after(async () => {
    await agent.close()
    await dir[Symbol.asyncDispose]()
  })
  const root = path.join(dir.path, 'vault')
  await mkdir(root)
  await writeFile(path.join(root, 'Garden.md'), '---\ntags: [garden]\n---\n# Garden\n\nTomatoes.\n')
  const env = {
    ...datadogEnv(agent.url),
    OBSIDIAN_VAULT_PATH: root,
    JASQUE_DATA_DIR: path.join(dir.path, 'data'),
    JASQUE_WATCH: 'false',
  }
  return { agent, env, dir }
}

async function callTools(client: Client) {
  const query = await client.callTool({ name: 'obsidian_query_vault', arguments: { operation: 'get_tags' } })
  assert.notEqual(query.isError, true)
  const created = await client.callTool({
    name: 'obsidian_manage_notes',
    arguments: { operation: 'create', path: 'Seeds.md', content: 'Basil.\n' },
  })
  assert.notEqual(created.isError, true)
}

test('over stdio each MCP tool call is an APM trace with an LLM Obs tool span', async (t) => {
  const { agent, env } = await setUp(t)
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      '--import',
      'dd-trace/initialize.mjs',
      '--import',
      './bin/check-node.js',
      'src/cli/main.ts',
      'mcp',
    ],
    cwd: REPOSITORY,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stderr: 'pipe',
  })
  const client = new Client({ name: 'jasque-test', version: '1.0.0' })
  t.after(() => client.close())
  await client.connect(transport)
  await callTools(client)
  await agent.waitFor(
    () =>
      agent.spans.filter((span) => span.name === 'mcp.tool_call').length >= 2 &&
      agent.llmObsSpans.filter((span) => span.meta['span.kind'] === 'tool').length >= 2,
    () =>
      `APM: ${agent.spans.map((span) => span.name).join(', ')}; LLM Obs: ${agent.llmObsSpans.map((s) => s.name)}`,
    15_000,
  )
  const calls = agent.spans.filter((span) => span.name === 'mcp.tool_call')
  assert.deepEqual(calls.map((span) => span.resource).sort(), [
    'obsidian_manage_notes',
    'obsidian_query_vault',
  ])
  for (const span of calls) {
    assert.equal(span.service, 'jasque')
    assert.equal(span.meta['mcp.client'], 'jasque-test')
  }
  // Two calls, two traces: stdio has no request span above them.
  assert.equal(new Set(calls.map((span) => span.trace_id)).size, 2)
  const write = calls.find((span) => span.resource === 'obsidian_manage_notes')
  assert.equal(write?.meta['vault.operation'], 'create')
  const tools = agent.llmObsSpans.filter((span) => span.meta['span.kind'] === 'tool')
  assert.deepEqual(tools.map((span) => span.name).sort(), ['obsidian_manage_notes', 'obsidian_query_vault'])
  assert.match(JSON.stringify(tools), /garden/)
})

test('over HTTP an MCP tool call is a span in the POST /mcp request trace, and an LLM Obs tool span', async (t) => {
  const { agent, env, dir } = await setUp(t)
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    // The server runs in the temporary folder: the preload is named by its full URL.
    args: ['--import', import.meta.resolve('dd-trace/initialize.mjs'), path.join(REPOSITORY, 'src/main.ts')],
    env: { ...env, HOST: '127.0.0.1', PORT: '0', JASQUE_API_KEY: 'secret' },
  })
  const listening = await jasque.waitForLine(/"listening"/, 'the listening line')
  const { port } = JSON.parse(listening) as { port: number }
  await jasque.waitForLine(/"vault ready"/, 'the vault index')
  const client = new Client({ name: 'jasque-test', version: '1.0.0' })
  t.after(() => client.close())
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
      requestInit: { headers: { Authorization: 'Bearer secret' } },
    }),
  )
  await callTools(client)
  await agent.waitFor(
    () =>
      agent.spans.filter((span) => span.name === 'mcp.tool_call').length >= 2 &&
      agent.llmObsSpans.filter((span) => span.meta['span.kind'] === 'tool').length >= 2,
    () => `APM: ${agent.spans.map((span) => span.name).join(', ')}`,
    15_000,
  )
  for (const call of agent.spans.filter((span) => span.name === 'mcp.tool_call')) {
    const request = agent.spans.find(
      (span) => span.trace_id === call.trace_id && span.name === 'fastify.request',
    )
    assert.ok(request, `${call.resource} is inside a request trace`)
    assert.equal(request.meta['http.route'], '/mcp')
    assert.equal(request.meta['http.status_code'], '200')
  }
})
