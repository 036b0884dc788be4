/**
 * Writes a benchmark vault and its ground truth:
 *   node bench/genvault.ts <folder> --notes 10000 [--seed 42] [--per-note]
 * -> <folder>/ (the vault), <folder>.manifest.json (the truth) and, with --per-note,
 *    <folder>.manifest.notes.jsonl. The same notes count and seed give byte-identical output.
 */
import { parseArgs } from 'node:util'
import { generateVault } from './genvault/generate-vault.ts'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    notes: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    'per-note': { type: 'boolean' },
  },
})
const root = positionals[0]
if (root === undefined) {
  console.error('usage: node bench/genvault.ts <folder> --notes N [--seed S] [--per-note]')
  process.exit(2)
}
const started = performance.now()
const manifest = generateVault(root, {
  notes: Number(values.notes),
  seed: Number(values.seed),
  perNote: values['per-note'],
})
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(
  `genvault: ${manifest.counts.visible_md_notes} notes in ${seconds} s -> ${root} (${manifest.content_sha256.slice(0, 12)})`,
)
