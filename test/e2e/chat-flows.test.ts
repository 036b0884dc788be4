/**
 * End to end with real parts: the official `openai` client talks to a running Jasque server whose
 * agent calls a fake Anthropic API; the tools act on a real temporary vault; the journal and the
 * run history live in an embedded database.
 */
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import OpenAI from 'openai'
import type { Services } from '../../src/services.ts'
import { type FakeAnthropic, startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { startServicesServer } from '../helpers/services-server.ts'
import { type TmpDir, tmpDir } from '../helpers/tmp-dir.ts'

const API_KEY = 'e2e-key'

/** Polls `condition` until true; fails naming `what` after a minute (a limit, not a timing assertion). */
async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('chat flows through the OpenAI client, the agent and the vault', () => {
  let dir: TmpDir
  let fake: FakeAnthropic
  let services: Services
  let app: FastifyInstance
  let client: OpenAI
  let baseUrl: string
  const vaultRoot = () => path.join(dir.path, 'vault')

  before(async () => {
    dir = await tmpDir()
    await mkdir(path.join(vaultRoot(), 'Projects'), { recursive: true })
    await writeFile(path.join(vaultRoot(), 'Home.md'), '# Home\n\n- [ ] call Bob\n- [x] pay rent\n')
    await writeFile(path.join(vaultRoot(), 'Projects/Alpha.md'), '# Alpha\n\n- [ ] write the plan\n')
    fake = await startFakeAnthropic()
    ;({ services, app, baseUrl } = await startServicesServer({
      vaultRoot: vaultRoot(),
      dataDir: path.join(dir.path, 'data'),
      anthropicBaseUrl: fake.baseUrl,
      apiKey: API_KEY,
    }))
    client = new OpenAI({ apiKey: API_KEY, baseURL: `${baseUrl}/v1`, maxRetries: 0 })
  })

  after(async () => {
    await app.close()
    await services.close()
    await fake.close()
    await dir[Symbol.asyncDispose]()
  })

  test('"create a note": the file is created, the change journaled and the run recorded', async () => {
    fake.enqueue(
      {
        type: 'turn',
        text: 'Creating it.',
        toolUses: [
          {
            name: 'obsidian_manage_notes',
            input: { operation: 'create', path: 'Ideas/Garden', content: '# Garden\n\nTomatoes.\n' },
          },
        ],
        usage: { input: 100, output: 20 },
      },
      { type: 'turn', text: 'Created [[Garden]].', usage: { input: 150, output: 10 } },
    )
    const completion = await client.chat.completions.create({
      model: 'anything',
      messages: [{ role: 'user', content: 'Create a note about my garden' }],
    })
    assert.equal(completion.model, 'jasque')
    assert.match(completion.choices[0]?.message.content ?? '', /Created \[\[Garden\]\]\./)
    assert.deepEqual(completion.usage, { prompt_tokens: 250, completion_tokens: 30, total_tokens: 280 })
    assert.equal(readFileSync(path.join(vaultRoot(), 'Ideas/Garden.md'), 'utf8'), '# Garden\n\nTomatoes.\n')
    const [entry] = await services.store.journal.listNewest({ limit: 1 })
    assert.equal(entry?.tool, 'obsidian_manage_notes')
    assert.equal(entry?.operation, 'create')
    assert.equal(entry?.source.kind, 'chat')
    assert.ok(entry?.source.conversationId)
    const [run] = await services.store.runs.listNewest({ limit: 1 })
    assert.ok(run)
    const full = await services.store.runs.get(run.id)
    assert.equal(full?.outcome, 'ok')
    assert.equal(full?.toolCalls[0]?.name, 'obsidian_manage_notes')
    assert.equal(full?.toolCalls[0]?.changeId, entry?.id)
  })

  test('"what tasks are open": the tool runs from the index and the answer streams', async () => {
    fake.enqueue(
      {
        type: 'turn',
        toolUses: [{ name: 'obsidian_query_vault', input: { operation: 'list_tasks' } }],
        usage: { input: 80, output: 12 },
      },
      { type: 'turn', text: ['You have ', 'two open tasks.'], usage: { input: 120, output: 8 } },
    )
    const stream = await client.chat.completions.create({
      model: 'jasque',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What tasks are open?' }] }],
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      usage = chunk.usage ?? usage
    }
    assert.match(text, /You have two open tasks\./)
    assert.equal(usage?.total_tokens, 220)
    const toolResult = JSON.stringify(fake.requests.at(-1)?.body.messages)
    assert.match(toolResult, /call Bob/)
    assert.match(toolResult, /write the plan/)
    assert.doesNotMatch(toolResult, /pay rent/)
  })

  test('"undo that": the last change is reverted and the note goes to the trash', async () => {
    fake.enqueue(
      { type: 'turn', toolUses: [{ name: 'obsidian_history', input: { operation: 'undo' } }] },
      { type: 'turn', text: 'Undone.' },
    )
    const completion = await client.chat.completions.create({
      model: 'jasque',
      messages: [{ role: 'user', content: 'Undo that' }],
    })
    assert.equal(completion.choices[0]?.message.content, 'Undone.')
    assert.equal(existsSync(path.join(vaultRoot(), 'Ideas/Garden.md')), false)
    assert.equal(readFileSync(path.join(vaultRoot(), '.trash/Garden.md'), 'utf8'), '# Garden\n\nTomatoes.\n')
  })

  test('a client that disconnects mid-tool leaves no half-written note', async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      path: `Bulk/Note ${i}.md`,
      content: `${'x'.repeat(20_000)}\nend ${i}\n`,
    }))
    fake.enqueue(
      {
        type: 'turn',
        toolUses: [{ name: 'obsidian_manage_notes', input: { operation: 'create', bulk: true, items } }],
      },
      { type: 'turn', text: 'Done.' },
    )
    const runsBefore = (await services.store.runs.listNewest({ limit: 1000 })).length
    const folder = path.join(vaultRoot(), 'Bulk')
    const controller = new AbortController()
    const response = fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({
        model: 'jasque',
        stream: true,
        messages: [{ role: 'user', content: 'Make 100 notes' }],
      }),
      signal: controller.signal,
    })
    // Disconnect once the tool is writing: as soon as its first note exists.
    await waitFor(
      () => existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.md')),
      'a first note',
    )
    controller.abort()
    await response
      .then(
        async (answer) => {
          for await (const _ of answer.body ?? []) {
            // read until the abort
          }
        },
        () => {},
      )
      .catch(() => {})
    // The run is recorded when the agent has stopped: nothing writes after that.
    await waitFor(
      async () => (await services.store.runs.listNewest({ limit: 1000 })).length > runsBefore,
      'the run to be recorded',
    )
    const names = readdirSync(folder)
    assert.ok(names.length > 0)
    for (const name of names) {
      assert.ok(!name.startsWith('.jasque-tmp-'), `no temporary file left: ${name}`)
      const text = readFileSync(path.join(folder, name), 'utf8')
      const number = Number(/Note (\d+)\.md$/.exec(name)?.[1])
      assert.equal(text, `${'x'.repeat(20_000)}\nend ${number}\n`, `${name} is whole`)
    }
    // Every note on disk is in the journal, so undo can remove what the cut-off run created.
    const [entry] = await services.store.journal.listNewest({ limit: 1 })
    const journaled = (entry?.changes ?? [])
      .filter((change) => change.kind === 'create')
      .map((change) => change.path)
    assert.deepEqual(journaled.sort(), names.map((name) => `Bulk/${name}`).sort())
  })
})
