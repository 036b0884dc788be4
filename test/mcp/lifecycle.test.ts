/** `jasque mcp` as a process: protocol only on stdout, exit 0 when stdin ends or on SIGTERM. */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { REPOSITORY } from '../helpers/jasque-process.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'raw-test', version: '1.0.0' },
  },
}

async function startRaw(t: TestContext) {
  const dir = await tmpDir('jasque-mcp-life-')
  const root = path.join(dir.path, 'vault')
  await mkdir(root)
  await writeFile(path.join(root, 'A.md'), '# A\n')
  const child = spawn(process.execPath, ['--import', './bin/check-node.js', 'src/cli/main.ts', 'mcp'], {
    cwd: REPOSITORY,
    env: {
      PATH: process.env.PATH ?? '',
      OBSIDIAN_VAULT_PATH: root,
      JASQUE_DATA_DIR: path.join(dir.path, 'data'),
      LOG_LEVEL: 'info',
    },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
    await dir[Symbol.asyncDispose]()
  })
  const answer = (id: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        for (const line of stdout.split('\n')) {
          if (line === '') continue
          const message = JSON.parse(line) as { id?: number }
          if (message.id === id) return resolve(message)
        }
      }
      check()
      child.stdout.on('data', check)
      child.once('exit', () => reject(new Error(`exited before answering ${id}: ${stderr}`)))
    })
  const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`)
  send(INITIALIZE)
  const initialized = (await answer(1)) as { result?: { serverInfo?: { name: string } } }
  assert.equal(initialized.result?.serverInfo?.name, 'jasque')
  send({ jsonrpc: '2.0', method: 'notifications/initialized' })
  return { child, exited, send, answer, output: () => ({ stdout, stderr }) }
}

test('jasque mcp writes only JSON-RPC on stdout, logs on stderr, and exits 0 when stdin ends', async (t) => {
  const { child, exited, send, answer, output } = await startRaw(t)
  // A 2025-11-25 client (initialize handshake) gets the same tools as a 2026-07-28 one.
  send({ jsonrpc: '2.0', id: 2, method: 'tools/list' })
  const listed = (await answer(2)) as { result?: { tools?: { name: string }[] } }
  assert.equal(listed.result?.tools?.length, 4)
  child.stdin.end()
  const [code] = await exited
  assert.equal(code, 0)
  const { stdout, stderr } = output()
  for (const line of stdout.split('\n').filter((text) => text !== '')) {
    assert.equal((JSON.parse(line) as { jsonrpc: string }).jsonrpc, '2.0')
  }
  assert.match(stderr, /mcp server ready on stdio/)
  assert.match(stderr, /mcp server stopped/)
})

test('jasque mcp closes cleanly and exits 0 on SIGTERM', async (t) => {
  const { child, exited, output } = await startRaw(t)
  child.kill('SIGTERM')
  const [code, signal] = await exited
  assert.equal(signal, null)
  assert.equal(code, 0)
  assert.match(output().stderr, /mcp server stopped/)
})
