/**
 * The `jasque` command line as a user runs it: `node src/cli/main.ts …` in a child process, on a
 * temp vault and an SQLite store in a temp data folder shared by the tests of this file (in order).
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { createSilentLogger } from '../log.ts'
import { createStore } from '../store/index.ts'
import { createVault } from '../vault/index.ts'

const MAIN = path.join(import.meta.dirname, 'main.ts')

let base = ''
let vaultRoot = ''
let dataDir = ''

before(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), 'jasque-cli-')))
  vaultRoot = path.join(base, 'vault')
  dataDir = path.join(base, 'data')
  await mkdir(vaultRoot)
  await writeFile(path.join(vaultRoot, 'A.md'), 'first version\n')
})

after(() => rm(base, { recursive: true, force: true }))

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the CLI with only the settings given here (no inherited keys, database or .env). */
function jasque(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: base,
      env: {
        PATH: process.env.PATH ?? '',
        OBSIDIAN_VAULT_PATH: vaultRoot,
        JASQUE_DATA_DIR: dataDir,
        LLM_MODEL: 'anthropic:claude-test',
        ...env,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Edits A.md through the vault writer and records it as a chat request would, then closes all. */
async function recordEdit(text: string): Promise<string> {
  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  const vault = await createVault({ root: vaultRoot, log: createSilentLogger(), watch: false })
  try {
    await vault.start()
    const outcome = await vault.writer.edit('A.md', () => text)
    const entry = await store.journal.record({
      source: { kind: 'chat', conversationId: 'conv-7' },
      tool: 'obsidian_manage_notes',
      operation: 'update',
      paths: ['A.md'],
      changes: [
        {
          kind: 'modify',
          path: 'A.md',
          before: outcome.before ?? new Uint8Array(),
          ...(outcome.beforeHash === undefined ? {} : { beforeHash: outcome.beforeHash }),
          afterHash: outcome.afterHash,
        },
      ],
    })
    return entry.id
  } finally {
    await vault.close()
    await store.close()
  }
}

test('jasque --help lists every command', async () => {
  const run = await jasque(['--help'])

  assert.equal(run.code, 0)
  for (const name of ['serve', 'ask', 'tool', 'history', 'undo', 'index']) {
    assert.match(run.stdout, new RegExp(`^  ${name} `, 'm'))
  }
})

test('jasque tool --help lists the tools with their operations', async () => {
  const run = await jasque(['tool', '--help'])

  assert.equal(run.code, 0)
  assert.equal(run.stderr, '')
  assert.match(run.stdout, /^Usage: jasque tool <name>/)
  assert.match(run.stdout, /^ {2}obsidian_history\n {4}operations: list_changes, undo$/m)
  assert.match(run.stdout, /^ {2}obsidian_query_vault\n {4}operations: search_text, find_by_name/m)
})

test('jasque tool NAME --help prints the description and the parameters', async () => {
  const run = await jasque(['tool', 'obsidian_history', '--help'])

  assert.equal(run.code, 0)
  assert.match(run.stdout, /See and undo the vault's changes/)
  assert.match(run.stdout, /^ {2}operation {2}one of: list_changes, undo; required$/m)
  assert.match(run.stdout, /^ {2}limit {6}integer 1\.\.500; default 50$/m)
})

test('jasque tool prints only the JSON result on stdout', async () => {
  const run = await jasque(['tool', 'obsidian_query_vault', '{"operation":"list_notes"}'])

  assert.equal(run.code, 0)
  const result = JSON.parse(run.stdout)
  assert.equal(result.success, true)
  assert.deepEqual(result.results, [{ path: 'A.md', title: 'A' }])
})

test('jasque tool exits 0 with the failure in the JSON when the tool says no', async () => {
  const run = await jasque(['tool', 'obsidian_history', '{"operation":"rewind"}'])

  assert.equal(run.code, 0)
  const result = JSON.parse(run.stdout)
  assert.equal(result.success, false)
  assert.match(result.message, /Invalid arguments for obsidian_history: operation/)
})

const usageErrors: [name: string, args: string[], stderr: RegExp][] = [
  ['bad JSON', ['tool', 'obsidian_history', '{operation'], /not valid JSON/],
  ['JSON that is not an object', ['tool', 'obsidian_history', '[1]'], /must be a JSON object/],
  ['no arguments', ['tool', 'obsidian_history'], /give the arguments as one JSON object/],
  ['an unknown tool', ['tool', 'obsidian_nope', '{}'], /unknown tool "obsidian_nope"/],
  ['no tool name', ['tool'], /name a tool/],
  ['a bad --limit', ['history', '--limit', '0'], /--limit must be a whole number/],
  ['an unknown option', ['history', '--everything'], /Unknown option/],
  ['two change ids', ['undo', 'a', 'b'], /at most one change id/],
  ['an empty question', ['ask', ' '], /ask a question/],
  ['arguments', ['serve', 'now'], /serve takes no arguments/],
]
test('usage errors exit 2 with the usage on stderr and nothing on stdout', {
  concurrency: true,
}, async (t) => {
  await Promise.all(
    usageErrors.map(([name, args, stderr]) =>
      t.test(`jasque ${args[0]} with ${name}`, async () => {
        const run = await jasque(args)

        assert.equal(run.code, 2)
        assert.equal(run.stdout, '')
        assert.match(run.stderr, stderr)
        assert.match(run.stderr, /Usage: jasque /)
      }),
    ),
  )
})

test('jasque history lists a recorded change; jasque undo reverts it, then has nothing left', async () => {
  const id = await recordEdit('second version\n')

  const listed = await jasque(['history'])
  const undone = await jasque(['undo', '--json'])
  const again = await jasque(['undo'])
  const json = await jasque(['history', '--json', '--limit', '5'])

  assert.equal(listed.code, 0)
  assert.match(
    listed.stdout,
    new RegExp(
      `^${id}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  obsidian_manage_notes update  A\\.md  \\[chat\\]$`,
      'm',
    ),
  )
  assert.equal(undone.code, 0)
  const result = JSON.parse(undone.stdout)
  assert.equal(result.success, true)
  assert.equal(result.change_id, id)
  assert.equal(await readFile(path.join(vaultRoot, 'A.md'), 'utf8'), 'first version\n')
  assert.equal(again.code, 1)
  assert.match(again.stdout, /^Nothing to undo/)
  const history = JSON.parse(json.stdout)
  assert.deepEqual(
    history.results.map((item: { change_id: string; operation: string }) => [item.change_id, item.operation]),
    [
      [result.undo_change_id, 'undo'],
      [id, 'update'],
    ],
  )
  assert.equal(history.results[1].undone_by, result.undo_change_id)
  assert.equal(history.results[1].conversation_id, 'conv-7')
})

test('jasque undo prints what was put back and what was refused', async () => {
  const id = await recordEdit('third version\n')
  await writeFile(path.join(vaultRoot, 'A.md'), 'edited in Obsidian\n')

  const run = await jasque(['undo', id])

  assert.equal(run.code, 1)
  assert.equal(
    run.stdout,
    `Could not undo ${id} (obsidian_manage_notes update): 1 file changed since and was left as it is. Nothing was changed.\n` +
      '  ✗ A.md: changed since; left as it is (undo never overwrites newer edits)\n',
  )
  assert.equal(await readFile(path.join(vaultRoot, 'A.md'), 'utf8'), 'edited in Obsidian\n')
})

/** Records a chat turn that appended to A.md twice, as the agent would; returns the run id. */
async function recordTurn(): Promise<string> {
  const store = await createStore({ dataDir, log: createSilentLogger(), autoPrune: false })
  const vault = await createVault({ root: vaultRoot, log: createSilentLogger(), watch: false })
  try {
    await vault.start()
    const runId = store.runs.newId()
    const startedAt = new Date()
    const changeIds: string[] = []
    for (const line of ['one', 'two']) {
      const outcome = await vault.writer.edit('A.md', (note) => `${note.text}${line}\n`)
      const entry = await store.journal.record({
        source: { kind: 'chat', conversationId: 'conv-8', runId },
        tool: 'obsidian_manage_notes',
        operation: 'append',
        paths: ['A.md'],
        changes: [
          {
            kind: 'modify',
            path: 'A.md',
            before: outcome.before ?? new Uint8Array(),
            ...(outcome.beforeHash === undefined ? {} : { beforeHash: outcome.beforeHash }),
            afterHash: outcome.afterHash,
          },
        ],
      })
      changeIds.push(entry.id)
    }
    await store.runs.record({
      id: runId,
      requestId: 'req-8',
      conversationId: 'conv-8',
      request: 'Add two lines to A',
      model: 'anthropic:claude-test',
      startedAt,
      finishedAt: new Date(startedAt.getTime() + 1500),
      inputTokens: 100,
      outputTokens: 20,
      outcome: 'ok',
      toolCalls: changeIds.map((changeId) => ({
        name: 'obsidian_manage_notes',
        operation: 'append',
        paths: ['A.md'],
        durationMs: 12,
        ok: true,
        changeId,
        arguments: { operation: 'append', path: 'A.md', content: '[3 characters]' },
      })),
    })
    return runId
  } finally {
    await vault.close()
    await store.close()
  }
}

test('jasque history --turns and --run show a turn with coloured diffs; jasque undo --run takes it back', async () => {
  const before = await readFile(path.join(vaultRoot, 'A.md'), 'utf8')
  const runId = await recordTurn()

  const turns = await jasque(['history', '--turns'])
  assert.equal(turns.code, 0, turns.stderr)
  assert.match(
    turns.stdout,
    new RegExp(
      `^${runId} .* ok {2}Add two lines to A {2}\\[2 tool call\\(s\\), 1 file\\(s\\) changed, 120 tokens, 1\\.5 s\\]$`,
      'm',
    ),
  )

  const plain = await jasque(['history', '--run', runId])
  assert.equal(plain.code, 0, plain.stderr)
  assert.match(plain.stdout, /^Request: Add two lines to A$/m)
  assert.match(plain.stdout, /^ {2}1\. obsidian_manage_notes append ok \(12 ms\) change /m)
  assert.match(plain.stdout, /^@@ -1,2 \+1,3 @@\n edited in Obsidian\n one\n\+two$/m)
  assert.doesNotMatch(plain.stdout, /\u001b\[/, 'no colour when stdout is not a terminal')
  const coloured = await jasque(['history', '--run', runId], { FORCE_COLOR: '1' })
  assert.match(coloured.stdout, /\u001b\[32m\+two\u001b\[39m/)

  const undone = await jasque(['undo', '--run', runId])
  assert.equal(undone.code, 0, undone.stdout)
  assert.match(undone.stdout, new RegExp(`^Undid run ${runId}: 2 changes reverted, newest first\\.$`, 'm'))
  assert.equal(await readFile(path.join(vaultRoot, 'A.md'), 'utf8'), before)

  const unknown = await jasque(['history', '--run', 'zzzzzzzzzzzzz'])
  assert.equal(unknown.code, 1)
  assert.match(unknown.stderr, /no turn zzzzzzzzzzzzz/)
})

test('jasque ask without a model key says what to set and exits 1', async () => {
  const run = await jasque(['ask', 'What is new?'])

  assert.equal(run.code, 1)
  assert.equal(run.stdout, '')
  assert.match(run.stderr, /ANTHROPIC_API_KEY/)
})

test('jasque without a command starts the server, which stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [MAIN], {
    cwd: base,
    env: {
      PATH: process.env.PATH ?? '',
      OBSIDIAN_VAULT_PATH: vaultRoot,
      JASQUE_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
    },
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  // A limit, not a timing assertion: a server that never listens fails here with its output.
  const timeout = AbortSignal.timeout(60_000)
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes('"listening"')) resolve()
      else if (timeout.aborted) reject(new Error(`no "listening" line within 60 s; output:\n${output}`))
      else if (child.exitCode !== null) reject(new Error(`the server exited before listening:\n${output}`))
      else setTimeout(check, 50)
    }
    check()
  })
  child.kill('SIGTERM')

  assert.equal(await exited, 0)
})
