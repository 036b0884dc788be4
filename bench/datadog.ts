/**
 * Datadog overhead benchmark: the built server runs twice in the same run, without and with the
 * dd-trace preload, against an instant fake Anthropic API (one search_text tool call, then an
 * answer) and a fake Datadog Agent; sequential one-tool turns over HTTP measure the server's CPU
 * per turn (from /proc), its memory and the latency.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type FakeDatadogAgent, startFakeDatadogAgent } from '../test/helpers/fake-datadog-agent.ts'
import { measureTurns, readStatusMb, startBenchServer } from './bench-server.ts'
import { ensureBenchVault, formatMs, table } from './bench-utils.ts'

const REPOSITORY = path.resolve(import.meta.dirname, '..')
const MAIN = path.join(REPOSITORY, 'dist/main.js')
const WARM_UP_TURNS = 20
const TURNS = 200
/** After the last turn, the tracer's periodic flush still costs CPU: it is counted too. */
const FLUSH_WAIT_MS = 3000
interface ServerReport {
  cpuMsPerTurn: number
  cpuMsPerTurnWithFlush: number
  rssIdleMb: number
  peakIdleMb: number
  rssReadyMb: number
  rssAfterMb: number
  peakRssMb: number
  p50: number
  p99: number
  failures: number
  spans: number
}

/** The tracer settings: APM and LLM Observability through the (fake) agent, nothing else. */
function datadogEnv(agentUrl: string): Record<string, string> {
  return {
    DD_TRACE_AGENT_URL: agentUrl,
    DD_SERVICE: 'jasque',
    DD_ENV: 'bench',
    DD_LLMOBS_ENABLED: '1',
    DD_LLMOBS_ML_APP: 'jasque',
    DD_LLMOBS_AGENTLESS_ENABLED: '0',
    DD_TRACE_STARTUP_LOGS: 'false',
    DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
    DD_REMOTE_CONFIGURATION_ENABLED: 'false',
  }
}

async function measureServer(options: {
  preload: boolean
  vault: string
  dataDir: string
  agent: FakeDatadogAgent
  rareWord: string
  ticksPerSecond: number
}): Promise<ServerReport> {
  const { agent, ticksPerSecond } = options
  await using server = await startBenchServer({
    main: MAIN,
    nodeArgs: options.preload ? ['--import', import.meta.resolve('dd-trace/initialize.mjs')] : [],
    env: datadogEnv(agent.url),
    vault: options.vault,
    dataDir: options.dataDir,
    rareWord: options.rareWord,
    turns: WARM_UP_TURNS + TURNS,
  })
  const { pid } = server
  const rssIdleMb = readStatusMb(pid, 'VmRSS')
  const peakIdleMb = readStatusMb(pid, 'VmHWM')
  for (let i = 0; i < WARM_UP_TURNS; i++) await server.turn(i)
  const spansBefore = agent.spans.length
  const rssReadyMb = readStatusMb(pid, 'VmRSS')
  const turns = await measureTurns(server, {
    from: WARM_UP_TURNS,
    count: TURNS,
    ticksPerSecond,
    flushWaitMs: FLUSH_WAIT_MS,
  })
  return {
    ...turns,
    rssIdleMb,
    peakIdleMb,
    rssReadyMb,
    peakRssMb: readStatusMb(pid, 'VmHWM'),
    spans: agent.spans.length - spansBefore,
  }
}

/** Runs the built server without then with the dd-trace preload and prints the difference. */
export async function runDatadogBench(print: (line: string) => void): Promise<void> {
  if (!existsSync('/proc/self/stat')) {
    print('\nThe Datadog benchmark reads /proc: it runs on Linux only.')
    return
  }
  if (!existsSync(MAIN)) {
    print('building dist/ (npm run build)…')
    execFileSync('npm', ['run', 'build'], { cwd: REPOSITORY, stdio: 'ignore' })
  }
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  const { root, manifest } = ensureBenchVault(1000, print)
  const rareWord = manifest.search.rare_ascii?.query as string
  const scratch = await mkdtemp(path.join(tmpdir(), 'jasque-bench-datadog-'))
  await using agent = await startFakeDatadogAgent()
  const reports: ServerReport[] = []
  try {
    for (const preload of [false, true]) {
      const folder = path.join(scratch, preload ? 'with' : 'without')
      // A copy per run: the server writes _jasque/preferences.md into the vault on its first start.
      const vault = path.join(folder, 'vault')
      await cp(root, vault, { recursive: true })
      reports.push(await measureServer({ preload, vault, dataDir: folder, agent, rareWord, ticksPerSecond }))
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  const [without, withPreload] = reports as [ServerReport, ServerReport]
  const row = (name: string, pick: (report: ServerReport) => number, format: (value: number) => string) => {
    const difference = pick(withPreload) - pick(without)
    const ratio =
      pick(without) === 0
        ? ''
        : ` (${difference >= 0 ? '+' : '−'}${Math.abs((difference / pick(without)) * 100).toFixed(0)}%)`
    return [
      name,
      format(pick(without)),
      format(pick(withPreload)),
      `${difference >= 0 ? '+' : '−'}${format(Math.abs(difference))}${ratio}`,
    ]
  }
  const mb = (value: number) => value.toFixed(0)
  print(`\n### Datadog preload: ${TURNS} one-tool turns, 1k-note vault, SQLite, instant fake model\n`)
  print(
    table(
      ['measure', 'without', 'with dd-trace', 'difference'],
      [
        row('server CPU per turn (ms)', (report) => report.cpuMsPerTurn, formatMs),
        row(
          `… counting the flush ${FLUSH_WAIT_MS / 1000} s after the last turn`,
          (report) => report.cpuMsPerTurnWithFlush,
          formatMs,
        ),
        row('latency p50 (ms)', (report) => report.p50, formatMs),
        row('latency p99 (ms)', (report) => report.p99, formatMs),
        row('RSS when ready, before any turn (MB)', (report) => report.rssIdleMb, mb),
        row('peak RSS by then (start-up, index build) (MB)', (report) => report.peakIdleMb, mb),
        row(`RSS after ${WARM_UP_TURNS} warm-up turns (MB)`, (report) => report.rssReadyMb, mb),
        row(`RSS after ${TURNS} turns (MB)`, (report) => report.rssAfterMb, mb),
        row('peak RSS at the end (MB)', (report) => report.peakRssMb, mb),
      ],
    ),
  )
  print(
    `\nFailed turns: ${without.failures} without, ${withPreload.failures} with; APM spans received during the turns: ${withPreload.spans} (${(withPreload.spans / TURNS).toFixed(1)} per turn).`,
  )
}
