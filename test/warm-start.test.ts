/**
 * Warm start: an index restored from the data folder's snapshot, then reconciled with what
 * changed while Jasque was stopped, answers exactly as a cold build of the same vault; a
 * snapshot that is truncated, corrupt, of another format or torn by a killed writer is ignored.
 */
import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  appendFile,
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { createSilentLogger, type Logger } from '../src/log.ts'
import {
  countTags,
  createScope,
  createVault,
  findByName,
  getBacklinks,
  listTasks,
  searchText,
} from '../src/vault/index.ts'
import { generateVault, type Manifest } from './helpers/bench-vault.ts'
import { summarizeIndex } from './helpers/index-summary.ts'
import { type TmpDir, tmpDir } from './helpers/tmp-dir.ts'

const CHILD = path.join(import.meta.dirname, 'fixtures/snapshot-child.ts')
const run = promisify(execFile)

/** A logger that keeps each line's message (and reason) for the assertions. */
function recordingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const log = createSilentLogger()
  const record =
    (level: string) =>
    (fields: unknown, message?: string): void => {
      const reason = (fields as { reason?: string }).reason
      lines.push(`${level} ${message ?? ''}${reason === undefined ? '' : ` (${reason})`}`)
    }
  return { log: Object.assign(Object.create(log), { info: record('info'), warn: record('warn') }), lines }
}

async function indexVault(root: string, snapshotDir?: string, log: Logger = createSilentLogger()) {
  const vault = await createVault({ root, log, watch: false, ...(snapshotDir ? { snapshotDir } : {}) })
  const stats = await vault.start()
  return { vault, stats }
}

/** The ground-truth checks' queries (see ground-truth.test.ts), answered by one index. */
function answerQueries(index: Awaited<ReturnType<typeof indexVault>>['vault']['index'], manifest: Manifest) {
  const scope = () => createScope(index, {})
  const answers: Record<string, unknown> = {
    tags: countTags(index, scope()),
    tasks: listTasks(index, scope(), false, 100_000),
    unresolved: index.stats().unresolvedLinks,
  }
  for (const entry of manifest.backlinks)
    answers[`backlinks ${entry.path}`] = getBacklinks(index, entry.path, scope())
  for (const truth of Object.values(manifest.search) as { query?: string }[])
    if (typeof truth === 'object' && truth.query !== undefined)
      answers[`search ${truth.query}`] = searchText(index, {
        query: truth.query,
        scope: scope(),
        limit: 500,
        detailed: true,
      })
  for (const expectation of manifest.find_by_name)
    answers[`name ${expectation.query}`] = findByName(index, expectation.query, scope())
  answers['search warmword'] = searchText(index, { query: 'warmword', scope: scope(), limit: 500 })
  return answers
}

/** Every note path of the vault, sorted. */
async function notePaths(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true })
  return entries
    .filter((entry) => entry.endsWith('.md') && !entry.split(path.sep).some((s) => s.startsWith('.')))
    .sort()
}

describe('a warm start from a snapshot', () => {
  let dir: TmpDir
  let root: string
  let manifest: Manifest
  let data: string

  before(async () => {
    dir = await tmpDir()
    const generated = generateVault(dir.path, 1000)
    root = generated.root
    manifest = generated.manifest
    data = path.join(dir.path, 'data')
    const { vault, stats } = await indexVault(root, data)
    assert.equal(stats.warm, false)
    await vault.close()
  })

  after(async () => {
    await dir[Symbol.asyncDispose]()
  })

  test('is used when nothing changed, and answers like a cold build', async () => {
    const { vault, stats } = await indexVault(root, data)
    const { vault: cold } = await indexVault(root)
    assert.equal(stats.warm, true)
    assert.equal(stats.parsed, 0)
    assert.deepEqual(summarizeIndex(vault.index), summarizeIndex(cold.index))
    assert.deepEqual(answerQueries(vault.index, manifest), answerQueries(cold.index, manifest))
    await vault.close()
    await cold.close()
  })

  test('after edits, creations, deletions, renames and link changes made while stopped, answers like a cold build', async () => {
    const paths = await notePaths(root)
    const hub = manifest.special_paths.hub as string
    const at = (i: number) => path.join(root, paths[i] as string)
    // Edits: a new word, a new link to the hub, a new tag and task.
    for (const i of [3, 40, 41, 200])
      await appendFile(at(i), `\nwarmword [[${path.basename(hub, '.md')}]] #warmtag\n- [ ] warm task\n`)
    // Link changes: a note's links replaced by one unresolved link and one to a renamed note.
    await writeFile(at(50), '# Rewritten\n\n[[Nowhere Yet]] and [[Renamed While Stopped]]\n')
    // Creations: a note that captures the unresolved link above, and a note in a new folder.
    await writeFile(path.join(root, 'Nowhere Yet.md'), '# Now here\n\nwarmword\n')
    await mkdir(path.join(root, 'New Folder'))
    await writeFile(path.join(root, 'New Folder', 'Fresh.md'), `[[${path.basename(hub, '.md')}]]\n`)
    // Deletions: plain notes and the target of backlinks.
    await rm(at(7))
    await rm(at(8))
    // Renames: a note moves, so links to its old name stop resolving and the new name captures others.
    await rename(at(60), path.join(root, 'Renamed While Stopped.md'))
    await rename(at(61), path.join(root, 'New Folder', path.basename(paths[61] as string)))

    const { log, lines } = recordingLogger()
    const { vault, stats } = await indexVault(root, data, log)
    const { vault: cold } = await indexVault(root)
    assert.equal(stats.warm, true)
    assert.ok(stats.parsed > 0 && stats.parsed < 20, `parsed ${stats.parsed}`)
    assert.deepEqual(summarizeIndex(vault.index), summarizeIndex(cold.index))
    assert.deepEqual(answerQueries(vault.index, manifest), answerQueries(cold.index, manifest))
    assert.ok(!lines.some((line) => line.includes('ignored')), lines.join('\n'))
    await vault.close()
    await cold.close()

    // The snapshot written at close holds the changes: the next start parses nothing.
    const again = await indexVault(root, data)
    assert.equal(again.stats.parsed, 0)
    assert.deepEqual(summarizeIndex(again.vault.index), summarizeIndex((await indexVault(root)).vault.index))
    await again.vault.close()
  })

  test('a note changed in the mtime tick of the snapshot, keeping its size, is found by its hash', async () => {
    const notePath = (await notePaths(root))[100] as string
    const file = path.join(root, notePath)
    // An mtime at (here: just after) the snapshot's capture, as a coarse file-system clock gives.
    const tick = new Date(Date.now() + 1000)
    await utimes(file, tick, tick)
    const { vault } = await indexVault(root, data)
    await vault.close()
    const text = await readFile(file, 'utf8')
    await writeFile(
      file,
      text.replace(/[a-z]/, (letter) => (letter === 'q' ? 'r' : 'q')),
    )
    await utimes(file, tick, tick)
    const { vault: warm } = await indexVault(root, data)
    const { vault: cold } = await indexVault(root)
    assert.equal(warm.index.getNote(notePath)?.hash, cold.index.getNote(notePath)?.hash)
    assert.deepEqual(summarizeIndex(warm.index), summarizeIndex(cold.index))
    await warm.close()
    await cold.close()
  })

  for (const damage of ['truncated', 'corrupt', 'older-format'] as const) {
    test(`a ${damage} snapshot is ignored with one log line, and a cold build follows`, async () => {
      const [file] = (await readdir(data)).filter((name) => name.endsWith('.snapshot'))
      const snapshot = path.join(data, file as string)
      const saved = `${snapshot}.saved`
      await copyFile(snapshot, saved)
      const bytes = await readFile(snapshot)
      if (damage === 'truncated') await truncate(snapshot, Math.floor(bytes.length / 2))
      else if (damage === 'corrupt') {
        bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 0xff
        await writeFile(snapshot, bytes)
      } else {
        bytes.writeUInt32LE(0, 8)
        await writeFile(snapshot, bytes)
      }
      const { log, lines } = recordingLogger()
      const { vault, stats } = await indexVault(root, data, log)
      const { vault: cold } = await indexVault(root)
      assert.equal(stats.warm, false)
      assert.deepEqual(
        lines.filter((line) => line.includes('snapshot ignored')),
        [
          `warn index snapshot ignored, building the index (${damage === 'older-format' ? 'other format' : 'corrupt'})`,
        ],
      )
      assert.deepEqual(summarizeIndex(vault.index), summarizeIndex(cold.index))
      await vault.close()
      await cold.close()
      await rename(saved, snapshot)
    })
  }
})

describe('snapshots and real processes', () => {
  test('a snapshot writer killed mid-write leaves a snapshot that is either whole or ignored', async (t) => {
    const dir = await tmpDir()
    t.after(() => dir[Symbol.asyncDispose]())
    const { root } = generateVault(dir.path, 300)
    const data = path.join(dir.path, 'data')
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, [CHILD, 'write-loop', root, data], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      const exited = once(child, 'exit')
      await once(child.stdout, 'data')
      // Kill once a temporary file is there: the writer is between its first and last byte.
      for (let polls = 0; polls < 2000; polls++) {
        const names = await readdir(data).catch(() => [])
        if (names.some((name) => name.endsWith('.tmp'))) break
        await new Promise((resolve) => setImmediate(resolve))
      }
      child.kill('SIGKILL')
      const [, signal] = await exited
      assert.equal(signal, 'SIGKILL')
      const { stdout } = await run(process.execPath, [CHILD, 'start', root, data], { maxBuffer: 1 << 28 })
      const { vault: cold } = await indexVault(root)
      const started = JSON.parse(stdout) as { summary: unknown }
      // The killed writer added folders to its index: only the notes and files must match.
      const expected = summarizeIndex(cold.index)
      const actual = started.summary as typeof expected
      assert.deepEqual(actual.notes, expected.notes)
      assert.deepEqual(actual.files, expected.files)
      await cold.close()
    }
  })

  test('two processes starting at once on one data folder both come up with correct indexes', async (t) => {
    const dir = await tmpDir()
    t.after(() => dir[Symbol.asyncDispose]())
    const { root } = generateVault(dir.path, 300)
    const data = path.join(dir.path, 'data')
    const { vault: cold } = await indexVault(root)
    const expected = JSON.parse(JSON.stringify(summarizeIndex(cold.index)))
    await cold.close()
    for (let round = 0; round < 2; round++) {
      // Round 0: no snapshot yet, both build and write (the second may already find the first's
      // snapshot when its process starts later: either way is right); round 1: both load one.
      const results = await Promise.all(
        [0, 1].map(() => run(process.execPath, [CHILD, 'start', root, data], { maxBuffer: 1 << 28 })),
      )
      const warm = results.map(({ stdout }) => (JSON.parse(stdout) as { warm: boolean }).warm)
      if (round === 0) assert.ok(warm.includes(false), 'the first start found no snapshot')
      else assert.deepEqual(warm, [true, true])
      for (const { stdout } of results)
        assert.deepEqual((JSON.parse(stdout) as { summary: unknown }).summary, expected)
    }
    assert.deepEqual(
      (await readdir(data)).filter((name) => name.endsWith('.tmp')),
      [],
    )
  })
})

describe('closing a one-shot process (snapshotOnClose: when-stale)', () => {
  const open = async (root: string, data: string) => {
    const vault = await createVault({
      root,
      log: createSilentLogger(),
      watch: false,
      snapshotDir: data,
      snapshotOnClose: 'when-stale',
    })
    return { vault, stats: await vault.start() }
  }
  const snapshotBytes = async (data: string) => {
    const name = (await readdir(data)).find((entry) => entry.endsWith('.snapshot')) as string
    return readFile(path.join(data, name))
  }

  test('writes after a cold build, leaves the snapshot for a few changed notes, and writes once 100 notes (or 1%) differ or a file appears', async (t) => {
    const dir = await tmpDir()
    t.after(() => dir[Symbol.asyncDispose]())
    const { root } = generateVault(dir.path, 300)
    const data = path.join(dir.path, 'data')
    const paths = await notePaths(root)

    const first = await open(root, data)
    assert.equal(first.stats.warm, false)
    await first.vault.close()
    const written = await snapshotBytes(data)

    // One note changed through the vault: the next start parses it instead.
    const second = await open(root, data)
    assert.equal(second.stats.parsed, 0)
    await appendFile(path.join(root, paths[0] as string), '\nchanged by a one-shot call\n')
    await second.vault.refresh(paths[0] as string)
    await second.vault.close()
    assert.deepEqual(await snapshotBytes(data), written)
    const third = await open(root, data)
    assert.equal(third.stats.parsed, 1)
    const { vault: cold } = await indexVault(root)
    assert.deepEqual(summarizeIndex(third.vault.index), summarizeIndex(cold.index))
    await cold.close()

    // 100 notes differ (the one from before and 99 more): this close writes.
    for (const notePath of paths.slice(1, 100)) {
      await appendFile(path.join(root, notePath), '\nchanged again\n')
      await third.vault.refresh(notePath)
    }
    await third.vault.close()
    assert.notDeepEqual(await snapshotBytes(data), written)
    const fourth = await open(root, data)
    assert.equal(fourth.stats.parsed, 0)
    await fourth.vault.close()

    // A new file (a start would re-resolve links across the index for it): this close writes.
    const beforeCreate = await snapshotBytes(data)
    const fifth = await open(root, data)
    await writeFile(path.join(root, 'Created by a one-shot call.md'), '[[Some link]]\n')
    await fifth.vault.refresh('Created by a one-shot call.md')
    await fifth.vault.close()
    assert.notDeepEqual(await snapshotBytes(data), beforeCreate)
    const sixth = await open(root, data)
    assert.equal(sixth.stats.parsed, 0)
    await sixth.vault.close()
  })
})
