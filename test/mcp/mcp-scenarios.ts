/**
 * What every MCP transport must do, run with the official client against a real Jasque process:
 * the stdio and the HTTP test files each give a `connect` that starts one over a temporary vault.
 */
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import type { Client } from '@modelcontextprotocol/client'
import { createSilentLogger } from '../../src/log.ts'
import { createStore } from '../../src/store/index.ts'
import { FILES as ALL_OPERATION_FILES, CALLS } from '../helpers/tool-calls.ts'

export const TOOLS = [
  'obsidian_history',
  'obsidian_manage_notes',
  'obsidian_manage_structure',
  'obsidian_query_vault',
]

export const FILES: Record<string, string> = {
  'Projects/Alpha.md': '---\ntags: [project]\n---\n# Alpha\n\nSee [[Beta]] and [[Notes/Gamma|gamma]].\n',
  'Projects/Beta.md': '# Beta\n\nBack to [[Alpha]].\n- [ ] write the plan\n',
  'Notes/Gamma.md': '# Gamma\n\nLinks [[Beta#Heading]] and ![[Beta]].\n',
}

export interface Connected {
  client: Client
  /** The vault folder and Jasque's data folder (its SQLite journal). */
  root: string
  dataDir: string
}

export interface ConnectOptions {
  files?: Record<string, string>
  /** Pin the client to this protocol version (default: the client's own choice). */
  protocolVersion?: string
}

export type Connect = (t: TestContext, options?: ConnectOptions) => Promise<Connected>

export function structured(result: { structuredContent?: unknown }): Record<string, unknown> {
  assert.equal(typeof result.structuredContent, 'object', JSON.stringify(result))
  return result.structuredContent as Record<string, unknown>
}

export async function readVault(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(path.relative(root, file), await readFile(file, 'latin1'))
  }
  return files
}

const BULK_NOTES = 60
const bulkPath = (index: number) => `Bulk/Note ${String(index).padStart(3, '0')}.md`
const bulkText = (index: number, version: string) => `# Note ${index}\n\n${`${version} `.repeat(8_000)}\n`

export interface TransportFacts {
  /**
   * The client name journaled for a 2025-11-25 client: its initialize clientInfo over stdio; over
   * stateless HTTP its User-Agent, since the initialize request is not the tools/call one.
   */
  legacyClient: string
}

/** Registers the shared tests under `label`. */
export function testMcpTransport(label: string, connect: Connect, { legacyClient }: TransportFacts): void {
  test(`${label}: lists the four tools with strict schemas, output schemas and explicit annotations`, async (t) => {
    const { client } = await connect(t)
    assert.equal(client.getServerVersion()?.name, 'jasque')
    const { tools } = await client.listTools()
    assert.deepEqual(tools.map((tool) => tool.name).sort(), TOOLS)
    for (const tool of tools) {
      assert.ok(tool.title, `${tool.name} has a title`)
      assert.ok(tool.description && tool.description.length > 50, `${tool.name} has a description`)
      assert.equal(tool.inputSchema.type, 'object')
      assert.equal(tool.inputSchema.additionalProperties, false, `${tool.name} rejects unknown fields`)
      assert.ok(
        Object.hasOwn(tool.inputSchema.properties ?? {}, 'operation'),
        `${tool.name} takes an operation`,
      )
      assert.equal(tool.outputSchema?.type, 'object', `${tool.name} advertises its output`)
      assert.ok(
        Object.hasOwn(tool.outputSchema?.properties ?? {}, 'success'),
        `${tool.name} results carry success`,
      )
      const readOnly = tool.name === 'obsidian_query_vault'
      assert.deepEqual(tool.annotations, {
        readOnlyHint: readOnly,
        destructiveHint: !readOnly,
        idempotentHint: readOnly,
        openWorldHint: false,
      })
    }
  })

  test(`${label}: every operation of every tool answers, as JSON text and as structuredContent`, async (t) => {
    const { client } = await connect(t, { files: ALL_OPERATION_FILES })
    const outcomes = new Set<string>()
    for (const [name, input] of CALLS) {
      // The client checks structuredContent against the advertised output schema.
      const result = await client.callTool({ name, arguments: input })
      const data = structured(result)
      const [content] = result.content as { type: string; text: string }[]
      assert.equal(content?.type, 'text')
      assert.deepEqual(JSON.parse(content?.text ?? ''), data)
      assert.equal(result.isError === true, data.success === false, `${name} ${JSON.stringify(input)}`)
      if (data.success === false) assert.ok(String(data.message).length > 10, 'a failure says why')
      outcomes.add(`${name} ${String(input.operation)}`)
    }
    assert.equal(
      outcomes.size,
      new Set(CALLS.map(([name, input]) => `${name} ${String(input.operation)}`)).size,
    )
  })

  test(`${label}: a note created is on disk and journaled with source mcp and the client's name`, async (t) => {
    const { client, root } = await connect(t)
    const data = structured(
      await client.callTool({
        name: 'obsidian_manage_notes',
        arguments: { operation: 'create', path: 'Inbox/Idea.md', content: '# Idea\n\nFrom MCP.\n' },
      }),
    )
    assert.equal(data.success, true, JSON.stringify(data))
    assert.equal(typeof data.change_id, 'string')
    assert.equal(await readFile(path.join(root, 'Inbox/Idea.md'), 'utf8'), '# Idea\n\nFrom MCP.\n')
    const history = structured(
      await client.callTool({ name: 'obsidian_history', arguments: { operation: 'list_changes' } }),
    )
    const changes = history.results as { change_id: string; source: string; client?: string }[]
    const entry = changes.find((change) => change.change_id === data.change_id)
    assert.equal(entry?.source, 'mcp')
    assert.equal(entry?.client, legacyClient)
  })

  test(`${label}: a move that rewrites links, undone through obsidian_history, leaves the vault byte-identical`, async (t) => {
    const { client, root } = await connect(t)
    const before = await readVault(root)
    const moved = structured(
      await client.callTool({
        name: 'obsidian_manage_structure',
        arguments: { operation: 'move', path: 'Projects/Beta.md', new_path: 'Archive/Beta Old.md' },
      }),
    )
    assert.equal(moved.success, true, JSON.stringify(moved))
    assert.ok(Number(moved.links_updated) >= 3, JSON.stringify(moved))
    assert.match(await readFile(path.join(root, 'Projects/Alpha.md'), 'utf8'), /Beta Old/)
    const undone = structured(
      await client.callTool({
        name: 'obsidian_history',
        arguments: { operation: 'undo', change_id: moved.change_id },
      }),
    )
    assert.equal(undone.success, true, JSON.stringify(undone))
    // The empty Archive folder may stay behind; every file is back, byte for byte.
    assert.deepEqual(await readVault(root), before)
  })

  test(`${label}: invalid arguments give an isError result with the fix-it message naming the unknown field`, async (t) => {
    const { client } = await connect(t)
    const result = await client.callTool({
      name: 'obsidian_query_vault',
      arguments: { operation: 'get_tags', colour: 'blue' },
    })
    assert.equal(result.isError, true)
    const [content] = result.content as { type: string; text: string }[]
    assert.match(
      content?.text ?? '',
      /Invalid arguments for obsidian_query_vault: .*colour.*Fix these fields/,
    )
  })

  test(`${label}: a client pinned to protocol 2026-07-28 gets the same tools, results and journal`, async (t) => {
    const { client, root } = await connect(t, { protocolVersion: '2026-07-28' })
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28')
    assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name).sort(), TOOLS)
    const created = structured(
      await client.callTool({
        name: 'obsidian_manage_notes',
        arguments: { operation: 'create', path: 'Modern.md', content: 'new era\n' },
      }),
    )
    assert.equal(typeof created.change_id, 'string')
    assert.equal(await readFile(path.join(root, 'Modern.md'), 'utf8'), 'new era\n')
    const history = structured(
      await client.callTool({ name: 'obsidian_history', arguments: { operation: 'list_changes', limit: 1 } }),
    )
    const results = history.results as { source: string; client?: string }[]
    assert.deepEqual(
      results.map(({ source, client }) => ({ source, client })),
      [{ source: 'mcp', client: 'jasque-test' }],
    )
    const invalid = await client.callTool({
      name: 'obsidian_manage_notes',
      arguments: { operation: 'create', path: 'X.md', colour: 'blue' },
    })
    assert.equal(invalid.isError, true)
    assert.match(JSON.stringify(invalid.content), /colour/)
  })

  test(`${label}: a client that goes away mid-call leaves every note old or new, and the journal matching the disk`, async (t) => {
    const files: Record<string, string> = {}
    for (let index = 0; index < BULK_NOTES; index++) files[bulkPath(index)] = bulkText(index, 'old')
    const { client, root, dataDir } = await connect(t, { files })
    const items = Array.from({ length: BULK_NOTES }, (_, index) => ({
      path: bulkPath(index),
      content: bulkText(index, 'new'),
    }))
    const call = client.callTool({
      name: 'obsidian_manage_notes',
      arguments: { operation: 'update', bulk: true, items },
    })
    call.catch(() => {})
    // Leave once the first note is written: the rest of the call is then cut off (or already done).
    for (;;) {
      if ((await readFile(path.join(root, bulkPath(0)), 'utf8')).includes('new ')) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await client.close()
    const isNew = new Set<string>()
    // The server finishes (and journals) the note in flight; wait until the disk stops changing.
    let previous = -1
    for (;;) {
      isNew.clear()
      for (let index = 0; index < BULK_NOTES; index++) {
        const text = await readFile(path.join(root, bulkPath(index)), 'utf8')
        assert.ok(
          text === bulkText(index, 'old') || text === bulkText(index, 'new'),
          `${bulkPath(index)} is torn`,
        )
        if (text === bulkText(index, 'new')) isNew.add(bulkPath(index))
      }
      if (isNew.size === previous) break
      previous = isNew.size
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    t.diagnostic(`${isNew.size} of ${BULK_NOTES} notes written before the client went away`)
    await waitForJournal(dataDir, isNew)
  })
}

/** The newest journal entry lists exactly the notes that are new on disk (read from the store). */
async function waitForJournal(dataDir: string, isNew: Set<string>): Promise<void> {
  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  try {
    let journaled: string[] = []
    // The entry is completed right after the last write; give it a few reads, not a timed assertion.
    for (let attempt = 0; attempt < 50; attempt++) {
      const [entry] = await store.journal.listNewest({ limit: 1 })
      journaled = (entry?.changes ?? []).map((change) => change.path).sort()
      if (journaled.length === isNew.size) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.deepEqual(journaled, [...isNew].sort())
  } finally {
    await store.close()
  }
}
