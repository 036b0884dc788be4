/**
 * The activity page in a real browser: a chat turn against the fake model edits and moves notes,
 * the page lists it, shows its diffs, and "Undo turn" puts the vault back byte for byte. Also the
 * page's other states: a refused undo, an empty store, a store that is down, a server without key.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/api/index.ts'
import { UnavailableError } from '../../src/errors.ts'
import { createSilentLogger } from '../../src/log.ts'
import type { Services } from '../../src/services.ts'
import { findBrowserProblem, openPage } from '../helpers/browser.ts'
import { createFakeAgent } from '../helpers/fake-agent.ts'
import { type FakeAnthropic, startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { startServicesServer } from '../helpers/services-server.ts'
import { type TmpDir, tmpDir } from '../helpers/tmp-dir.ts'

const API_KEY = 'activity-key'
const skip = findBrowserProblem()

/** Every file and folder under `root` with its bytes (folders as null), sorted by path. */
async function snapshot(root: string): Promise<[string, string | null][]> {
  const entries: [string, string | null][] = []
  for (const name of await readdir(root, { recursive: true })) {
    const full = path.join(root, name)
    entries.push([name, (await stat(full)).isDirectory() ? null : (await readFile(full)).toString('base64')])
  }
  return entries.sort(([a], [b]) => a.localeCompare(b))
}

describe('the activity page', { skip }, () => {
  let dir: TmpDir
  let fake: FakeAnthropic
  let services: Services
  let app: FastifyInstance
  let baseUrl: string
  const vaultRoot = () => path.join(dir.path, 'vault')

  before(async () => {
    dir = await tmpDir()
    await mkdir(path.join(vaultRoot(), 'Projects'), { recursive: true })
    await writeFile(
      path.join(vaultRoot(), 'Home.md'),
      '# Home\n\nSee [[Projects/Beta]] and [[Alpha]].\n\n- [ ] call Bob\n',
    )
    await writeFile(path.join(vaultRoot(), 'Projects/Alpha.md'), '# Alpha\n\nThe plan.\n')
    await writeFile(path.join(vaultRoot(), 'Projects/Beta.md'), '# Beta\n\nNotes on <b>Beta</b> & more.\n')
    fake = await startFakeAnthropic()
    ;({ services, app, baseUrl } = await startServicesServer({
      vaultRoot: vaultRoot(),
      dataDir: path.join(dir.path, 'data'),
      anthropicBaseUrl: fake.baseUrl,
      apiKey: API_KEY,
      activityPollMs: 100,
    }))
  })

  after(async () => {
    await app.close()
    await services.close()
    await fake.close()
    await dir[Symbol.asyncDispose]()
  })

  async function chat(content: string) {
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'jasque', messages: [{ role: 'user', content }] }),
    })
    assert.equal(response.status, 200)
    return response.json()
  }

  test('a turn that edits and moves notes is listed, its diff shown, and "Undo turn" restores the vault byte for byte', async (t) => {
    const beforeTurn = await snapshot(vaultRoot())
    const { page, errors, screenshot } = await openPage(t)
    await page.goto(`${baseUrl}/ui`)
    // The server has a key: the page asks for it once, then sends it as a bearer token.
    await page.locator('#key').fill(API_KEY)
    await page.locator('#key-form button').click()
    await page.locator('[data-state="empty"]').waitFor()

    fake.enqueue(
      {
        type: 'turn',
        text: 'Tidying.',
        toolUses: [
          {
            name: 'obsidian_manage_notes',
            input: {
              operation: 'replace',
              path: 'Home.md',
              old_text: 'call Bob',
              new_text: 'call Bob about <Beta>',
            },
          },
          {
            name: 'obsidian_manage_notes',
            input: { operation: 'append', path: 'Projects/Alpha.md', content: 'Step two.' },
          },
          {
            name: 'obsidian_manage_structure',
            input: { operation: 'move', path: 'Projects/Beta.md', new_path: 'Archive/Beta.md' },
          },
        ],
      },
      { type: 'turn', text: 'Done.' },
    )
    await chat('Tidy my projects: archive Beta')
    assert.ok(existsSync(path.join(vaultRoot(), 'Archive/Beta.md')))
    assert.match(await readFile(path.join(vaultRoot(), 'Home.md'), 'utf8'), /\[\[Archive\/Beta\]\]/)

    // The new turn arrives through the event stream, without a reload.
    const turn = page.locator('button.turn', { hasText: 'Tidy my projects' })
    await turn.waitFor()
    assert.match(String(await turn.textContent()), /obsidian_manage_structure move/)
    assert.match(String(await turn.textContent()), /Home\.md/)
    await screenshot('turn-list')

    await turn.focus()
    await page.keyboard.press('Enter')
    const detail = page.locator('.turn-detail')
    await detail.waitFor()
    assert.match(String(await detail.textContent()), /moved Projects\/Beta\.md → Archive\/Beta\.md/)
    assert.match(String(await detail.textContent()), /links updated in Home\.md/)
    const added = page.locator('tr.add td.code', { hasText: 'call Bob about <Beta>' }).first()
    await added.waitFor()
    await page.locator('#diff-mode').click()
    await page.locator('table.diff.split td.code.add', { hasText: 'Step two.' }).waitFor()
    await screenshot('turn-diff')

    await page.locator('#undo-turn').click()
    const result = page.locator('.undo-result')
    await result.waitFor()
    assert.equal(await result.getAttribute('data-success'), 'true', String(await result.textContent()))
    assert.match(
      String(await result.textContent()),
      /✓ Projects\/Beta\.md: moved back from Archive\/Beta\.md/,
    )
    assert.deepEqual(await snapshot(vaultRoot()), beforeTurn)
    assert.deepEqual(errors, [])
  })

  test('an undo refused because a note changed since shows which file was left as it is', async (t) => {
    fake.enqueue(
      {
        type: 'turn',
        toolUses: [
          {
            name: 'obsidian_manage_notes',
            input: { operation: 'append', path: 'Home.md', content: 'Later.' },
          },
        ],
      },
      { type: 'turn', text: 'Appended.' },
    )
    await chat('Add a line to Home')
    await writeFile(path.join(vaultRoot(), 'Home.md'), 'Edited by hand in Obsidian.\n')
    const { page, errors } = await openPage(t)
    await page.goto(`${baseUrl}/ui`)
    await page.locator('#key').fill(API_KEY)
    await page.keyboard.press('Enter')
    await page.locator('button.turn', { hasText: 'Add a line to Home' }).click()
    await page.locator('#undo-turn').click()
    const result = page.locator('.undo-result')
    await result.waitFor()
    assert.equal(await result.getAttribute('data-success'), 'false')
    assert.match(String(await result.textContent()), /✗ Home\.md: changed since; left as it is/)
    assert.equal(await readFile(path.join(vaultRoot(), 'Home.md'), 'utf8'), 'Edited by hand in Obsidian.\n')
    assert.deepEqual(errors, [])
  })

  test('"Undo change" reverts one change of a turn and marks it undone', async (t) => {
    fake.enqueue(
      {
        type: 'turn',
        toolUses: [
          {
            name: 'obsidian_manage_notes',
            input: { operation: 'create', path: 'Ideas/Kept', content: 'kept' },
          },
          {
            name: 'obsidian_manage_notes',
            input: { operation: 'create', path: 'Ideas/Dropped', content: 'dropped' },
          },
        ],
      },
      { type: 'turn', text: 'Created both.' },
    )
    await chat('Make two idea notes')
    const { page, errors } = await openPage(t)
    await page.goto(`${baseUrl}/ui`)
    await page.locator('#key').fill(API_KEY)
    await page.keyboard.press('Enter')
    await page.locator('button.turn', { hasText: 'Make two idea notes' }).click()
    const dropped = page.locator('section.change', { hasText: 'created Ideas/Dropped.md' })
    await dropped.locator('button.undo-change').click()
    const result = page.locator('.undo-result')
    await result.waitFor()
    assert.match(String(await result.textContent()), /✓ Ideas\/Dropped\.md: moved to the trash/)
    await dropped.locator('.badge', { hasText: 'undone' }).waitFor()
    assert.equal(existsSync(path.join(vaultRoot(), 'Ideas/Dropped.md')), false)
    assert.equal(await readFile(path.join(vaultRoot(), 'Ideas/Kept.md'), 'utf8'), 'kept\n')
    assert.deepEqual(errors, [])
  })

  test('a wrong key is refused and asked for again', async (t) => {
    const { page } = await openPage(t)
    await page.goto(`${baseUrl}/ui`)
    await page.locator('#key').fill('not-the-key')
    await page.keyboard.press('Enter')
    await page.locator('#key-error', { hasText: 'That key was refused' }).waitFor()
  })
})

describe('the activity page without a key, over a store that is down', { skip }, () => {
  test('says the journal is unavailable, then lists turns once it is back', async (t) => {
    let isDown = true
    const down = () =>
      Promise.reject(new UnavailableError('database unavailable: connect ECONNREFUSED 127.0.0.1:5432'))
    const runs = {
      newId: () => 'unused',
      record: down,
      listNewest: () => (isDown ? down() : Promise.resolve([])),
      get: () => (isDown ? down() : Promise.resolve(undefined)),
    }
    const journal = {
      record: down,
      extend: down,
      listNewest: down,
      get: down,
      markUndone: down,
      newestUndoable: down,
    }
    const app = await buildApp({
      agent: createFakeAgent(),
      store: { provider: 'postgresql', ping: async () => {} },
      vault: { isReady: () => true, noteCount: () => 0 },
      config: {
        apiKey: undefined,
        allowedOrigins: [],
        requestTimeoutMs: 30_000,
        maxConversationMessages: 50,
      },
      log: createSilentLogger(),
      activity: {
        store: { runs, journal },
        history: {
          name: 'obsidian_history',
          description: '',
          input: {} as never,
          output: {} as never,
          annotations: { readOnly: false, destructive: true },
          run: down,
        },
        // The store is down: the history tool fails before it reaches the vault.
        toolDependencies: {} as never,
        vaultRoot: '/nonexistent',
        pollMs: 100,
      },
    })
    t.after(() => app.close())
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
    const { page, errors } = await openPage(t)
    await page.goto(`${baseUrl}/ui`)
    // No key on this server: the page never asks for one.
    const problem = page.locator('[data-state="store-down"]')
    await problem.waitFor()
    assert.match(
      String(await problem.textContent()),
      /The journal is unavailable: database unavailable: connect ECONNREFUSED/,
    )
    assert.equal(await page.locator('#key-form').isHidden(), true)
    isDown = false
    await page.locator('[data-state="empty"]').waitFor()
    // The only console errors are the browser's notes on the 503 answers.
    assert.deepEqual(
      errors.filter((error) => !/status of 503/.test(error)),
      [],
    )
  })
})
