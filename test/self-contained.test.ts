/** The repository runs its tests and benchmarks from a public clone: nothing reads files beside it. */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { generateVault } from '../bench/genvault/generate-vault.ts'
import { tmpDir } from './helpers/tmp-dir.ts'

const REPOSITORY = path.resolve(import.meta.dirname, '..')

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(REPOSITORY, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mjs|js)$/.test(file))
    .map((file) => path.join(folder, file))
}

test('no source, test or benchmark file refers to a path outside the repository', () => {
  for (const file of [...sourceFiles('src'), ...sourceFiles('test'), ...sourceFiles('bench')]) {
    const text = readFileSync(path.join(REPOSITORY, file), 'utf8')
    for (const match of text.matchAll(/['"`]((?:\.\.\/)+[^'"`]*)['"`]/g)) {
      const target = path.resolve(path.dirname(path.join(REPOSITORY, file)), match[1]!)
      const inside = target === REPOSITORY || target.startsWith(`${REPOSITORY}${path.sep}`)
      assert.ok(inside, `${file} refers to ${match[1]}`)
    }
  }
})

test('the benchmark vault generator is deterministic from its seed', async () => {
  await using dir = await tmpDir()
  const first = generateVault(path.join(dir.path, 'a'), { notes: 60, seed: 7 })
  const again = generateVault(path.join(dir.path, 'b'), { notes: 60, seed: 7 })
  const other = generateVault(path.join(dir.path, 'c'), { notes: 60, seed: 8 })
  assert.equal(first.counts.visible_md_notes, 60)
  assert.equal(again.content_sha256, first.content_sha256)
  assert.notEqual(other.content_sha256, first.content_sha256)
})
