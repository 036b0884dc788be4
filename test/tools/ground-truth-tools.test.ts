/**
 * The manifest checks of the generated 1k-note vault, asked through the query tool as the agent
 * asks them (results JSON, totals before the limit).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createSilentLogger } from '../../src/log.ts'
import { executeTool, queryVaultTool, type ToolResult } from '../../src/tools/index.ts'
import { createVault, type Vault } from '../../src/vault/index.ts'
import { generateVault, type Manifest } from '../helpers/bench-vault.ts'
import { type TmpDir, tmpDir } from '../helpers/tmp-dir.ts'

describe('obsidian_query_vault answers the ground truth of the 1k-note vault', () => {
  let dir: TmpDir
  let vault: Vault
  let manifest: Manifest
  let query: (input: Record<string, unknown>) => Promise<ToolResult>

  before(async () => {
    dir = await tmpDir()
    const generated = generateVault(dir.path, 1000)
    manifest = generated.manifest
    vault = await createVault({ root: generated.root, log: createSilentLogger(), watch: false })
    await vault.start()
    const context = { vault, signal: new AbortController().signal, source: { kind: 'cli' as const } }
    query = async (input) => (await executeTool(queryVaultTool, input, context)).result
  })

  after(async () => {
    await vault.close()
    await dir[Symbol.asyncDispose]()
  })

  test('get_backlinks lists exactly the manifest sources of every target', async () => {
    for (const entry of manifest.backlinks) {
      const result = await query({ operation: 'get_backlinks', path: entry.path, limit: 500 })
      assert.equal(result.success, true, String(result.message))
      assert.equal(result.total_count, entry.expected_count, entry.role)
      if (entry.sources) {
        const paths = (result.results as { path: string }[]).map((item) => item.path)
        assert.deepEqual(
          paths,
          entry.sources.map((source: { path: string }) => source.path),
          entry.role,
        )
      }
    }
  })

  test('get_tags counts the notes of every tag', async () => {
    const result = await query({ operation: 'get_tags', limit: 500 })
    const counts = Object.fromEntries(
      (result.results as { tags: string[]; count: number }[]).map((item) => [
        item.tags[0]?.toLowerCase(),
        item.count,
      ]),
    )
    assert.deepEqual(counts, manifest.tags.note_counts)
  })

  test('list_tasks totals open tasks, and every status with include_completed', async () => {
    const open = await query({ operation: 'list_tasks' })
    assert.equal(open.total_count, manifest.tasks.open)
    const all = await query({ operation: 'list_tasks', include_completed: true })
    assert.equal(all.total_count, manifest.tasks.open + manifest.tasks.done + manifest.tasks.other)
  })

  test('search_text finds exactly the notes of each search truth', async () => {
    for (const truth of Object.values(manifest.search) as {
      query?: string
      expected_count: number
      notes?: string[]
    }[]) {
      if (typeof truth !== 'object' || truth.query === undefined) continue
      const result = await query({ operation: 'search_text', query: truth.query, limit: 500 })
      assert.equal(result.total_count, truth.expected_count, truth.query)
      if (truth.notes) {
        const paths = (result.results as { path: string }[]).map((item) => item.path).sort()
        assert.deepEqual(paths, [...truth.notes].sort(), truth.query)
      }
    }
  })

  test('find_by_name puts the named note first', async () => {
    for (const expectation of manifest.find_by_name) {
      const result = await query({ operation: 'find_by_name', query: expectation.query, limit: 500 })
      const paths = (result.results as { path: string }[]).map((item) => item.path)
      if (expectation.expect_first) assert.equal(paths[0], expectation.expect_first, expectation.match)
      if (expectation.expect_contains)
        assert.ok(paths.includes(expectation.expect_contains), expectation.match)
      for (const expected of expectation.expect_contains_all ?? [])
        assert.ok(paths.includes(expected), expectation.match)
    }
  })
})
