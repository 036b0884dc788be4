/**
 * Vault engine benchmark: for each benchmark vault, in fresh child processes (three cold builds),
 * the cold index build next to a plain read-every-note loop, memory after indexing, watcher
 * latency, and the index-side cost of each query; ripgrep on the same vault as the reference for
 * text search.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createSilentLogger } from '../src/log.ts'
import {
  countTags,
  createScope,
  createVault,
  findByName,
  findByTag,
  getBacklinks,
  listTasks,
  searchText,
} from '../src/vault/index.ts'
import { ensureBenchVault, formatMs, median, percentile, table, timeRuns } from './bench-utils.ts'

/** Cold builds per vault size, each in a fresh process; the tables show their median. */
const COLD_BUILDS = 3

interface ChildReport {
  plainReadMs: number
  plainAsyncReadMs: number
  buildMs: number
  rssMb: number
  heapMb: number
  watcherP50: number
  watcherP95: number
  queries: Record<string, number>
}

/** The same files read one at a time with fs.promises.readFile: how a plain async loop fares. */
async function plainAsyncReadLoop(root: string): Promise<number> {
  const files: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.md')) files.push(full)
    }
  }
  const start = performance.now()
  walk(root)
  for (const file of files) await readFile(file)
  return performance.now() - start
}

function plainReadLoop(root: string): number {
  const start = performance.now()
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.md')) readFileSync(full)
    }
  }
  walk(root)
  return performance.now() - start
}

async function measureWatcher(
  vault: Awaited<ReturnType<typeof createVault>>,
  root: string,
): Promise<number[]> {
  const file = 'Bench Watch Probe.md'
  const latencies: number[] = []
  writeFileSync(path.join(root, file), 'probe\n')
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (let i = 0; i < 30; i++) {
    const seen = new Promise<void>((resolve) => {
      const stop = vault.onChange((changed) => {
        if (changed === file) {
          stop()
          resolve()
        }
      })
    })
    const start = performance.now()
    appendFileSync(path.join(root, file), `edit ${i}\n`)
    await seen
    latencies.push(performance.now() - start)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  rmSync(path.join(root, file))
  return latencies
}

async function child(root: string, manifestPath: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  // Warm the page cache first, so the build and the read loops all read from memory.
  plainReadLoop(root)
  const vault = await createVault({ root, log: createSilentLogger(), watch: true })
  const started = performance.now()
  await vault.start()
  const buildMs = performance.now() - started
  const memory = process.memoryUsage()
  // The reference loops run after the build, so their garbage does not slow it down.
  const plainReadMs = Math.min(plainReadLoop(root), plainReadLoop(root))
  const plainAsyncReadMs = await plainAsyncReadLoop(root)
  const index = vault.index
  const exclude = ['copilot']
  const vaultScope = () => createScope(index, { exclude })
  const hub = manifest.special_paths.hub as string
  const runs = 15
  const queries: Record<string, number> = {
    'search_text common word': median(
      timeRuns(5, () =>
        searchText(index, { query: manifest.search.common.query, scope: vaultScope(), limit: 50 }),
      ),
    ),
    'search_text rare word': median(
      timeRuns(runs, () =>
        searchText(index, { query: manifest.search.rare_ascii.query, scope: vaultScope(), limit: 50 }),
      ),
    ),
    find_by_name: median(
      timeRuns(runs, () => findByName(index, manifest.find_by_name[0].query, vaultScope())),
    ),
    'find_by_tag (common)': median(
      timeRuns(runs, () =>
        findByTag(index, [manifest.tags.suggested_common], 'any', vaultScope()).slice(0, 50),
      ),
    ),
    'get_backlinks (hub)': median(timeRuns(runs, () => getBacklinks(index, hub, vaultScope()).slice(0, 50))),
    get_tags: median(timeRuns(runs, () => countTags(index, vaultScope()))),
    'list_tasks (open)': median(timeRuns(runs, () => listTasks(index, vaultScope(), false, 50))),
    'list_notes (limit 50)': median(
      timeRuns(runs, () => {
        const scope = vaultScope()
        const page: string[] = []
        for (const notePath of scope.paths()) {
          if (page.length === 50) break
          page.push(notePath)
        }
        return [page, scope.count()]
      }),
    ),
  }
  const latencies = await measureWatcher(vault, root)
  await vault.close()
  const report: ChildReport = {
    plainReadMs,
    plainAsyncReadMs,
    buildMs,
    rssMb: memory.rss / 1024 / 1024,
    heapMb: memory.heapUsed / 1024 / 1024,
    watcherP50: median(latencies),
    watcherP95: percentile(latencies, 0.95),
    queries,
  }
  process.stdout.write(JSON.stringify(report))
}

function ripgrepMs(root: string, word: string): number | undefined {
  const probe = spawnSync('rg', ['--version'])
  if (probe.status !== 0) return undefined
  const durations = timeRuns(5, () => {
    spawnSync('rg', ['--count', '--ignore-case', '--fixed-strings', word, root], { stdio: 'ignore' })
  })
  return median(durations)
}

/** Runs the vault benchmark for each size and prints Markdown tables. */
export async function runVaultBench(print: (line: string) => void, sizes: number[]): Promise<void> {
  const reports: {
    notes: number
    runs: ChildReport[]
    rg: number | undefined
    mib: number
  }[] = []
  for (const notes of sizes) {
    const { root, manifest } = ensureBenchVault(notes, print)
    // Each cold build in a fresh process (the same V8 setting as npm start, so memory is what a
    // user sees), several times: this machine's timings vary by ±20% from run to run.
    const runs = Array.from({ length: COLD_BUILDS }, () =>
      JSON.parse(
        execFileSync(
          process.execPath,
          ['--max-semi-space-size=16', import.meta.filename, '--child', root, `${root}.manifest.json`],
          { encoding: 'utf8', maxBuffer: 1 << 24 },
        ),
      ),
    ) as ChildReport[]
    const rareWord = (manifest.search.rare_ascii as { query: string }).query
    const counts = manifest.counts as { md_bytes: number }
    reports.push({
      notes,
      runs,
      rg: ripgrepMs(root, rareWord),
      mib: counts.md_bytes / 1024 / 1024,
    })
  }
  const label = (notes: number) => (notes >= 1000 ? `${notes / 1000}k` : String(notes))
  print('\n### Vault index\n')
  print(
    table(
      ['measure', ...reports.map((entry) => `${label(entry.notes)} notes (${entry.mib.toFixed(0)} MiB)`)],
      [
        [
          'plain read-every-note loop, readFileSync (ms)',
          ...reports.map((entry) => formatMs(median(entry.runs.map((run) => run.plainReadMs)))),
        ],
        [
          'plain read-every-note loop, await readFile (ms)',
          ...reports.map((entry) => formatMs(median(entry.runs.map((run) => run.plainAsyncReadMs)))),
        ],
        [
          `cold index build (ms), median of ${COLD_BUILDS} (range)`,
          ...reports.map((entry) => {
            const builds = entry.runs.map((run) => run.buildMs)
            return `${formatMs(median(builds))} (${formatMs(Math.min(...builds))}–${formatMs(Math.max(...builds))})`
          }),
        ],
        [
          'build ÷ plain read loop of the same run (readFileSync / await readFile)',
          ...reports.map(
            (entry) =>
              `${median(entry.runs.map((run) => run.buildMs / run.plainReadMs)).toFixed(2)} / ${median(entry.runs.map((run) => run.buildMs / run.plainAsyncReadMs)).toFixed(2)}`,
          ),
        ],
        [
          'RSS after indexing (MB), median (max)',
          ...reports.map((entry) => {
            const rss = entry.runs.map((run) => run.rssMb)
            return `${median(rss).toFixed(0)} (${Math.max(...rss).toFixed(0)})`
          }),
        ],
        ['heap used (MB)', ...reports.map((entry) => median(entry.runs.map((run) => run.heapMb)).toFixed(0))],
        [
          'watcher latency p50 / p95 (ms)',
          ...reports.map(
            (entry) =>
              `${formatMs(median(entry.runs.map((run) => run.watcherP50)))} / ${formatMs(median(entry.runs.map((run) => run.watcherP95)))}`,
          ),
        ],
      ],
    ),
  )
  print(`\n### Index-side query cost (median ms, median over the ${COLD_BUILDS} processes)\n`)
  const names = Object.keys(reports[0]?.runs[0]?.queries ?? {})
  const queryMs = (entry: (typeof reports)[number], name: string) =>
    median(entry.runs.map((run) => run.queries[name] as number))
  const rows = names.map((name) => [name, ...reports.map((entry) => formatMs(queryMs(entry, name)))])
  rows.push([
    'ripgrep, same rare word (reference)',
    ...reports.map((entry) => (entry.rg === undefined ? 'n/a' : formatMs(entry.rg))),
  ])
  rows.push([
    'rare-word search ÷ ripgrep',
    ...reports.map((entry) =>
      entry.rg === undefined ? 'n/a' : (queryMs(entry, 'search_text rare word') / entry.rg).toFixed(3),
    ),
  ])
  print(table(['query', ...reports.map((entry) => `${label(entry.notes)}`)], rows))
}

if (import.meta.main && process.argv[2] === '--child') {
  await child(process.argv[3] as string, process.argv[4] as string)
}
