/**
 * A bulk update over many notes is SIGKILLed mid-way, with the journal on PGlite. Every note must
 * then hold exactly one of its versions (never torn), and the journal must never claim a change
 * that is not on disk. The journal entry of a bulk call is written after its last note, so a kill
 * mid-call leaves notes changed with no entry for that call: the diagnostics count them.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createSilentLogger } from '../../src/log.ts'
import { createStore } from '../../src/store/index.ts'
import { hashContent } from '../../src/vault/index.ts'
import { NOTE_COUNT, notePath, noteText } from '../fixtures/crash-bulk-notes.ts'

const WRITER = fileURLToPath(new URL('../fixtures/crash-bulk-writer.ts', import.meta.url))
const KILLS = 3

/** Runs the writer from `start`, kills it at a random moment after its first round began. */
async function runAndKill(root: string, dataDir: string, start: number): Promise<number> {
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
  await sleep(200 + Math.floor(Math.random() * 2500))
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

test('a bulk update killed mid-way leaves no torn note, and the journal never runs ahead of the disk', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'jasque-crash-bulk-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const root = path.join(dir, 'vault')
  const dataDir = path.join(dir, 'data')
  await mkdir(path.join(root, 'Notes'), { recursive: true })
  for (let note = 0; note < NOTE_COUNT; note++)
    await writeFile(path.join(root, notePath(note)), noteText(note, 0))

  let start = 1
  let maxRound = 0
  for (let kill = 0; kill < KILLS; kill++) {
    const completed = await runAndKill(root, dataDir, start)
    maxRound = start + completed
    const rounds = await noteRounds(root, maxRound)
    start = Math.max(...rounds) + 1
    t.diagnostic(
      `kill ${kill + 1}: ${completed} bulk calls completed; notes at rounds ${Math.min(...rounds)}..${Math.max(...rounds)}`,
    )
  }
  const rounds = await noteRounds(root, maxRound)
  const leftovers = (await readdir(path.join(root, 'Notes'))).filter((name) => name.startsWith('.'))

  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  t.after(() => store.close())
  const entries = await store.journal.listNewest({ limit: 1000 })
  const roundOfHash = new Map<string, number>()
  for (let note = 0; note < NOTE_COUNT; note++)
    for (let r = 0; r <= maxRound; r++)
      roundOfHash.set(`${notePath(note)} ${hashContent(noteText(note, r))}`, r)
  let newestRecorded = 0
  for (const entry of entries) {
    assert.equal(entry.changes.length, NOTE_COUNT, 'a recorded bulk entry covers every note of its call')
    for (const change of entry.changes) {
      const round = roundOfHash.get(`${change.path} ${change.afterHash}`)
      assert.ok(round !== undefined, `entry ${entry.id} names an unknown version of ${change.path}`)
      const note = Number(change.path.match(/Note (\d+)/)?.[1])
      assert.ok(
        (rounds[note] as number) >= round,
        `entry ${entry.id} claims round ${round} of ${change.path}, disk has ${rounds[note]}`,
      )
      newestRecorded = Math.max(newestRecorded, round)
    }
  }
  const unrecorded = rounds.filter((round) => round > newestRecorded).length
  t.diagnostic(`${entries.length} journal entries; newest recorded round ${newestRecorded}`)
  t.diagnostic(`${unrecorded} of ${NOTE_COUNT} notes hold a change with no journal entry (the killed call's)`)
  t.diagnostic(`${leftovers.length} temp files left beside the notes (removed at the next vault start)`)
})
