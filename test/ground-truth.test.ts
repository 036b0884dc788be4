/**
 * The index of a generated 1k-note vault must report exactly what Obsidian would: the manifest
 * written by bench/genvault is the truth.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createSilentLogger } from '../src/log.ts'
import {
  countTags,
  createScope,
  createVault,
  findByName,
  getBacklinks,
  type NoteIndex,
  noteBytes,
  searchText,
} from '../src/vault/index.ts'
import { generateVault, type Manifest } from './helpers/bench-vault.ts'
import { type TmpDir, tmpDir } from './helpers/tmp-dir.ts'

describe('the index of a generated 1k-note vault matches the ground truth', () => {
  let dir: TmpDir
  let manifest: Manifest
  let index: NoteIndex

  before(async () => {
    dir = await tmpDir()
    const generated = generateVault(dir.path, 1000)
    manifest = generated.manifest
    const vault = await createVault({ root: generated.root, log: createSilentLogger(), watch: false })
    await vault.start()
    index = vault.index
  })

  after(async () => {
    await dir[Symbol.asyncDispose]()
  })

  test('counts every visible note and nothing hidden', () => {
    assert.equal(index.noteCount(), manifest.counts.visible_md_notes)
    for (const note of index.notes())
      assert.ok(!note.path.split('/').some((segment) => segment.startsWith('.')))
  })

  test('counts the notes of every tag exactly, with no fake or hidden tag', () => {
    const counts = Object.fromEntries(
      countTags(index, createScope(index, {})).map(({ tag, count }) => [tag.toLowerCase(), count]),
    )
    assert.deepEqual(counts, manifest.tags.note_counts)
    for (const [fake, info] of Object.entries(manifest.tags.fake_tags) as [
      string,
      { also_real_tag: boolean },
    ][]) {
      if (!info.also_real_tag) assert.equal(counts[fake], undefined, `fake tag ${fake}`)
    }
    for (const hidden of manifest.tags.hidden_only_tags) assert.equal(counts[hidden], undefined)
  })

  test('counts tasks by status and by form', () => {
    const totals = { open: 0, done: 0, other: 0 }
    const byForm: Record<string, number> = {}
    for (const note of index.notes()) {
      const lines = noteBytes(note).toString('utf8').split('\n')
      for (const task of note.parsed.tasks) {
        if (task.status === ' ') totals.open++
        else if (task.status === 'x' || task.status === 'X') totals.done++
        else totals.other++
        const line = lines[task.line - 1] ?? ''
        const marker =
          task.marker === '-'
            ? 'dash'
            : task.marker === '*'
              ? 'star'
              : task.marker === '+'
                ? 'plus'
                : 'numbered'
        const form = line.trimStart().startsWith('>')
          ? 'callout'
          : task.indent > 0
            ? `indented-${marker}`
            : marker
        byForm[form] = (byForm[form] ?? 0) + 1
      }
    }
    assert.deepEqual(totals, {
      open: manifest.tasks.open,
      done: manifest.tasks.done,
      other: manifest.tasks.other,
    })
    assert.deepEqual(byForm, manifest.tasks.by_form)
  })

  test('finds the exact backlink sources of every manifest target', () => {
    for (const entry of manifest.backlinks) {
      const sources = getBacklinks(index, entry.path, createScope(index, {})).map((backlink) => backlink.path)
      assert.equal(sources.length, entry.expected_count, entry.role)
      if (entry.sources)
        assert.deepEqual(
          sources,
          entry.sources.map((source: { path: string }) => source.path),
          entry.role,
        )
      for (const fake of entry.fake_only_sources) assert.ok(!sources.includes(fake), `${entry.role}: ${fake}`)
    }
  })

  test('search_text finds exactly the notes containing each truth word', () => {
    for (const truth of Object.values(manifest.search) as {
      query?: string
      expected_count: number
      notes?: string[]
    }[]) {
      if (typeof truth !== 'object' || truth.query === undefined) continue
      const result = searchText(index, { query: truth.query, scope: createScope(index, {}), limit: 500 })
      assert.equal(result.totalCount, truth.expected_count, truth.query)
      if (truth.notes)
        assert.deepEqual(result.hits.map((hit) => hit.path).sort(), [...truth.notes].sort(), truth.query)
    }
  })

  test('find_by_name ranks the named note first', () => {
    for (const expectation of manifest.find_by_name) {
      const paths = findByName(index, expectation.query, createScope(index, {})).map((match) => match.path)
      if (expectation.expect_first) assert.equal(paths[0], expectation.expect_first, expectation.match)
      if (expectation.expect_contains)
        assert.ok(paths.includes(expectation.expect_contains), expectation.match)
      for (const expected of expectation.expect_contains_all ?? [])
        assert.ok(paths.includes(expected), expectation.match)
    }
  })

  test('counts unresolved links like the manifest', () => {
    assert.equal(index.stats().unresolvedLinks, manifest.links.unresolved_link_occurrences)
  })
})
