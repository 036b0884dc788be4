/**
 * API overhead benchmark: the real app and agent over an instant fake model, in a child process,
 * driven over HTTP on 127.0.0.1 from this one. One-tool streaming turns measure the server's CPU
 * per turn, the latency HTTP adds to agent.run(), the time from the model's first token to the
 * client, throughput at 10 and 50 concurrent streams, and a soak at 50 streams for memory and errors.
 * Alone: `node bench/api.ts [--soak-seconds 60] [--load-seconds 8] [--profile-dir DIR]`.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { type LoadOptions, type LoadResult, runLoad } from './api-client.ts'
import { type ApiBenchServer, type MemorySample, startApiBenchServer } from './api-server.ts'
import { formatMs, median, percentile, table } from './bench-utils.ts'

export interface ApiBenchOptions {
  /** Length of the 50-stream soak (default 60). */
  soakSeconds?: number
  /** Length of each throughput run (default 8). */
  loadSeconds?: number
  /** Turns of the one-at-a-time runs, for each of HTTP and agent.run() (default 800). */
  sequentialTurns?: number
  /** Write a V8 CPU profile of the server process here. */
  profileDir?: string
}

const TARGET_CPU_MS = 3
const TARGET_FIRST_BYTE_MS = 5
const SAMPLE_INTERVAL_MS = 5000
// The live heap moves by a megabyte or two between samples (timers, idle sockets, compiled code),
// so the first and last few samples are compared by their medians; more growth than this is a leak.
const FLAT_HEAP_GROWTH_MB = 2
// HTTP and direct turns alternate in batches so both see the same machine (other work, GC state).
const BATCH_TURNS = 100

interface Measured {
  load: LoadResult
  serverCpuMs: number
  clientCpuMs: number
}

const cpuMs = (cpu: NodeJS.CpuUsage) => (cpu.user + cpu.system) / 1000

async function measureLoad(server: ApiBenchServer, options: LoadOptions): Promise<Measured> {
  const before = await server.ask<{ cpu: NodeJS.CpuUsage }>({ type: 'usage' })
  const clientBefore = process.cpuUsage()
  const load = await runLoad(server.address, options)
  const clientCpuMs = cpuMs(process.cpuUsage(clientBefore))
  const after = await server.ask<{ cpu: NodeJS.CpuUsage }>({ type: 'usage' })
  return { load, serverCpuMs: cpuMs(after.cpu) - cpuMs(before.cpu), clientCpuMs }
}

/** One client turn after turn over HTTP, alternating with the same turns through agent.run(). */
async function measureSequential(server: ApiBenchServer, turns: number) {
  const http = {
    latenciesMs: [] as number[],
    firstBytesMs: [] as number[],
    errors: 0,
    firstErrors: [] as string[],
    cpuMs: 0,
  }
  const direct = { durationsMs: [] as number[], cpuMs: 0 }
  for (let done = 0; done < turns; done += BATCH_TURNS) {
    const batch = Math.min(BATCH_TURNS, turns - done)
    const directBatch = await server.ask<{ durationsMs: number[]; cpuMs: number }>({
      type: 'direct-turns',
      turns: batch,
    })
    direct.durationsMs.push(...directBatch.durationsMs)
    direct.cpuMs += directBatch.cpuMs
    const { load, serverCpuMs } = await measureLoad(server, { concurrency: 1, turns: batch })
    http.latenciesMs.push(...load.latenciesMs)
    http.firstBytesMs.push(...load.firstBytesMs)
    http.errors += load.errors
    http.firstErrors.push(...load.firstErrors)
    http.cpuMs += serverCpuMs
  }
  return { http, direct, turns }
}

const pair = (values: number[]) => `${formatMs(median(values))} / ${formatMs(percentile(values, 0.99))}`
const verdict = (isMet: boolean) => (isMet ? 'met' : '**missed**')
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
const perSecond = (load: LoadResult) => ((load.turns / load.elapsedMs) * 1000).toFixed(0)

function printOverhead(
  print: (line: string) => void,
  sequential: Awaited<ReturnType<typeof measureSequential>>,
): void {
  const { http, direct, turns } = sequential
  const cpuPerTurn = http.cpuMs / turns
  const added = (fraction: number) =>
    percentile(http.latenciesMs, fraction) - percentile(direct.durationsMs, fraction)
  print('\n### API overhead: one-tool streaming turn, instant fake model\n')
  print(
    table(
      ['one client, turn after turn', 'target', 'measured', ''],
      [
        [
          'server CPU per turn (ms)',
          `≤ ${TARGET_CPU_MS}`,
          formatMs(cpuPerTurn),
          verdict(cpuPerTurn <= TARGET_CPU_MS),
        ],
        ['… of which agent.run() alone (ms)', '', formatMs(direct.cpuMs / turns), ''],
        [
          'first token → client, p50 / p99 (ms)',
          `≤ ${TARGET_FIRST_BYTE_MS}`,
          pair(http.firstBytesMs),
          verdict(median(http.firstBytesMs) <= TARGET_FIRST_BYTE_MS),
        ],
        ['turn over HTTP, p50 / p99 (ms)', '', pair(http.latenciesMs), ''],
        ['same turn through agent.run(), p50 / p99 (ms)', '', pair(direct.durationsMs), ''],
        ['added latency, p50 / p99 (ms)', '', `${formatMs(added(0.5))} / ${formatMs(added(0.99))}`, ''],
        ['errors', '0', String(http.errors), verdict(http.errors === 0)],
      ],
    ),
  )
}

function printThroughput(
  print: (line: string) => void,
  loads: { clients: number; measured: Measured }[],
): void {
  print('\n### API throughput: concurrent streaming clients\n')
  const rows = loads.map(({ clients, measured: { load, serverCpuMs, clientCpuMs } }) => {
    const busy = (ms: number) => `${((ms / load.elapsedMs) * 100).toFixed(0)} %`
    return [
      clients,
      perSecond(load),
      pair(load.latenciesMs),
      pair(load.firstBytesMs),
      formatMs(serverCpuMs / load.turns),
      `${busy(serverCpuMs)} / ${busy(clientCpuMs)}`,
      load.errors,
    ]
  })
  const headers = ['clients', 'turns/s', 'turn p50 / p99 (ms)', 'first token → client p50 / p99 (ms)']
  print(table([...headers, 'server CPU per turn (ms)', 'server / client CPU (of one core)', 'errors'], rows))
}

interface Soak {
  seconds: number
  measured: Measured
  samples: MemorySample[]
  warmHeap: NodeJS.MemoryUsage
  endHeap: NodeJS.MemoryUsage
}

function printSoak(
  print: (line: string) => void,
  { seconds, measured: { load }, samples, warmHeap, endHeap }: Soak,
): void {
  const live = samples.map((sample) => sample.heapAfterGcMb)
  const edge = Math.min(3, Math.floor(live.length / 2))
  const growthMb = live.length < 2 ? 0 : median(live.slice(-edge)) - median(live.slice(0, edge))
  const rss = samples.map((sample) => sample.rssMb)
  print(`\n### API soak: ${seconds} s at 50 concurrent streams\n`)
  print(
    table(
      ['measure', 'target', 'measured', ''],
      [
        ['turns (turns/s)', '', `${load.turns} (${perSecond(load)})`, ''],
        ['errors', '0', String(load.errors), verdict(load.errors === 0)],
        ['turn p50 / p99 (ms)', '', pair(load.latenciesMs), ''],
        [
          `live heap growth, first ${edge} → last ${edge} samples (MB)`,
          `flat (≤ ${FLAT_HEAP_GROWTH_MB})`,
          growthMb.toFixed(1),
          verdict(growthMb <= FLAT_HEAP_GROWTH_MB),
        ],
        [
          'live heap before → after the soak (MB)',
          '',
          `${mb(warmHeap.heapUsed)} → ${mb(endHeap.heapUsed)}`,
          '',
        ],
        [
          'RSS: first sample → end, max (MB)',
          '',
          `${rss[0]?.toFixed(0)} → ${rss.at(-1)?.toFixed(0)}, ${Math.max(...rss).toFixed(0)}`,
          '',
        ],
      ],
    ),
  )
  const listed = samples.map(
    (sample) =>
      `${(sample.atMs / 1000).toFixed(0)}: ${sample.rssMb.toFixed(0)} / ${sample.heapUsedMb.toFixed(0)} / ${sample.heapAfterGcMb.toFixed(1)}`,
  )
  print(
    `\nEvery ${SAMPLE_INTERVAL_MS / 1000} s (s: RSS / heap used / live heap after GC, MB): ${listed.join(', ')}`,
  )
}

/** Runs the API benchmark (about 30 s plus the soak) and prints Markdown tables. */
export async function runApiBench(
  print: (line: string) => void,
  options: ApiBenchOptions = {},
): Promise<void> {
  const soakSeconds = options.soakSeconds ?? 60
  const loadMs = (options.loadSeconds ?? 8) * 1000
  const server = await startApiBenchServer(options.profileDir)
  try {
    const loadBefore = loadavg()[0] ?? 0
    await runLoad(server.address, { concurrency: 10, turns: 300 })
    await server.ask({ type: 'direct-turns', turns: 200 })
    const sequential = await measureSequential(server, options.sequentialTurns ?? 800)
    const loads = [
      { clients: 10, measured: await measureLoad(server, { concurrency: 10, durationMs: loadMs }) },
      { clients: 50, measured: await measureLoad(server, { concurrency: 50, durationMs: loadMs }) },
    ]
    const warmHeap = await server.ask<NodeJS.MemoryUsage>({ type: 'heap-after-gc' })
    await server.ask({ type: 'start-sampling', intervalMs: SAMPLE_INTERVAL_MS })
    const soak = await measureLoad(server, { concurrency: 50, durationMs: soakSeconds * 1000 })
    const samples = await server.ask<MemorySample[]>({ type: 'stop-sampling' })
    const endHeap = await server.ask<NodeJS.MemoryUsage>({ type: 'heap-after-gc' })

    printOverhead(print, sequential)
    printThroughput(print, loads)
    printSoak(print, { seconds: soakSeconds, measured: soak, samples, warmHeap, endHeap })
    print(
      `\nServer and client share ${cpus().length} CPUs; load average at the start ${loadBefore.toFixed(1)}, at the end ${(loadavg()[0] ?? 0).toFixed(1)} (latency and turns/s suffer from other work; CPU per turn much less).`,
    )
    const errors = [
      ...sequential.http.firstErrors,
      ...loads.flatMap((entry) => entry.measured.load.firstErrors),
      ...soak.load.firstErrors,
    ]
    for (const error of errors.slice(0, 3)) print(`\nerror: ${error}`)
  } finally {
    await server.close()
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      'soak-seconds': { type: 'string', default: '60' },
      'load-seconds': { type: 'string', default: '8' },
      'profile-dir': { type: 'string' },
    },
  })
  await runApiBench((line) => process.stdout.write(`${line}\n`), {
    soakSeconds: Number(values['soak-seconds']),
    loadSeconds: Number(values['load-seconds']),
    ...(values['profile-dir'] === undefined ? {} : { profileDir: values['profile-dir'] }),
  })
}
