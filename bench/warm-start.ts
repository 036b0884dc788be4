/**
 * Warm-start benchmark: on a copy of each benchmark vault, in fresh processes, a walk + stat of
 * every file (the reference), a cold build that writes the snapshot, restarts on the unchanged
 * vault, restarts after 1% of the notes changed while stopped, and `jasque tool` calls (process
 * start to exit) against the snapshot. Memory after indexing is split into heap, external
 * (note texts, typed arrays) and the rest of the RSS (code, thread stacks, pages kept by ended
 * workers).
 */
import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSilentLogger } from '../src/log.ts'
import { createVault, walkVault } from '../src/vault/index.ts'
import { ensureBenchVault, formatMs, median, table } from './bench-utils.ts'

const RESTARTS = 3
const CLI = path.resolve(import.meta.dirname, '../src/cli/main.ts')
/** The entry check `jasque` and `npm run cli` load first (it turns Node's compile cache on). */
const ENTRY_CHECK = path.resolve(import.meta.dirname, '../bin/check-node.js')

interface StartReport {
  ms: number
  warm: boolean
  parsed: number
  rssMb: number
  heapMb: number
  externalMb: number
  /** Building the lookups (backlinks, tags, folder counts) the start leaves for the first query needing them. */
  lookupsMs: number
  walkMs: number
  /** CPU of the main thread for the start, and for the reference walk: steadier than wall time on a loaded machine. */
  cpuMs: number
  walkCpuMs: number
}

const threadCpuMs = () => {
  const usage = process.threadCpuUsage()
  return (usage.user + usage.system) / 1000
}

/** In a fresh process: starts the vault with snapshots in `data`, closes it (writing one), reports. */
async function child(root: string, data: string): Promise<void> {
  const vault = await createVault({ root, log: createSilentLogger(), watch: false, snapshotDir: data })
  const started = performance.now()
  const cpuStarted = threadCpuMs()
  const stats = await vault.start()
  const ms = performance.now() - started
  const cpuMs = threadCpuMs() - cpuStarted
  const lookupsStarted = performance.now()
  vault.index.stats()
  const lookupsMs = performance.now() - lookupsStarted
  // Memory with everything a query can ask for built (not only what the start itself needs).
  const memory = process.memoryUsage()
  await vault.close()
  // The reference: the same walk and stat of every file, after the start (same page cache).
  const walks: number[] = []
  const walkCpus: number[] = []
  for (let i = 0; i < 2; i++) {
    const walkStart = performance.now()
    const walkCpuStart = threadCpuMs()
    await walkVault(root)
    walks.push(performance.now() - walkStart)
    walkCpus.push(threadCpuMs() - walkCpuStart)
  }
  const report: StartReport = {
    ms,
    warm: stats.warm,
    parsed: stats.parsed,
    rssMb: memory.rss / 1024 / 1024,
    heapMb: memory.heapUsed / 1024 / 1024,
    externalMb: memory.external / 1024 / 1024,
    lookupsMs,
    walkMs: Math.min(...walks),
    cpuMs,
    walkCpuMs: Math.min(...walkCpus),
  }
  process.stdout.write(JSON.stringify(report))
}

function start(root: string, data: string): StartReport {
  return JSON.parse(
    execFileSync(
      process.execPath,
      ['--max-semi-space-size=16', import.meta.filename, '--warm-child', root, data],
      {
        encoding: 'utf8',
      },
    ),
  )
}

function toolWallMs(root: string, data: string, input: object): number {
  const started = performance.now()
  execFileSync(
    process.execPath,
    [
      '--max-semi-space-size=16',
      '--import',
      ENTRY_CHECK,
      CLI,
      'tool',
      'obsidian_query_vault',
      JSON.stringify(input),
    ],
    { env: { ...process.env, OBSIDIAN_VAULT_PATH: root, JASQUE_DATA_DIR: data }, stdio: 'ignore' },
  )
  return performance.now() - started
}

/** Appends a line to every hundredth note (1%), a different set each round. */
function changeOnePercent(root: string, round: number): number {
  const notes = (readdirSync(root, { recursive: true }) as string[])
    .filter((entry) => entry.endsWith('.md') && !entry.split(path.sep).some((part) => part.startsWith('.')))
    .sort()
  let changed = 0
  for (let i = round; i < notes.length; i += 100) {
    appendFileSync(path.join(root, notes[i] as string), `\nchanged while stopped ${round}\n`)
    changed++
  }
  return changed
}

export async function runWarmStartBench(print: (line: string) => void, sizes: number[]): Promise<void> {
  const rows: { notes: number; values: Record<string, string> }[] = []
  for (const notes of sizes) {
    const { root: original, manifest } = ensureBenchVault(notes, print)
    const work = mkdtempSync(path.join(tmpdir(), 'jasque-warm-'))
    try {
      const root = path.join(work, 'vault')
      const data = path.join(work, 'data')
      cpSync(original, root, { recursive: true })
      const cold = start(root, data)
      const snapshot = readdirSync(data).find((name) => name.endsWith('.snapshot')) as string
      const snapshotBytes = statSync(path.join(data, snapshot)).size
      const mdBytes = (manifest.counts as { md_bytes: number }).md_bytes
      const unchanged = Array.from({ length: RESTARTS }, () => start(root, data))
      const changed = Array.from({ length: RESTARTS }, (_, round) => {
        changeOnePercent(root, round)
        return start(root, data)
      })
      // The first call creates the embedded database: not measured.
      toolWallMs(root, data, { operation: 'find_by_name', query: 'x' })
      const rare = (manifest.search.rare_ascii as { query: string }).query
      const findMs = median(
        [1, 2, 3].map(() => toolWallMs(root, data, { operation: 'find_by_name', query: rare })),
      )
      const searchMs = median(
        [1, 2, 3].map(() => toolWallMs(root, data, { operation: 'search_text', query: rare })),
      )
      const runs = [cold, ...unchanged, ...changed]
      const walkMs = median(runs.map((run) => run.walkMs))
      const warmMs = median(unchanged.map((run) => run.ms))
      const changedMs = median(changed.map((run) => run.ms))
      const range = (runs: StartReport[]) =>
        `${formatMs(Math.min(...runs.map((run) => run.ms)))}–${formatMs(Math.max(...runs.map((run) => run.ms)))}`
      const memory = (run: StartReport) =>
        `${run.rssMb.toFixed(0)} / ${run.heapMb.toFixed(0)} / ${run.externalMb.toFixed(0)}`
      rows.push({
        notes,
        values: {
          'walk + stat of every file (ms), reference': formatMs(walkMs),
          'cold build, writing the snapshot (ms)': formatMs(cold.ms),
          'snapshot size (MB), ÷ Markdown bytes': `${(snapshotBytes / 1e6).toFixed(1)}, ${((snapshotBytes / mdBytes) * 100).toFixed(1)}%`,
          [`restart, unchanged vault: ready (ms), median of ${RESTARTS} (range)`]: `${formatMs(warmMs)} (${range(unchanged)})`,
          'restart ÷ walk + stat': (warmMs / walkMs).toFixed(2),
          'first query needing backlinks, tags or folders: building them (ms)': formatMs(
            median(unchanged.map((run) => run.lookupsMs)),
          ),
          'restart ÷ walk + stat, main-thread CPU': (
            median(unchanged.map((run) => run.cpuMs)) / median(runs.map((run) => run.walkCpuMs))
          ).toFixed(2),
          [`restart, 1% of notes changed while stopped (ms), median of ${RESTARTS}`]: `${formatMs(changedMs)} (+${formatMs(changedMs - warmMs)}; parsed ${changed[0]?.parsed})`,
          '`jasque tool` find_by_name, wall (ms), median of 3': formatMs(findMs),
          '`jasque tool` search_text (reads every text), wall (ms)': formatMs(searchMs),
          'RSS / heap used / external after a cold build, lookups built (MB)': memory(cold),
          'RSS / heap used / external after a restart, lookups built (MB)': memory(
            unchanged[0] as StartReport,
          ),
        },
      })
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
  const label = (notes: number) => (notes >= 1000 ? `${notes / 1000}k` : String(notes))
  print('\n### Warm start (index snapshot in the data folder)\n')
  const measures = Object.keys(rows[0]?.values ?? {})
  print(
    table(
      ['measure', ...rows.map((row) => `${label(row.notes)} notes`)],
      measures.map((measure) => [measure, ...rows.map((row) => row.values[measure] ?? '')]),
    ),
  )
}

if (import.meta.main && process.argv[2] === '--warm-child') {
  await child(process.argv[3] as string, process.argv[4] as string)
}
