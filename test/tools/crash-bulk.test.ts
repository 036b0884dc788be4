/**
 * A bulk update over many notes is SIGKILLed mid-way, several times, with the journal on SQLite.
 * Every note must then hold exactly one of its versions (never torn), the journal must never claim
 * a change that is not on disk, and it must cover every changed note but at most the one being
 * written at each kill (a bulk call journals each note right after writing it). Undo of the last
 * entry then restores exactly the notes it recorded.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { Random } from '../../bench/genvault/random.ts'
import { createSilentLogger } from '../../src/log.ts'
import { createStore, type JournalEntrySummary } from '../../src/store/index.ts'
import type { ToolDefinition } from '../../src/tools/define-tool.ts'
import { executeTool } from '../../src/tools/execute-tool.ts'
import { historyTool } from '../../src/tools/history.ts'
import { IN_PROGRESS_SUMMARY } from '../../src/tools/journal-progress.ts'
import { createVault, hashContent } from '../../src/vault/index.ts'
import { NOTE_COUNT, notePath, noteText } from '../fixtures/crash-bulk-notes.ts'
import { seededRandom } from '../helpers/test-seed.ts'

const WRITER = fileURLToPath(new URL('../fixtures/crash-bulk-writer.ts', import.meta.url))
const KILLS = 3

/** Runs the writer from `start`, kills it at a random moment after its first round began. */
async function runAndKill(root: string, dataDir: string, start: number, random: Random): Promise<number> {
  const child = spawn(process.execPath, [WRITER, root, dataDir, String(start)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  let rounds = 0
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    rounds += chunk.split('\n').filter((line) => line.startsWith('round ')).length
  })
  await once(child.stdout, 'data')
  await sleep(200 + random.int(2500))
  child.kill('SIGKILL')
  const [code, signal] = await exited
  assert.equal(signal, 'SIGKILL', `the writer exited early with code ${code}`)
  return rounds
}

/** The round each note is at; fails on any note that is not exactly one of its versions. */
async function noteRounds(root: string, maxRound: number): Promise<number[]> {
  const rounds: number[] = []
  for (let note = 0; note < NOTE_COUNT; note++) {
    const text = await readFile(path.join(root, notePath(note)), 'utf8')
    let round = -1
    for (let r = 0; r <= maxRound && round === -1; r++) if (text === noteText(note, r)) round = r
    assert.notEqual(round, -1, `${notePath(note)} is torn or unknown (${text.length} characters)`)
    rounds.push(round)
  }
  return rounds
}

const noteOf = (filePath: string) => Number(filePath.match(/Note (\d+)/)?.[1])

/**
 * Checks the journal against the disk; returns the notes whose version on disk has no journal
 * entry, and the entries newest first.
 */
async function checkJournal(t: TestContext, dataDir: string, rounds: number[], maxRound: number) {
  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  try {
    const entries = await store.journal.listNewest({ limit: 1000 })
    const roundOfHash = new Map<string, number>()
    for (let note = 0; note < NOTE_COUNT; note++)
      for (let r = 0; r <= maxRound; r++)
        roundOfHash.set(`${notePath(note)} ${hashContent(noteText(note, r))}`, r)
    const recorded = new Set<string>()
    let partial = 0
    for (const entry of entries) {
      // Items are written, and journaled, in order: any entry is its call's first notes.
      assert.deepEqual(
        entry.changes.map((change) => change.path),
        Array.from({ length: entry.changes.length }, (_, note) => notePath(note)),
        `entry ${entry.id} holds its notes in write order`,
      )
      if (entry.summary === IN_PROGRESS_SUMMARY) partial++
      else assert.equal(entry.changes.length, NOTE_COUNT, 'a finished bulk entry covers every note')
      for (const change of entry.changes) {
        const round = roundOfHash.get(`${change.path} ${change.afterHash}`)
        assert.ok(round !== undefined, `entry ${entry.id} names an unknown version of ${change.path}`)
        const onDisk = rounds[noteOf(change.path)] as number
        assert.ok(
          onDisk >= round,
          `entry ${entry.id} claims round ${round} of ${change.path}, disk has ${onDisk}`,
        )
        recorded.add(`${change.path} ${change.afterHash}`)
      }
    }
    assert.ok(partial <= KILLS, `${partial} unfinished entries for ${KILLS} kills`)
    const unrecorded = rounds.flatMap((round, note) =>
      round > 0 && !recorded.has(`${notePath(note)} ${hashContent(noteText(note, round))}`) ? [note] : [],
    )
    t.diagnostic(
      `${entries.length} journal entries (${partial} unfinished); unrecorded notes: ${unrecorded.length}`,
    )
    return { unrecorded, entries }
  } finally {
    await store.close()
  }
}

/** Undoes the newest entry with obsidian_history; checks it restores exactly its recorded notes. */
async function undoNewest(root: string, dataDir: string, newest: JournalEntrySummary) {
  const log = createSilentLogger()
  const store = await createStore({ dataDir, log, autoPrune: false })
  const vault = await createVault({ root, log, watch: false })
  try {
    await vault.start()
    const entry = await store.journal.get(newest.id)
    assert.ok(entry)
    const before = new Map<number, Buffer>()
    for (let note = 0; note < NOTE_COUNT; note++)
      before.set(note, await readFile(path.join(root, notePath(note))))
    const history = historyTool as ToolDefinition
    const { result } = await executeTool(
      history,
      { operation: 'undo', change_id: entry.id },
      { vault, signal: new AbortController().signal, source: { kind: 'cli' }, journal: store.journal },
    )
    const byNote = new Map(entry.changes.map((change) => [noteOf(change.path), change]))
    let restored = 0
    for (let note = 0; note < NOTE_COUNT; note++) {
      const now = await readFile(path.join(root, notePath(note)))
      const change = byNote.get(note)
      const was = before.get(note) as Buffer
      // A recorded note still at the entry's version goes back; anything else stays as it was.
      if (change !== undefined && hashContent(was) === change.afterHash) {
        assert.deepEqual(new Uint8Array(now), change.before, `${notePath(note)} is restored`)
        restored++
      } else {
        assert.deepEqual(now, was, `${notePath(note)} is left alone`)
      }
    }
    assert.equal((result.restored as unknown[]).length, restored)
    assert.ok(restored >= entry.changes.length - 1, 'at most the in-flight note changed since')
    return restored
  } finally {
    await vault.close()
    await store.close()
  }
}

test('bulk updates killed mid-way leave no torn note, and the journal covers all but the note in flight', async (t) => {
  const random = seededRandom(t)
  const dir = await mkdtemp(path.join(tmpdir(), 'jasque-crash-bulk-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const root = path.join(dir, 'vault')
  const dataDir = path.join(dir, 'data')
  await mkdir(path.join(root, 'Notes'), { recursive: true })
  for (let note = 0; note < NOTE_COUNT; note++)
    await writeFile(path.join(root, notePath(note)), noteText(note, 0))

  let start = 1
  let maxRound = 0
  let newest: JournalEntrySummary | undefined
  for (let kill = 0; kill < KILLS; kill++) {
    const completed = await runAndKill(root, dataDir, start, random)
    maxRound = start + completed
    const rounds = await noteRounds(root, maxRound)
    t.diagnostic(
      `kill ${kill + 1}: ${completed} bulk calls completed; notes at rounds ${Math.min(...rounds)}..${Math.max(...rounds)}`,
    )
    const { unrecorded, entries } = await checkJournal(t, dataDir, rounds, maxRound)
    // Each kill can lose the record of the one note being written; the next run rewrites it.
    const fromThisRun = unrecorded.filter((note) => (rounds[note] as number) >= start)
    assert.ok(fromThisRun.length <= 1, `notes changed with no journal entry: ${fromThisRun.join(', ')}`)
    assert.ok(unrecorded.length <= kill + 1)
    newest = entries[0]
    start = Math.max(...rounds) + 1
  }
  const leftovers = (await readdir(path.join(root, 'Notes'))).filter((name) => name.startsWith('.'))
  t.diagnostic(`${leftovers.length} temp files left beside the notes (removed at the vault start)`)

  assert.ok(newest, 'the writer journaled at least one note')
  const restored = await undoNewest(root, dataDir, newest)
  t.diagnostic(`undo of ${newest.id} (${newest.changes.length} notes recorded) restored ${restored}`)
})
