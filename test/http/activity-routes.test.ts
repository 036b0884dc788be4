/**
 * The activity page's routes through app.inject, over a real SQLite store and vault: the page and
 * its assets are public and hold no data; fragments, events and undo need the key like the API.
 */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { createActivityDeps } from '../../src/activity-deps.ts'
import { buildApp } from '../../src/api/index.ts'
import { loadConfig } from '../../src/config.ts'
import { createSilentLogger } from '../../src/log.ts'
import { createToolServices } from '../../src/tool-services.ts'
import { createFakeAgent } from '../helpers/fake-agent.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'

const KEY = 'page-key'

async function buildActivityApp(t: TestContext, apiKey: string | undefined) {
  const dir = await tmpDir()
  t.after(() => dir[Symbol.asyncDispose]())
  await mkdir(path.join(dir.path, 'vault'))
  await writeFile(path.join(dir.path, 'vault', 'A.md'), 'a\n')
  const config = loadConfig({
    env: {
      OBSIDIAN_VAULT_PATH: path.join(dir.path, 'vault'),
      JASQUE_DATA_DIR: path.join(dir.path, 'data'),
      JASQUE_WATCH: 'false',
      ...(apiKey === undefined ? {} : { JASQUE_API_KEY: apiKey }),
    },
    readDotEnv: false,
  })
  const log = createSilentLogger()
  const services = await createToolServices(config, { log })
  t.after(() => services.close())
  await services.vault.start()
  const app = await buildApp({
    agent: createFakeAgent(),
    store: services.store,
    vault: { isReady: () => true, noteCount: () => 1 },
    config,
    log,
    activity: createActivityDeps(services),
  })
  t.after(() => app.close())
  return { app, services }
}

test('with a key, the page and its assets are public and say a key is needed; everything with data needs it', async (t) => {
  const { app } = await buildActivityApp(t, KEY)
  for (const url of ['/ui', '/ui/app.js', '/ui/app.css']) {
    const response = await app.inject({ url })
    assert.equal(response.statusCode, 200, url)
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'; script-src 'self'/)
  }
  assert.deepEqual((await app.inject({ url: '/ui/access' })).json(), { key: true })
  const page = (await app.inject({ url: '/ui' })).body
  assert.doesNotMatch(page, /https?:\/\//, 'no asset from the network')
  for (const [method, url] of [
    ['GET', '/ui/fragments/turns'],
    ['GET', '/ui/fragments/turns/0000000000000'],
    ['GET', '/ui/events'],
    ['POST', '/ui/fragments/undo'],
  ] as const) {
    const response = await app.inject({ method, url, headers: { authorization: 'Bearer wrong' } })
    assert.equal(response.statusCode, 401, `${method} ${url}`)
  }
  const listed = await app.inject({ url: '/ui/fragments/turns', headers: { authorization: `Bearer ${KEY}` } })
  assert.equal(listed.statusCode, 200)
  assert.match(listed.body, /data-state="empty"/)
})

test('without a key the page says none is needed; an unknown turn is a 404 fragment, a bad undo a 400', async (t) => {
  const { app } = await buildActivityApp(t, undefined)
  assert.deepEqual((await app.inject({ url: '/ui/access' })).json(), { key: false })
  const missing = await app.inject({ url: '/ui/fragments/turns/0000000000000' })
  assert.equal(missing.statusCode, 404)
  assert.match(missing.body, /No turn 0000000000000/)
  const garbage = await app.inject({ url: '/ui/fragments/turns/%3Cscript%3E' })
  assert.equal(garbage.statusCode, 404)
  assert.doesNotMatch(garbage.body, /<script>/)
  const bad = await app.inject({ method: 'POST', url: '/ui/fragments/undo', payload: {} })
  assert.equal(bad.statusCode, 400)
  const unknownRun = await app.inject({
    method: 'POST',
    url: '/ui/fragments/undo',
    payload: { run_id: 'zzzzzzzzzzzzz' },
  })
  assert.equal(unknownRun.statusCode, 200)
  assert.match(unknownRun.body, /data-success="false"/)
  assert.match(unknownRun.body, /No change was recorded for run zzzzzzzzzzzzz/)
})

test('a request that is stored shows escaped, one that is not shows as not stored', async (t) => {
  const { app, services } = await buildActivityApp(t, undefined)
  const startedAt = new Date()
  for (const request of ['<img src=x onerror=alert(1)>', undefined]) {
    await services.store.runs.record({
      requestId: 'r',
      ...(request === undefined ? {} : { request }),
      model: 'fake:model',
      startedAt,
      finishedAt: startedAt,
      outcome: 'ok',
      toolCalls: [],
    })
  }
  const listed = (await app.inject({ url: '/ui/fragments/turns' })).body
  assert.match(listed, /&lt;img src=x onerror=alert\(1\)&gt;/)
  assert.doesNotMatch(listed, /<img/)
  assert.match(listed, /\(request not stored\)/)
})
