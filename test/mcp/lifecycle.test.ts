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
  const firstLine = new Promise<string>((resolve, reject) => {
    const check = () => {
      const end = stdout.indexOf('\n')
      if (end >= 0) resolve(stdout.slice(0, end))
    }
    child.stdout.on('data', check)
    child.once('exit', () => reject(new Error(`exited before answering: ${stderr}`)))
  })
  child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`)
  const answer = JSON.parse(await firstLine) as { id: number; result?: { serverInfo?: { name: string } } }
  assert.equal(answer.id, 1)
  assert.equal(answer.result?.serverInfo?.name, 'jasque')
  return { child, exited, output: () => ({ stdout, stderr }) }
}

test('jasque mcp writes only JSON-RPC on stdout, logs on stderr, and exits 0 when stdin ends', async (t) => {
  const { child, exited, output } = await startRaw(t)
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
