/** `jasque mcp` with an OTLP endpoint: each tool call is its own `execute_tool` trace with the vault effects. */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { startFakeOtlpCollector } from '../helpers/fake-otlp-collector.ts'
import { REPOSITORY } from '../helpers/jasque-process.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'

test('each MCP tool call arrives as one execute_tool trace with its operation and vault effects', async (t) => {
  const collector = await startFakeOtlpCollector()
  const dir = await tmpDir('jasque-mcp-otel-')
  const root = path.join(dir.path, 'vault')
  await mkdir(path.join(root, 'Projects'), { recursive: true })
  await writeFile(path.join(root, 'Projects/Alpha.md'), '# Alpha\n\nNOTE-CONTENT about the plan.\n')
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', './bin/check-node.js', 'src/cli/main.ts', 'mcp'],
    cwd: REPOSITORY,
    env: {
      PATH: process.env.PATH ?? '',
      OBSIDIAN_VAULT_PATH: root,
      JASQUE_DATA_DIR: path.join(dir.path, 'data'),
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      JASQUE_TRACE_CONTENT: 'false',
    },
    stderr: 'pipe',
  })
  const client = new Client({ name: 'jasque-test', version: '1.0.0' })
  t.after(async () => {
    await collector.close()
    await dir[Symbol.asyncDispose]()
  })
  await client.connect(transport)
  await client.callTool({ name: 'obsidian_query_vault', arguments: { operation: 'search', query: 'plan' } })
  const created = await client.callTool({
    name: 'obsidian_manage_notes',
    arguments: { operation: 'create', path: 'Inbox/Idea.md', content: 'NOTE-CONTENT new idea' },
  })
  const changeId = (created.structuredContent as { change_id?: string }).change_id
  await client.callTool({ name: 'obsidian_manage_notes', arguments: { operation: 'create', bogus: 1 } })
  // Closing the client ends the server, which sends what it still holds.
  await client.close()
  const spans = await collector.waitForSpans(3)
  assert.deepEqual(
    spans.map((span) => span.name),
    [
      'execute_tool obsidian_query_vault',
      'execute_tool obsidian_manage_notes',
      'execute_tool obsidian_manage_notes',
    ],
  )
  assert.equal(new Set(spans.map((span) => span.traceId)).size, 3, 'one trace per call')
  const [search, create, invalid] = spans
  assert.equal(search?.attributes['gen_ai.operation.name'], 'execute_tool')
  assert.equal(search?.attributes['vault.operation'], 'search')
  assert.equal(create?.attributes['vault.operation'], 'create')
  assert.deepEqual(create?.attributes['vault.paths'], ['Inbox/Idea.md'])
  assert.equal(create?.attributes['vault.change_id'], changeId)
  assert.equal(create?.attributes['jasque.source'], 'mcp')
  assert.equal(invalid?.status.code, 2)
  assert.equal(invalid?.attributes['error.type'], 'tool_error')
  const sent = Buffer.concat(collector.requests.map((request) => request.body)).toString('latin1')
  assert.doesNotMatch(sent, /NOTE-CONTENT/)
})
