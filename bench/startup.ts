/**
 * Start-up costs as a user meets them, in fresh processes: a read-only `jasque tool` call, a write
 * call (with its journal entry), the server from start to /health/ready (a new data folder each
 * time, so every start is a first start), and what the embedded store adds to a process's RSS.
 * `node -e 0` is measured in the same run as the floor. Run alone with `node bench/startup.ts`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ensureBenchVault, formatMs, median, table } from './bench-utils.ts'

const RUNS = 5
const CLI = path.resolve(import.meta.dirname, '../src/cli/main.ts')
const SERVER = path.resolve(import.meta.dirname, '../src/main.ts')
const STORE = path.resolve(import.meta.dirname, '../src/store/index.ts')
const LOG = path.resolve(import.meta.dirname, '../src/log.ts')
/** The start commands' flags (`npm run cli`, `npm start`): version check and compile cache first. */
const NODE_FLAGS = [
  '--import',
  path.resolve(import.meta.dirname, '../bin/check-node.js'),
  '--max-semi-space-size=16',
]

function timeProcess(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`)
  return ms
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/** Starts the server on a free port with a new data folder; ms to /health/ready 200 and RSS then. */
async function timeServerStart(env: NodeJS.ProcessEnv): Promise<{ ms: number; rss: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [...NODE_FLAGS, SERVER], {
    env: { ...env, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = ''
      child.stdout.on('data', (chunk) => {
        output += chunk
        const line = output.split('\n').find((text) => text.includes('"listening"'))
        if (line !== undefined) resolve((JSON.parse(line) as { address: string }).address)
      })
      child.on('close', (code) => reject(new Error(`the server exited with ${code}`)))
    })
    for (;;) {
      const response = await fetch(`${url}/health/ready`).catch(() => undefined)
      if (response?.status === 200) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const ms = performance.now() - started
    return { ms, rss: await rssOf(child.pid as number) }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('close', resolve))
  }
}

/** RSS a fresh process gains by opening the embedded store and recording 50 entries. */
function measureStoreRss(dataDir: string): number {
  const script = `
    import { createStore } from ${JSON.stringify(STORE)}
    import { createSilentLogger } from ${JSON.stringify(LOG)}
    const rss = () => process.memoryUsage().rss / 1024 / 1024
    globalThis.gc(); const before = rss()
    const store = await createStore({ dataDir: ${JSON.stringify(dataDir)}, log: createSilentLogger(), autoPrune: false })
    for (let i = 0; i < 50; i++) await store.journal.record({ source: { kind: 'cli' }, tool: 't', operation: 'update', paths: ['a.md'], changes: [{ kind: 'modify', path: 'a.md', before: new Uint8Array(2048) }] })
    globalThis.gc(); process.stdout.write(String(rss() - before)); await store.close()`
  const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`store RSS probe failed: ${run.stderr}`)
  return Number(run.stdout)
}

/** Prints the start-up table for the 1k-note benchmark vault. */
export async function runStartupBench(print: (line: string) => void): Promise<void> {
  const vault = ensureBenchVault(1000, print)
  const work = await mkdtemp(path.join(os.tmpdir(), 'jasque-bench-startup-'))
  try {
    const vaultRoot = path.join(work, 'vault')
    await cp(vault.root, vaultRoot, { recursive: true })
    const base = { PATH: process.env.PATH ?? '', OBSIDIAN_VAULT_PATH: vaultRoot, JASQUE_WATCH: 'false' }
    const cliEnv = { ...base, JASQUE_DATA_DIR: path.join(work, 'cli-data') }
    const floor = Array.from({ length: RUNS }, () => timeProcess(['-e', '0'], process.env))
    // Notes changed within 2 s of a snapshot are hashed at the next start: let the fresh copy age,
    // then one unmeasured call builds the index and writes the snapshot, as a user's first call does.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const readArgs = [...NODE_FLAGS, CLI, 'tool', 'obsidian_query_vault', '{"operation":"get_tags"}']
    const cold = timeProcess(readArgs, cliEnv)
    const read = Array.from({ length: RUNS }, () => timeProcess(readArgs, cliEnv))
    const write = Array.from({ length: RUNS }, (_, index) =>
      timeProcess(
        [
          ...NODE_FLAGS,
          CLI,
          'tool',
          'obsidian_manage_notes',
          JSON.stringify({ operation: 'create', path: `Bench/startup ${index}.md`, content: 'x' }),
        ],
        cliEnv,
      ),
    )
    const starts: { ms: number; rss: number }[] = []
    for (let index = 0; index < RUNS; index += 1) {
      starts.push(await timeServerStart({ ...base, JASQUE_DATA_DIR: path.join(work, `server-${index}`) }))
    }
    const storeRss = median(
      Array.from({ length: 3 }, (_, index) => measureStoreRss(path.join(work, `store-${index}`))),
    )
    const row = (name: string, values: number[], target: string, limit: number) => {
      const value = median(values)
      return [
        name,
        target,
        formatMs(value),
        `${formatMs(Math.min(...values))}–${formatMs(Math.max(...values))}`,
        value <= limit ? 'met' : 'missed',
      ]
    }
    print(`\n### Start-up: 1k-note vault (${RUNS} fresh processes each, median and range)\n`)
    print(
      table(
        ['measure', 'target', 'median', 'range', ''],
        [
          [
            '`node -e 0` (floor, ms)',
            '',
            formatMs(median(floor)),
            `${formatMs(Math.min(...floor))}–${formatMs(Math.max(...floor))}`,
            '',
          ],
          ['first `jasque tool` call: cold build, writes the snapshot (ms)', '', formatMs(cold), '', ''],
          row('read-only `jasque tool` get_tags (ms)', read, '≤ 500', 500),
          row('write `jasque tool` create, journaled (ms)', write, '≤ 1000', 1000),
          row(
            'server start → /health/ready, first start (ms)',
            starts.map((start) => start.ms),
            '≤ 2000',
            2000,
          ),
          ['server RSS at ready (MB)', '', formatMs(median(starts.map((start) => start.rss))), '', ''],
          [
            'RSS the embedded store adds (open + 50 records, MB)',
            '≤ 40',
            formatMs(storeRss),
            '',
            storeRss <= 40 ? 'met' : 'missed',
          ],
        ],
      ),
    )
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

if (import.meta.main) await runStartupBench((line) => console.log(line))
