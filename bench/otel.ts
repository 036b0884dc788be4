/**
 * OpenTelemetry overhead benchmark: the server (`src/main.ts`) runs twice in the same run, without
 * and with OTLP export to a fake collector on 127.0.0.1, against an instant fake Anthropic API (one
 * search_text tool call, then an answer); sequential one-tool turns over HTTP measure the server's
 * CPU per turn (from /proc), its memory and the latency.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { type FakeOtlpCollector, startFakeOtlpCollector } from '../test/helpers/fake-otlp-collector.ts'
import { measureTurns, startBenchServer } from './bench-server.ts'
import { ensureBenchVault, formatMs, table } from './bench-utils.ts'

const REPOSITORY = path.resolve(import.meta.dirname, '..')
const MAIN = path.join(REPOSITORY, 'src/main.ts')
const WARM_UP_TURNS = 20
const TURNS = 200
/** Spans leave in batches every second: the export after the last turn is counted too. */
const FLUSH_WAIT_MS = 3000
interface ServerReport {
  cpuMsPerTurn: number
  cpuMsPerTurnWithFlush: number
  rssAfterMb: number
  p50: number
  p99: number
  failures: number
  exports: number
}

async function measureServer(options: {
  collector: FakeOtlpCollector | undefined
  vault: string
  dataDir: string
  rareWord: string
  ticksPerSecond: number
}): Promise<ServerReport> {
  const { collector, ticksPerSecond } = options
  await using server = await startBenchServer({
    main: MAIN,
    env: collector === undefined ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint },
    vault: options.vault,
    dataDir: options.dataDir,
    rareWord: options.rareWord,
    turns: WARM_UP_TURNS + TURNS,
  })
  for (let i = 0; i < WARM_UP_TURNS; i++) await server.turn(i)
  await sleep(1500)
  const exportsBefore = collector?.requests.length ?? 0
  const turns = await measureTurns(server, {
    from: WARM_UP_TURNS,
    count: TURNS,
    ticksPerSecond,
    flushWaitMs: FLUSH_WAIT_MS,
  })
  return { ...turns, exports: (collector?.requests.length ?? 0) - exportsBefore }
}

/** Runs the server without then with OTLP export and prints the difference. */
export async function runOtelBench(print: (line: string) => void): Promise<void> {
  if (!existsSync('/proc/self/stat')) {
    print('\nThe OpenTelemetry benchmark reads /proc: it runs on Linux only.')
    return
  }
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  const { root, manifest } = ensureBenchVault(1000, print)
  const rareWord = manifest.search.rare_ascii?.query as string
  const scratch = await mkdtemp(path.join(tmpdir(), 'jasque-bench-otel-'))
  // Not decoded: the client whose latency is measured runs in this process too.
  await using collector = await startFakeOtlpCollector({ decode: false })
  const reports: ServerReport[] = []
  try {
    for (const isOn of [false, true]) {
      const folder = path.join(scratch, isOn ? 'on' : 'off')
      // A copy per run: the server writes _jasque/preferences.md into the vault on its first start.
      const vault = path.join(folder, 'vault')
      await cp(root, vault, { recursive: true })
      reports.push(
        await measureServer({
          collector: isOn ? collector : undefined,
          vault,
          dataDir: folder,
          rareWord,
          ticksPerSecond,
        }),
      )
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  const [off, on] = reports as [ServerReport, ServerReport]
  const row = (name: string, pick: (report: ServerReport) => number, format: (value: number) => string) => {
    const difference = pick(on) - pick(off)
    return [
      name,
      format(pick(off)),
      format(pick(on)),
      `${difference >= 0 ? '+' : '−'}${format(Math.abs(difference))}`,
    ]
  }
  print(`\n### OpenTelemetry export: ${TURNS} one-tool turns, 1k-note vault, SQLite, instant fake model\n`)
  print(
    table(
      ['measure', 'export off', 'export on (protobuf)', 'difference'],
      [
        row('server CPU per turn (ms)', (report) => report.cpuMsPerTurn, formatMs),
        row(
          `… counting the export ${FLUSH_WAIT_MS / 1000} s after the last turn`,
          (report) => report.cpuMsPerTurnWithFlush,
          formatMs,
        ),
        row('latency p50 (ms)', (report) => report.p50, formatMs),
        row('latency p99 (ms)', (report) => report.p99, formatMs),
        row(
          `RSS after ${TURNS} turns (MB)`,
          (report) => report.rssAfterMb,
          (value) => value.toFixed(0),
        ),
      ],
    ),
  )
  print(
    `\nFailed turns: ${off.failures} off, ${on.failures} on; OTLP exports received during the turns: ${on.exports} (batches of about one second).`,
  )
}
