/** Generates a benchmark vault with its ground-truth manifest (bench/genvault, in this repository). */
import path from 'node:path'
import { generateVault as generate, type Manifest } from '../../bench/genvault/generate-vault.ts'

export type { Manifest }

/** Writes a `notes`-note vault (seed 42) into `folder/vault` and returns its root and manifest. */
export function generateVault(
  folder: string,
  notes: number,
  options: { perNote?: boolean } = {},
): { root: string; manifest: Manifest } {
  const root = path.join(folder, 'vault')
  return { root, manifest: generate(root, { notes, seed: 42, ...options }) }
}
