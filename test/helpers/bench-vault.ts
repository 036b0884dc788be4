/** Generates a benchmark vault with its ground-truth manifest (genvault.mjs, beside the repository). */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

export const GENVAULT = path.resolve(import.meta.dirname, '../../../shared/bench/genvault.mjs')

// biome-ignore lint/suspicious/noExplicitAny: the manifest is external JSON read by tests only.
export type Manifest = any

/** Writes a `notes`-note vault (seed 42) into `folder/vault` and returns its root and manifest. */
export function generateVault(folder: string, notes: number): { root: string; manifest: Manifest } {
  const root = path.join(folder, 'vault')
  execFileSync(process.execPath, [GENVAULT, root, '--notes', String(notes), '--seed', '42'], {
    stdio: 'ignore',
  })
  return { root, manifest: JSON.parse(readFileSync(`${root}.manifest.json`, 'utf8')) }
}
