/**
 * A Jasque server in its own process for the tracing benchmarks (Datadog, OpenTelemetry): a fake
 * model scripted with one search turn per request, a clean environment, /proc readings of its CPU
 * and memory, and a turn helper. Linux only (reads /proc).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { type FakeAnthropic, startFakeAnthropic } from '../test/helpers/fake-anthropic.ts'
import { median, percentile } from './bench-utils.ts'

const API_KEY = 'bench-secret'

/** User plus system CPU time of a process, in ms, from /proc/<pid>/stat (fields 14 and 15). */
export function readCpuMs(pid: number, ticksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
}

export function readStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
  return kb / 1024
}

export interface TurnsReport {
  cpuMsPerTurn: number
  /** Also counting the CPU of the `flushWaitMs` after the last turn (traces sent in batches). */
  cpuMsPerTurnWithFlush: number
  rssAfterMb: number
  p50: number
  p99: number
  failures: number
}

/**
 * Runs `count` turns one after another, from turn number `from`: the server's CPU per turn,
 * latencies and failures, and its RSS right after (then waits `flushWaitMs` for the CPU with flush).
 */
export async function measureTurns(
  server: Pick<BenchServer, 'pid' | 'turn'>,
  options: { from: number; count: number; ticksPerSecond: number; flushWaitMs: number },
): Promise<TurnsReport> {
  const { from, count, ticksPerSecond } = options
  const cpuBefore = readCpuMs(server.pid, ticksPerSecond)
  const latencies: number[] = []
  let failures = 0
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    if (!(await server.turn(from + i))) failures += 1
    latencies.push(performance.now() - start)
  }
  const cpuAfter = readCpuMs(server.pid, ticksPerSecond)
  const rssAfterMb = readStatusMb(server.pid, 'VmRSS')
  await sleep(options.flushWaitMs)
  const cpuFlushed = readCpuMs(server.pid, ticksPerSecond)
  return {
    cpuMsPerTurn: (cpuAfter - cpuBefore) / count,
    cpuMsPerTurnWithFlush: (cpuFlushed - cpuBefore) / count,
    rssAfterMb,
    p50: median(latencies),
    p99: percentile(latencies, 0.99),
    failures,
  }
}

async function waitForPort(server: ChildProcess, stderr: () => string): Promise<number> {
  let buffer = ''
  let port: number | undefined
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr()}`)), 30_000)
    // The pipe is drained for the whole run (a full pipe would stall the server's logger).
    server.stdout?.on('data', (chunk: Buffer) => {
      if (port !== undefined) return
      buffer += chunk.toString('utf8')
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        const found = /"msg":"listening"/.test(line) ? /"port":(\d+)/.exec(line)?.[1] : undefined
        if (found === undefined) continue
        port = Number(found)
        clearTimeout(timer)
        resolve(port)
      }
    })
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr()}`)))
  })
}

async function waitForReady(base: string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const response = await fetch(`${base}/health/ready`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    }).catch((error: unknown) => error as Error)
    if (!(response instanceof Error) && response.status === 200) return
    if (Date.now() > deadline) {
      const detail = response instanceof Error ? response.message : await response.text()
      throw new Error(`the server never became ready: ${detail}`)
    }
    await sleep(100)
  }
}

export interface BenchServerOptions {
  /** The entry point (src/main.ts or dist/main.js). */
  main: string
  /** Node options before the entry point (a preload, say). */
  nodeArgs?: string[]
  /** Extra environment (tracer settings). */
  env?: Record<string, string>
  vault: string
  dataDir: string
  /** The word every scripted turn searches for. */
  rareWord: string
  /** How many turns the fake model is scripted for. */
  turns: number
}

export interface BenchServer extends AsyncDisposable {
  pid: number
  /** One chat turn (a search, then the answer); true when it answered 200 with the answer. */
  turn(i: number): Promise<boolean>
}

/** Starts the fake model and the server, ready to take turns; dispose to stop both. */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const fake: FakeAnthropic = await startFakeAnthropic()
  for (let i = 0; i < options.turns; i++) {
    fake.enqueue(
      {
        type: 'turn',
        toolUses: [
          { name: 'obsidian_query_vault', input: { operation: 'search_text', query: options.rareWord } },
        ],
        usage: { input: 1200, output: 30 },
      },
      { type: 'turn', text: 'Found it.', usage: { input: 1500, output: 10 } },
    )
  }
  // The same V8 setting as npm run start:prod and start:datadog.
  const server = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--max-semi-space-size=16', options.main],
    {
      // A temp cwd so no .env is read; a clean environment so no DD_*, OTEL_* or NODE_OPTIONS leak in.
      cwd: options.dataDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...options.env,
        OBSIDIAN_VAULT_PATH: options.vault,
        JASQUE_DATA_DIR: options.dataDir,
        JASQUE_WATCH: 'false',
        JASQUE_API_KEY: API_KEY,
        ANTHROPIC_API_KEY: 'bench-key',
        ANTHROPIC_BASE_URL: fake.baseUrl,
        HOST: '127.0.0.1',
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  server.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = once(server, 'exit')
      server.kill('SIGTERM')
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    }
    await fake.close()
  }
  try {
    const base = `http://127.0.0.1:${await waitForPort(server, () => stderr)}`
    await waitForReady(base)
    return {
      pid: server.pid as number,
      async turn(i) {
        const response = await fetch(`${base}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'jasque',
            messages: [{ role: 'user', content: `Which notes mention ${options.rareWord}? (${i})` }],
          }),
        })
        const body = await response.text()
        return response.status === 200 && body.includes('Found it.')
      },
      [Symbol.asyncDispose]: stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
