/** Small helpers shared by the benchmarks: timing, medians, tables, benchmark vaults. */
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generateVault } from './genvault/generate-vault.ts'

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number
}

/** Runs `fn` `runs` times (after one warm-up) and returns each duration in ms. */
export function timeRuns(runs: number, fn: () => unknown): number[] {
  fn()
  const durations: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    durations.push(performance.now() - start)
  }
  return durations
}

export const formatMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3))

/** A Markdown table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const lines = [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
  ]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}

export interface BenchVault {
  root: string
  manifest: Record<string, unknown> & {
    search: Record<string, { query: string }>
    special_paths: Record<string, unknown>
  }
}

/** Generates (once, then reuses) the seed-42 vault with `notes` notes under the temp folder. */
export function ensureBenchVault(notes: number, log: (line: string) => void = () => {}): BenchVault {
  const root = path.join(process.env.JASQUE_BENCH_DIR ?? path.join(tmpdir(), 'jasque-bench'), `v${notes}`)
  const manifestPath = `${root}.manifest.json`
  if (!existsSync(manifestPath)) {
    log(`generating a ${notes}-note vault in ${root}…`)
    generateVault(root, { notes, seed: 42 })
  }
  return { root, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) }
}
