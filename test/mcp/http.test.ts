/** `/mcp` on a real Jasque server on 127.0.0.1: Streamable HTTP with the official client SDK. */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { startJasqueProcess } from '../helpers/jasque-process.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'
import { type Connect, FILES, testMcpTransport } from './mcp-scenarios.ts'

const API_KEY = 'test-key-for-mcp-over-http'

interface Started {
  url: URL
  root: string
  dataDir: string
}

async function startJasque(t: TestContext, files: Record<string, string>, apiKey?: string): Promise<Started> {
  const dir = await tmpDir('jasque-mcp-http-')
  t.after(() => dir[Symbol.asyncDispose]())
  const root = path.join(dir.path, 'vault')
  const dataDir = path.join(dir.path, 'data')
  await mkdir(root)
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), text)
  }
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      OBSIDIAN_VAULT_PATH: root,
      JASQUE_DATA_DIR: dataDir,
      JASQUE_WATCH: 'false',
      ...(apiKey === undefined ? {} : { JASQUE_API_KEY: apiKey }),
    },
  })
  const listening = await jasque.waitForLine(/"listening"/, 'the listening line')
  const { port } = JSON.parse(listening) as { port: number }
  await jasque.waitForLine(/"vault ready"/, 'the vault index')
  return { url: new URL(`http://127.0.0.1:${port}/mcp`), root, dataDir }
}

function createClient(t: TestContext, url: URL, apiKey: string | undefined, protocolVersion?: string) {
  const client = new Client(
    { name: 'jasque-test', version: '1.0.0' },
    protocolVersion === undefined ? {} : { versionNegotiation: { mode: { pin: protocolVersion } } },
  )
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: apiKey === undefined ? {} : { headers: { Authorization: `Bearer ${apiKey}` } },
  })
  t.after(() => client.close())
  return { client, transport }
}

const connect: Connect = async (t, { files = FILES, protocolVersion } = {}) => {
  const { url, root, dataDir } = await startJasque(t, files, API_KEY)
  const { client, transport } = createClient(t, url, API_KEY, protocolVersion)
  await client.connect(transport)
  return { client, root, dataDir }
}

// Node's fetch sends `User-Agent: node`.
testMcpTransport('HTTP', connect, { legacyClient: 'node' })

const initialize = (protocolVersion: string) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  })

const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }

test('HTTP: /mcp without the key or with a wrong one is 401 with a Bearer challenge', async (t) => {
  const { url } = await startJasque(t, FILES, API_KEY)
  for (const authorization of [undefined, 'Bearer wrong-key']) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...MCP_HEADERS, ...(authorization === undefined ? {} : { authorization }) },
      body: initialize('2025-11-25'),
    })
    assert.equal(response.status, 401, String(authorization))
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm="jasque"/)
    if (authorization !== undefined)
      assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token"/)
  }
  const { client, transport } = createClient(t, url, 'wrong-key')
  await assert.rejects(client.connect(transport), /Incorrect API key/)
})

test('HTTP without an API key: only a localhost Host and a localhost or allowed Origin get through', async (t) => {
  const { url } = await startJasque(t, FILES)
  // node:http, since fetch does not let a caller set Host.
  const post = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        url,
        { method: 'POST', headers: { ...MCP_HEADERS, ...headers } },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
      request.on('error', reject)
      request.end(initialize('2025-11-25'))
    })
  assert.equal(await post({}), 200)
  assert.equal(await post({ host: `localhost:${url.port}` }), 200)
  // A DNS-rebinding page reaches 127.0.0.1 under its own name.
  assert.equal(await post({ host: `evil.example:${url.port}` }), 403)
  assert.equal(await post({ origin: 'https://evil.example' }), 403)
  assert.equal(await post({ origin: 'app://obsidian.md' }), 200)
  assert.equal(await post({ origin: `http://localhost:${url.port}` }), 200)
})

test('HTTP is stateless: a tools/call on a fresh connection needs no session', async (t) => {
  const { url } = await startJasque(t, FILES, API_KEY)
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...MCP_HEADERS, authorization: `Bearer ${API_KEY}`, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'obsidian_query_vault', arguments: { operation: 'get_tags' } },
    }),
  })
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('mcp-session-id'), null)
  const text = await response.text()
  assert.match(text, /"success":true/)
  assert.match(text, /project/)
})
