/**
 * The server half of the API benchmark, in a child process so the client's CPU is not counted as
 * the server's: the real app and agent over the instant model, listening on 127.0.0.1, answering
 * its parent's measurement requests over IPC. It exits when the parent closes it or goes away.
 * `startApiBenchServer` is the parent's side.
 */
import { fork } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { type AgentRequest, createAgent } from '../src/agent/index.ts'
import { buildApp, startServer } from '../src/api/index.ts'
import { DEFAULT_PREFERENCES, type Preferences } from '../src/preferences/index.ts'
import { createVault } from '../src/vault/index.ts'
import { BENCH_API_KEY, BENCH_PROMPT, createInstantModel, findNotesTool } from './instant-model.ts'

export interface MemorySample {
  atMs: number
  rssMb: number
  heapUsedMb: number
  /** Live heap: after a full collection, forced for the sample. */
  heapAfterGcMb: number
}

/** What the parent may ask; each answer carries the request's `id`. */
export type ServerRequest =
  | { id: number; type: 'usage' }
  | { id: number; type: 'direct-turns'; turns: number }
  | { id: number; type: 'heap-after-gc' }
  | { id: number; type: 'start-sampling'; intervalMs: number }
  | { id: number; type: 'stop-sampling' }
  | { id: number; type: 'close' }

const megabytes = (bytes: number) => bytes / 1024 / 1024

function collectGarbage(): void {
  // Two passes: the first may only queue finalizers.
  globalThis.gc?.()
  globalThis.gc?.()
}

async function serve(): Promise<void> {
  // Info level and synchronous writes, as in production (src/log.ts), written nowhere: the cost of
  // logging counts, the disk does not.
  const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }))
  // The bench tool reads no vault; the agent's tool context still carries one (empty, not indexed).
  const vaultDir = await mkdtemp(path.join(tmpdir(), 'jasque-bench-api-'))
  process.once('exit', () => rmSync(vaultDir, { recursive: true, force: true }))
  const vault = await createVault({ root: vaultDir, log, watch: false })
  const agent = createAgent({
    model: createInstantModel(),
    modelId: 'bench:instant',
    tools: [findNotesTool],
    toolDependencies: { vault },
    // The real source hands out its cached object too; it never clones per request.
    preferences: { get: async () => DEFAULT_PREFERENCES as Preferences },
    log,
    maxSteps: 20,
    timeoutMs: 120_000,
    maxRetries: 0,
  })
  const app = await buildApp({
    agent,
    store: { provider: 'sqlite', ping: async () => {} },
    vault: { isReady: () => true, noteCount: () => 1 },
    config: {
      apiKey: BENCH_API_KEY,
      allowedOrigins: ['app://obsidian.md'],
      requestTimeoutMs: 600_000,
      maxConversationMessages: 50,
    },
    log,
  })
  const address = await startServer(app, { host: '127.0.0.1', port: 0, apiKey: BENCH_API_KEY, log })

  // One turn straight through agent.run(), the baseline the HTTP turn is compared with.
  async function directTurn(index: number): Promise<number> {
    const request: AgentRequest = {
      prompt: BENCH_PROMPT,
      history: [],
      clientInstructions: [],
      requestId: `direct-${index}`,
      source: { kind: 'api', requestId: `direct-${index}` },
    }
    const started = performance.now()
    let text = ''
    for await (const event of agent.run(request, new AbortController().signal)) {
      if (event.type === 'text-delta') text += event.text
      if (event.type === 'end' && event.finishReason !== 'stop')
        throw new Error(`run ended: ${event.finishReason}`)
    }
    if (!text.endsWith('and Gamma.')) throw new Error(`unexpected answer: ${text}`)
    return performance.now() - started
  }

  let samples: MemorySample[] = []
  let sampler: NodeJS.Timeout | undefined
  const sample = (startedAt: number) => {
    const memory = process.memoryUsage()
    collectGarbage()
    samples.push({
      atMs: performance.now() - startedAt,
      rssMb: megabytes(memory.rss),
      heapUsedMb: megabytes(memory.heapUsed),
      heapAfterGcMb: megabytes(process.memoryUsage().heapUsed),
    })
  }

  async function answer(request: ServerRequest): Promise<unknown> {
    switch (request.type) {
      case 'usage':
        return { cpu: process.cpuUsage(), memory: process.memoryUsage() }
      case 'direct-turns': {
        const cpuBefore = process.cpuUsage()
        const durationsMs: number[] = []
        for (let i = 0; i < request.turns; i++) durationsMs.push(await directTurn(i))
        const cpu = process.cpuUsage(cpuBefore)
        return { durationsMs, cpuMs: (cpu.user + cpu.system) / 1000 }
      }
      case 'heap-after-gc':
        collectGarbage()
        return process.memoryUsage()
      case 'start-sampling': {
        samples = []
        const startedAt = performance.now()
        sample(startedAt)
        sampler = setInterval(() => sample(startedAt), request.intervalMs)
        return undefined
      }
      case 'stop-sampling':
        clearInterval(sampler)
        return samples
      case 'close':
        clearInterval(sampler)
        await app.close()
        return undefined
    }
  }

  // A parent that is gone cannot be answered; the 'disconnect' handler below stops the server.
  const reply = (message: object) => {
    if (process.connected) process.send?.(message, undefined, {}, () => {})
  }
  process.on('message', (request: ServerRequest) => {
    answer(request).then(
      (result) => {
        reply({ id: request.id, result })
        if (request.type === 'close' && process.connected) process.disconnect()
      },
      (error: unknown) => reply({ id: request.id, error: String(error) }),
    )
  })
  // The parent went away without closing us: stop rather than linger.
  process.on('disconnect', () => {
    clearInterval(sampler)
    void app.close()
  })
  reply({ address })
}

type WithoutId<Request> = Request extends unknown ? Omit<Request, 'id'> : never

export interface ApiBenchServer {
  address: string
  ask<T>(request: WithoutId<ServerRequest>): Promise<T>
  /** Closes the app, then waits for the process to end (killing it after 5 s). */
  close(): Promise<void>
}

/** Forks this file as the benchmark server and waits until it listens. */
export async function startApiBenchServer(profileDir?: string): Promise<ApiBenchServer> {
  const profile = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]
  const child = fork(import.meta.filename, [], {
    // The young-generation cap of the start commands, so CPU and memory are production's.
    execArgv: ['--expose-gc', '--max-semi-space-size=16', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 1
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const address = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: { id?: number; address?: string; result?: unknown; error?: string }) => {
      if (message.address !== undefined) resolve(message.address)
      const waiter = message.id === undefined ? undefined : pending.get(message.id)
      if (message.id === undefined || waiter === undefined) return
      pending.delete(message.id)
      if (message.error === undefined) waiter.resolve(message.result)
      else waiter.reject(new Error(message.error))
    })
    child.once('exit', (code) => {
      const error = new Error(`the benchmark server exited (code ${code})`)
      reject(error)
      for (const waiter of pending.values()) waiter.reject(error)
    })
  })
  const ask = <T>(request: WithoutId<ServerRequest>) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      child.send({ ...request, id })
    })
  return {
    address,
    ask,
    async close() {
      if (child.exitCode !== null) return
      await ask({ type: 'close' }).catch(() => {})
      const timer = setTimeout(() => child.kill(), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

if (import.meta.main) await serve()
