/** `jasque mcp` as an MCP client starts it: a real process over stdio, the official client SDK. */
import assert from 'node:assert/strict'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { REPOSITORY } from '../helpers/jasque-process.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'

const TOOLS = [
  'obsidian_history',
  'obsidian_manage_notes',
  'obsidian_manage_structure',
  'obsidian_query_vault',
]

const FILES: Record<string, string> = {
  'Projects/Alpha.md': '---\ntags: [project]\n---\n# Alpha\n\nSee [[Beta]] and [[Notes/Gamma|gamma]].\n',
  'Projects/Beta.md': '# Beta\n\nBack to [[Alpha]].\n- [ ] write the plan\n',
  'Notes/Gamma.md': '# Gamma\n\nLinks [[Beta#Heading]] and ![[Beta]].\n',
}

interface Started {
  client: Client
  root: string
}

async function startServer(t: TestContext, protocolVersion?: string): Promise<Started> {
  const dir = await tmpDir('jasque-mcp-')
  const root = path.join(dir.path, 'vault')
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), text)
  }
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', './bin/check-node.js', 'src/cli/main.ts', 'mcp'],
    cwd: REPOSITORY,
    // Only these settings: no inherited keys, database or .env.
    env: {
      PATH: process.env.PATH ?? '',
      OBSIDIAN_VAULT_PATH: root,
      JASQUE_DATA_DIR: path.join(dir.path, 'data'),
      LOG_LEVEL: 'warn',
    },
    stderr: 'pipe',
  })
  const client = new Client(
    { name: 'jasque-test', version: '1.0.0' },
    protocolVersion === undefined ? {} : { versionNegotiation: { mode: { pin: protocolVersion } } },
  )
  t.after(async () => {
    await client.close()
    await dir[Symbol.asyncDispose]()
  })
  await client.connect(transport)
  return { client, root }
}

function structured(result: { structuredContent?: unknown }): Record<string, unknown> {
  assert.equal(typeof result.structuredContent, 'object')
  return result.structuredContent as Record<string, unknown>
}

async function readVault(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(path.relative(root, file), await readFile(file, 'latin1'))
  }
  return files
}

test('jasque mcp over stdio lists the four tools with strict schemas and explicit annotations', async (t) => {
  const { client } = await startServer(t)
  assert.equal(client.getServerVersion()?.name, 'jasque')
  t.diagnostic(`protocol ${client.getNegotiatedProtocolVersion()} (${client.getProtocolEra()})`)
  const { tools } = await client.listTools()
  assert.deepEqual(tools.map((tool) => tool.name).sort(), TOOLS)
  for (const tool of tools) {
    assert.ok(tool.title, `${tool.name} has a title`)
    assert.ok(tool.description && tool.description.length > 50, `${tool.name} has a description`)
    assert.equal(tool.inputSchema.type, 'object')
    assert.equal(tool.inputSchema.additionalProperties, false, `${tool.name} rejects unknown fields`)
    assert.ok('operation' in (tool.inputSchema.properties ?? {}), `${tool.name} takes an operation`)
    assert.equal(tool.outputSchema?.type, 'object', `${tool.name} advertises its output`)
    assert.ok(
      Object.hasOwn(tool.outputSchema?.properties ?? {}, 'success'),
      `${tool.name} results carry success`,
    )
    const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = tool.annotations ?? {}
    assert.equal(openWorldHint, false)
    assert.equal(typeof readOnlyHint, 'boolean')
    assert.equal(typeof destructiveHint, 'boolean')
    assert.equal(typeof idempotentHint, 'boolean')
  }
  const query = tools.find((tool) => tool.name === 'obsidian_query_vault')
  assert.deepEqual(query?.annotations, {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  })
  const notes = tools.find((tool) => tool.name === 'obsidian_manage_notes')
  assert.deepEqual(notes?.annotations, {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  })
})

test('a query over MCP returns the JSON as text and as structuredContent', async (t) => {
  const { client } = await startServer(t)
  const result = await client.callTool({
    name: 'obsidian_query_vault',
    arguments: { operation: 'get_backlinks', path: 'Projects/Beta.md' },
  })
  assert.notEqual(result.isError, true)
  const data = structured(result)
  assert.equal(data.success, true)
  const [content] = result.content as { type: string; text: string }[]
  assert.equal(content?.type, 'text')
  assert.deepEqual(JSON.parse(content?.text ?? ''), data)
  const text = JSON.stringify(data)
  assert.match(text, /Alpha\.md/)
  assert.match(text, /Gamma\.md/)
})

test('a note created over MCP is on disk and journaled with a change_id', async (t) => {
  const { client, root } = await startServer(t)
  const result = await client.callTool({
    name: 'obsidian_manage_notes',
    arguments: { operation: 'create', path: 'Inbox/Idea.md', content: '# Idea\n\nFrom MCP.\n' },
  })
  assert.notEqual(result.isError, true, JSON.stringify(result))
  const data = structured(result)
  assert.equal(data.success, true)
  assert.equal(typeof data.change_id, 'string')
  assert.equal(await readFile(path.join(root, 'Inbox/Idea.md'), 'utf8'), '# Idea\n\nFrom MCP.\n')
  const history = structured(
    await client.callTool({ name: 'obsidian_history', arguments: { operation: 'list_changes' } }),
  )
  const changes = history.results as { change_id: string; source: string; client?: string }[]
  const entry = changes.find((change) => change.change_id === data.change_id)
  assert.equal(entry?.source, 'mcp')
  assert.equal(entry?.client, 'jasque-test')
})

test('a move that rewrites links, undone through obsidian_history, leaves the vault byte-identical', async (t) => {
  const { client, root } = await startServer(t)
  const before = await readVault(root)
  const moved = structured(
    await client.callTool({
      name: 'obsidian_manage_structure',
      arguments: { operation: 'move', path: 'Projects/Beta.md', new_path: 'Archive/Beta Old.md' },
    }),
  )
  assert.equal(moved.success, true, JSON.stringify(moved))
  assert.equal(typeof moved.change_id, 'string')
  const alpha = await readFile(path.join(root, 'Projects/Alpha.md'), 'utf8')
  assert.match(alpha, /\[\[Beta Old\]\]|\[\[Archive\/Beta Old/)
  const undone = structured(
    await client.callTool({
      name: 'obsidian_history',
      arguments: { operation: 'undo', change_id: moved.change_id },
    }),
  )
  assert.equal(undone.success, true, JSON.stringify(undone))
  const after = await readVault(root)
  // The empty Archive folder may stay behind; every file is back, byte for byte.
  assert.deepEqual(after, before)
})

test('invalid arguments give an isError result naming the unknown field', async (t) => {
  const { client } = await startServer(t)
  const result = await client.callTool({
    name: 'obsidian_query_vault',
    arguments: { operation: 'get_tags', colour: 'blue' },
  })
  assert.equal(result.isError, true)
  const [content] = result.content as { type: string; text: string }[]
  assert.match(content?.text ?? '', /colour/)
  assert.match(content?.text ?? '', /Invalid arguments for obsidian_query_vault/)
})

test('a note written to disk while the server runs is found: the watcher keeps the index fresh', async (t) => {
  const { client, root } = await startServer(t)
  await writeFile(path.join(root, 'Notes/Delta.md'), '# Delta\n\nWritten by another app.\n')
  // A limit so a broken watcher fails clearly instead of hanging, not a timing assertion.
  const deadline = Date.now() + 10_000
  let found = ''
  while (Date.now() < deadline) {
    const result = await client.callTool({
      name: 'obsidian_query_vault',
      arguments: { operation: 'find_by_name', query: 'Delta' },
    })
    found = JSON.stringify(structured(result))
    if (found.includes('Notes/Delta.md')) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.match(found, /Notes\/Delta\.md/)
})

test('a client pinned to protocol 2026-07-28 gets the same tools, results and fix-it errors', async (t) => {
  const { client, root } = await startServer(t, '2026-07-28')
  assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28')
  const { tools } = await client.listTools()
  assert.deepEqual(tools.map((tool) => tool.name).sort(), TOOLS)
  const created = await client.callTool({
    name: 'obsidian_manage_notes',
    arguments: { operation: 'create', path: 'Modern.md', content: 'new era\n' },
  })
  assert.equal(typeof structured(created).change_id, 'string')
  assert.equal(await readFile(path.join(root, 'Modern.md'), 'utf8'), 'new era\n')
  const history = structured(
    await client.callTool({ name: 'obsidian_history', arguments: { operation: 'list_changes', limit: 1 } }),
  )
  assert.deepEqual(
    (history.results as { source: string; client?: string }[]).map(({ source, client }) => ({
      source,
      client,
    })),
    [{ source: 'mcp', client: 'jasque-test' }],
  )
  const invalid = await client.callTool({
    name: 'obsidian_manage_notes',
    arguments: { operation: 'create', path: 'X.md', colour: 'blue' },
  })
  assert.equal(invalid.isError, true)
  assert.match(JSON.stringify(invalid.content), /colour/)
})
