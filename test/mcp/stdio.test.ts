/** `jasque mcp` as an MCP client starts it: a real process over stdio, the official client SDK. */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { REPOSITORY } from '../helpers/jasque-process.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'
import { type Connect, FILES, structured, testMcpTransport } from './mcp-scenarios.ts'

const connect: Connect = async (t, { files = FILES, protocolVersion } = {}) => {
  const dir = await tmpDir('jasque-mcp-')
  const root = path.join(dir.path, 'vault')
  const dataDir = path.join(dir.path, 'data')
  await mkdir(root)
  for (const [file, text] of Object.entries(files)) {
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
      JASQUE_DATA_DIR: dataDir,
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
  return { client, root, dataDir }
}

testMcpTransport('stdio', connect, { legacyClient: 'jasque-test' })

test('stdio: a note written to disk while the server runs is found: the watcher keeps the index fresh', async (t) => {
  const { client, root } = await connect(t)
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
