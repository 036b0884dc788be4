/**
 * Tool-level benchmark: for each benchmark vault, in a fresh child process, the cost of each
 * obsidian_query_vault operation called through executeTool with its result serialised to JSON
 * (what the model receives), next to the Python reference; then a link-updating rename of the hub
 * note on a copy of the largest vault.
 */
import { execFileSync } from 'node:child_process'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSilentLogger } from '../src/log.ts'
import { DEFAULT_SEARCH_EXCLUDE_FOLDERS } from '../src/preferences/index.ts'
import { executeTool, manageStructureTool, queryVaultTool } from '../src/tools/index.ts'
import { createVault } from '../src/vault/index.ts'
import { ensureBenchVault, formatMs, median, table } from './bench-utils.ts'

/**
 * Seconds per operation of the Python reference implementation, which re-reads every note on each
 * query; measured on the earlier external generator's vaults (2 cores, warm page cache).
 */
const PYTHON_REFERENCE_S: Record<string, Record<number, number>> = {
  'search_text rare word': { 1000: 0.24, 10000: 3.6, 50000: 20.7 },
  'list_notes (limit 50)': { 1000: 0.4, 10000: 4.0, 50000: 21.7 },
  get_tags: { 1000: 0.29, 10000: 3.8, 50000: 18.2 },
  find_by_name: { 1000: 0.49, 10000: 3.9, 50000: 25.2 },
}

interface RenameReport {
  ms: number
  linksUpdated: number
  filesChanged: number
  message: string
}

interface ChildReport {
  buildMs: number
  /** Median ms per operation, and the size of its JSON result in bytes. */
  queries: Record<string, { ms: number; bytes: number }>
  rename?: RenameReport
}

async function timeCalls(runs: number, call: () => Promise<string>): Promise<{ ms: number; bytes: number }> {
  const bytes = Buffer.byteLength(await call())
  const durations: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await call()
    durations.push(performance.now() - start)
  }
  return { ms: median(durations), bytes }
}

async function child(root: string, manifestPath: string, rename: boolean): Promise<void> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
  const vault = await createVault({ root, log: createSilentLogger(), watch: false })
  const started = performance.now()
  await vault.start()
  const buildMs = performance.now() - started
  const context = {
    vault,
    searchExclusions: async () => [...DEFAULT_SEARCH_EXCLUDE_FOLDERS],
    signal: new AbortController().signal,
    source: { kind: 'cli' as const },
  }
  const ask = (input: Record<string, unknown>) => async () =>
    JSON.stringify((await executeTool(queryVaultTool, input, context)).result)
  const hub = manifest.special_paths.hub as string
  const runs = 15
  const queries: ChildReport['queries'] = {
    'search_text rare word': await timeCalls(
      runs,
      ask({ operation: 'search_text', query: manifest.search.rare_ascii.query }),
    ),
    'search_text common word': await timeCalls(
      5,
      ask({ operation: 'search_text', query: manifest.search.common.query }),
    ),
    find_by_name: await timeCalls(
      runs,
      ask({ operation: 'find_by_name', query: manifest.find_by_name[0].query }),
    ),
    'find_by_tag (common)': await timeCalls(
      runs,
      ask({ operation: 'find_by_tag', tags: [manifest.tags.suggested_common] }),
    ),
    'list_notes (limit 50)': await timeCalls(runs, ask({ operation: 'list_notes', limit: 50 })),
    'get_backlinks (hub)': await timeCalls(runs, ask({ operation: 'get_backlinks', path: hub })),
    get_tags: await timeCalls(runs, ask({ operation: 'get_tags' })),
    'list_tasks (open)': await timeCalls(runs, ask({ operation: 'list_tasks' })),
  }
  const report: ChildReport = { buildMs, queries }
  if (rename) {
    const newName = `${path.basename(hub, '.md')} renamed.md`
    const start = performance.now()
    const output = await executeTool(
      manageStructureTool,
      { operation: 'rename', path: hub, new_path: newName, update_links: true },
      context,
    )
    JSON.stringify(output.result)
    const ms = performance.now() - start
    const message = String(output.result.message ?? '')
    report.rename = {
      ms,
      linksUpdated: Number(output.result.links_updated ?? Number.NaN),
      filesChanged: Number(/in (\d+) files/.exec(message)?.[1] ?? Number.NaN),
      message: output.result.success ? '' : message,
    }
  }
  await vault.close()
  process.stdout.write(JSON.stringify(report))
}

function runChild(root: string, manifestPath: string, rename: boolean): ChildReport {
  // The same V8 setting as npm start.
  const args = [
    '--max-semi-space-size=16',
    import.meta.filename,
    '--child',
    root,
    manifestPath,
    ...(rename ? ['--rename'] : []),
  ]
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 }))
}

/** Runs the tool benchmark for each size (rename on a copy of the largest) and prints Markdown tables. */
export async function runToolsBench(print: (line: string) => void, sizes: number[]): Promise<void> {
  const renameSize = Math.max(...sizes)
  const reports: { notes: number; report: ChildReport }[] = []
  for (const notes of sizes) {
    const { root } = ensureBenchVault(notes, print)
    const manifestPath = `${root}.manifest.json`
    if (notes !== renameSize) {
      reports.push({ notes, report: runChild(root, manifestPath, false) })
      continue
    }
    // The rename changes files: it runs on a throwaway copy, never on the cached vault.
    const scratch = await mkdtemp(path.join(tmpdir(), 'jasque-bench-rename-'))
    try {
      const copy = path.join(scratch, 'vault')
      await cp(root, copy, { recursive: true })
      reports.push({ notes, report: runChild(copy, manifestPath, true) })
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  }
  const label = (notes: number) => (notes >= 1000 ? `${notes / 1000}k` : String(notes))
  print('\n### Tool calls: executeTool + JSON.stringify (median ms)\n')
  const headers = ['operation']
  for (const { notes } of reports)
    headers.push(`${label(notes)} ms`, `${label(notes)} Python`, `${label(notes)} speed-up`)
  const names = Object.keys(reports[0]?.report.queries ?? {})
  const rows = names.map((name) => {
    const row = [name]
    for (const { notes, report } of reports) {
      const ours = report.queries[name]?.ms as number
      const reference = PYTHON_REFERENCE_S[name]?.[notes]
      row.push(
        formatMs(ours),
        reference === undefined ? '—' : `${reference} s`,
        reference === undefined ? '—' : `${Math.round((reference * 1000) / ours).toLocaleString('en')}×`,
      )
    }
    return row
  })
  rows.push([
    'cold index build (ms, for context)',
    ...reports.flatMap(({ report }) => [formatMs(report.buildMs), '', '']),
  ])
  print(table(headers, rows))
  print(
    `\nResult sizes (JSON bytes, ${label(reports.at(-1)?.notes ?? 0)}): ${names
      .map((name) => `${name} ${reports.at(-1)?.report.queries[name]?.bytes}`)
      .join(', ')}.`,
  )
  const rename = reports.find(({ notes }) => notes === renameSize)?.report.rename
  if (rename === undefined) return
  print(`\n### Link-updating rename of the hub note (${label(renameSize)} notes, one run, on a copy)\n`)
  print(
    table(
      ['operation', 'ms', 'links updated', 'files changed'],
      [
        [
          'obsidian_manage_structure rename, update_links',
          formatMs(rename.ms),
          rename.linksUpdated,
          rename.filesChanged,
        ],
      ],
    ),
  )
  if (rename.message !== '') print(`\nThe rename reported a problem: ${rename.message}`)
}

if (import.meta.main && process.argv[2] === '--child') {
  await child(process.argv[3] as string, process.argv[4] as string, process.argv[5] === '--rename')
}
