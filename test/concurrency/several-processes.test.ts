/**
 * Several Jasque processes on one vault and one data folder, as users run them: the server and
 * CLI calls at once, on both store drivers. Every change must be journaled and undoable, and no
 * write may be lost, whoever else writes.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { watch } from 'node:fs'
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { createSilentLogger } from '../../src/log.ts'
import { createVault } from '../../src/vault/index.ts'
import { startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { deferCleanup, testEachDriver } from '../helpers/test-drivers.ts'
import { seededRandom } from '../helpers/test-seed.ts'
import { type JasqueSettings, runJasque, runTool, snapshotVault, startServer } from './cli-processes.ts'

const APPEND_LOOP = path.resolve(import.meta.dirname, '../fixtures/append-loop.ts')

async function makeVault(t: TestContext, files: Record<string, string>): Promise<string> {
  const base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'jasque-processes-')))
  deferCleanup(t, () => rm(base, { recursive: true, force: true }))
  const root = path.join(base, 'vault')
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true })
    await writeFile(path.join(root, name), text)
  }
  return root
}

interface Change {
  change_id: string
  operation: string
  undone_at?: string
}

async function listChanges(settings: JasqueSettings): Promise<Change[]> {
  const run = await runJasque(['history', '--json', '--limit', '200'], settings)
  assert.equal(run.code, 0, run.stderr)
  return (JSON.parse(run.stdout) as { results: Change[] }).results
}

testEachDriver(
  test,
  'the server and ten CLI processes write at once: history lists every change and undoing them all restores the vault byte for byte',
  async (t, driver) => {
    const location = await driver.createLocation(t)
    const vaultRoot = await makeVault(t, { 'Shared.md': 'shared\n', 'Notes/Old.md': 'old\n' })
    const original = await snapshotVault(vaultRoot)
    await using model = await startFakeAnthropic()
    model.enqueue(
      {
        type: 'turn',
        toolUses: [
          {
            name: 'obsidian_manage_notes',
            input: { operation: 'create', path: 'Server/From chat.md', content: 'made by the server\n' },
          },
        ],
      },
      { type: 'turn', text: 'Done.' },
    )
    const settings: JasqueSettings = {
      vaultRoot,
      ...location,
      env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.baseUrl },
    }
    const server = await startServer(settings)
    t.after(() => server.stop())

    const chat = fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'jasque', messages: [{ role: 'user', content: 'Make a note.' }] }),
    })
    const cli = Array.from({ length: 10 }, (_, index) =>
      index % 2 === 0
        ? runTool(
            'obsidian_manage_notes',
            { operation: 'create', path: `CLI/Note ${index}.md`, content: `note ${index}\n` },
            settings,
          )
        : runTool(
            'obsidian_manage_notes',
            { operation: 'append', path: 'Shared.md', content: `line ${index}` },
            settings,
          ),
    )
    const response = await chat
    assert.equal(response.status, 200)
    const results = await Promise.all(cli)
    for (const result of results) assert.equal(result.success, true, JSON.stringify(result))

    const shared = await readFile(path.join(vaultRoot, 'Shared.md'), 'utf8')
    for (const index of [1, 3, 5, 7, 9]) assert.equal(shared.split(`line ${index}\n`).length, 2, shared)
    assert.equal(await readFile(path.join(vaultRoot, 'Server/From chat.md'), 'utf8'), 'made by the server\n')

    const changes = await listChanges(settings)
    assert.equal(changes.length, 11)
    // Stopping the server must not lose what the CLI processes recorded.
    assert.equal(await server.stop(), 0)
    assert.deepEqual(
      (await listChanges(settings)).map((change) => change.change_id),
      changes.map((change) => change.change_id),
    )
    for (const change of changes) {
      const run = await runJasque(['undo', change.change_id, '--json'], settings)
      assert.equal(run.code, 0, `${change.change_id}: ${run.stdout}${run.stderr}`)
    }
    assert.deepEqual(await snapshotVault(vaultRoot), original)
  },
)

testEachDriver(
  test,
  'twenty CLI processes appending to one note at once all succeed and each line is there once',
  async (t, driver) => {
    const location = await driver.createLocation(t)
    const vaultRoot = await makeVault(t, { 'Log.md': '# Log\n' })
    const settings: JasqueSettings = { vaultRoot, ...location }
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        runTool(
          'obsidian_manage_notes',
          { operation: 'append', path: 'Log.md', content: `entry ${index}` },
          settings,
        ),
      ),
    )
    for (const result of results) assert.equal(result.success, true, JSON.stringify(result))
    const lines = (await readFile(path.join(vaultRoot, 'Log.md'), 'utf8')).split('\n')
    for (let index = 0; index < 20; index += 1) {
      assert.equal(lines.filter((line) => line === `entry ${index}`).length, 1, lines.join('\n'))
    }
    assert.equal((await listChanges(settings)).length, 20)
  },
)

test('an outside program appending in a loop while Jasque appends 200 times loses no line of either', {
  timeout: 120_000,
}, async (t) => {
  const vaultRoot = await makeVault(t, { 'Busy.md': 'start\n' })
  const vault = await createVault({
    root: vaultRoot,
    log: createSilentLogger(),
    watch: false,
    lockDir: path.join(path.dirname(vaultRoot), 'data'),
  })
  t.after(() => vault.close())
  await vault.start()
  const appender = spawn(process.execPath, [APPEND_LOOP, path.join(vaultRoot, 'Busy.md'), '3'])
  t.after(() => appender.kill('SIGKILL'))
  let output = ''
  appender.stdout.on('data', (chunk) => {
    output += chunk
  })
  const ended = once(appender, 'close')
  await once(appender.stdout, 'data')
  for (let index = 0; index < 200; index += 1) {
    await vault.writer.edit('Busy.md', (note) => `${note.text}jasque ${index}\n`)
  }
  appender.kill('SIGTERM')
  await ended
  const outside = Number(output.trim().split('\n').at(-1))
  assert.ok(outside > 0, `the outside program wrote nothing: ${output}`)
  const lines = (await readFile(path.join(vaultRoot, 'Busy.md'), 'utf8')).split('\n')
  for (let index = 0; index < 200; index += 1) {
    assert.equal(lines.filter((line) => line === `jasque ${index}`).length, 1, `jasque ${index}`)
  }
  for (let index = 0; index < outside; index += 1) {
    assert.equal(
      lines.filter((line) => line === `outside ${index}`).length,
      1,
      `outside ${index} (of ${outside})`,
    )
  }
  t.diagnostic(`${outside} outside appends interleaved with 200 of Jasque's`)
})

testEachDriver(
  test,
  'a CLI process killed during a journaled write loses no committed entry and leaves the note old or new',
  async (t, driver) => {
    const random = seededRandom(t)
    const location = await driver.createLocation(t)
    const body = (round: number) => `# Round ${round}\n\n${'a line of the note\n'.repeat(5_000)}`
    const vaultRoot = await makeVault(t, { 'Big.md': body(0), 'Log.md': '# Log\n' })
    const settings: JasqueSettings = { vaultRoot, ...location }
    let committed: string[] = []
    for (let round = 1; round <= 4; round += 1) {
      const before = await readFile(path.join(vaultRoot, 'Big.md'), 'utf8')
      const done = await runTool(
        'obsidian_manage_notes',
        { operation: 'append', path: 'Log.md', content: `round ${round}` },
        settings,
      ).catch(async () =>
        runTool(
          'obsidian_manage_notes',
          { operation: 'create', path: 'Log.md', content: `round ${round}` },
          settings,
        ),
      )
      assert.equal(done.success, true, JSON.stringify(done))
      committed = (await listChanges(settings)).map((change) => change.change_id)
      // Killed a random moment after its temp file appears: while writing, syncing, renaming or journaling.
      const killAfter = random.int(30)
      const watcher = watch(vaultRoot)
      const result = await runJasque(
        [
          'tool',
          'obsidian_manage_notes',
          JSON.stringify({ operation: 'update', path: 'Big.md', content: body(round) }),
        ],
        settings,
        {
          onSpawn: (child) =>
            watcher.on('change', (_event, name) => {
              if (String(name).startsWith('.jasque-tmp-')) setTimeout(() => child.kill('SIGKILL'), killAfter)
            }),
        },
      )
      watcher.close()
      const after = await readFile(path.join(vaultRoot, 'Big.md'), 'utf8')
      assert.ok(
        after === before || after === body(round),
        `round ${round}: Big.md is torn (${after.length} chars)`,
      )
      const listed = new Set((await listChanges(settings)).map((change) => change.change_id))
      for (const id of committed) assert.ok(listed.has(id), `round ${round}: entry ${id} vanished`)
      t.diagnostic(
        `round ${round}: killed ${killAfter} ms after the temp file appeared (${result.signal ?? `exit ${result.code}`}), note ${after === before ? 'old' : 'new'}`,
      )
    }
  },
)
