/**
 * Crash property of atomicWrite: a writer process is SIGKILLed at random moments; every file
 * must still hold exactly one of its known versions, and cleanupTempFiles removes the leftovers.
 * (SIGKILL tests process death; power loss would also need the fsyncs, which this cannot show.)
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { Random } from '../bench/genvault/random.ts'
import { cleanupTempFiles, TEMP_PREFIX } from '../src/vault/disk/atomic-write.ts'
import { FILE_COUNT, fileName, versionBytes } from './fixtures/crash-versions.ts'
import { seededRandom } from './helpers/test-seed.ts'

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url))
const BUDGET_MS = 4000
/** Kills at least this many writers even when a loaded machine makes each one slow to start. */
const MIN_ROUNDS = 3

/** Starts the writer, waits until it writes, lets it run a random while, then SIGKILLs it. */
async function runAndKill(dir: string, random: Random): Promise<void> {
  const child = spawn(process.execPath, [WRITER, dir, String(random.int(2 ** 31))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  await once(child.stdout, 'data')
  await sleep(random.int(150))
  child.kill('SIGKILL')
  const [code, signal] = await exited
  assert.equal(signal, 'SIGKILL', `the writer exited early with code ${code}`)
}

test('files written with atomicWrite are never torn or missing when the writer is killed', async (t) => {
  const random = seededRandom(t)
  const dir = await mkdtemp(path.join(tmpdir(), 'jasque-crash-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  for (let file = 0; file < FILE_COUNT; file++)
    await writeFile(path.join(dir, fileName(file)), versionBytes(file, 0))

  const started = performance.now()
  let rounds = 0
  let leftovers = 0
  const changed = new Set<number>()
  while (rounds < MIN_ROUNDS || performance.now() - started < BUDGET_MS) {
    await runAndKill(dir, random)
    rounds++
    for (let file = 0; file < FILE_COUNT; file++) {
      const bytes = await readFile(path.join(dir, fileName(file)))
      const isOld = bytes.equals(versionBytes(file, 0))
      const isNew = bytes.equals(versionBytes(file, 1))
      assert.ok(isOld || isNew, `round ${rounds}: ${fileName(file)} holds ${bytes.length} unknown bytes`)
      if (isNew) changed.add(file)
    }
    leftovers += (await readdir(dir)).filter((name) => name.startsWith(TEMP_PREFIX)).length
  }
  assert.ok(changed.size > 0, 'the writer never replaced a file')

  const removed = await cleanupTempFiles(dir)
  const remaining = await readdir(dir)
  assert.equal(remaining.filter((name) => name.startsWith(TEMP_PREFIX)).length, 0)
  assert.equal(remaining.length, FILE_COUNT)
  t.diagnostic(
    `${rounds} kills, ${changed.size} files replaced, ${removed.length} temp files left at the end`,
  )
  t.diagnostic(`temp files seen after kills (cumulative): ${leftovers}`)
})
