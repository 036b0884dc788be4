/**
 * A failed model call, through the whole server: the log holds one short line (provider, status,
 * the provider's request id, attempts) and never the prompt, the instructions or the tool schemas.
 */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { startJasqueProcess } from '../helpers/jasque-process.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'

const SECRET_PROMPT = 'my-private-question-about-the-Ledger-7f3a'
const SECRET_NOTE = 'note-body-that-must-stay-private-91c2'

test('a failed model call logs one short line without prompt, note content or tool schemas', async (t) => {
  await using dir = await tmpDir()
  const vault = path.join(dir.path, 'vault')
  await mkdir(vault)
  await writeFile(path.join(vault, 'Ledger.md'), `${SECRET_NOTE}\n`)
  const fake = await startFakeAnthropic()
  t.after(() => fake.close())
  fake.enqueue({ type: 'error', status: 500 }, { type: 'error', status: 500 })
  const jasque = startJasqueProcess(t, {
    cwd: dir.path,
    env: {
      PORT: '0',
      OBSIDIAN_VAULT_PATH: vault,
      JASQUE_DATA_DIR: path.join(dir.path, 'data'),
      ANTHROPIC_API_KEY: 'test-key',
      // Without /v1, as Anthropic's own tools write it: Jasque adds it.
      ANTHROPIC_BASE_URL: fake.baseUrl.replace(/\/v1$/, ''),
      LLM_MAX_RETRIES: '1',
      LOG_LEVEL: 'debug',
    },
  })
  const listening = JSON.parse(await jasque.waitForLine(/"msg":"listening"/, 'the "listening" line'))
  await jasque.waitForLine(/"msg":"vault ready"/, 'the index')
  for (let i = 0; i < 3; i++) await fetch(`${listening.address}/health`)
  const response = await fetch(`${listening.address}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: SECRET_PROMPT }] }),
  })
  assert.equal(response.status, 502)
  const failure = JSON.parse(await jasque.waitForLine(/"msg":"model call failed"/, 'the failure line'))
  assert.equal(failure.provider, 'anthropic')
  assert.equal(failure.status, 500)
  assert.equal(failure.providerRequestId, 'req_fake')
  assert.equal(failure.attempts, 2)
  await jasque.waitForLine(/"statusCode":502.*"msg":"request completed"/, 'the request log')

  const { stdout, stderr } = jasque.output()
  const log = stdout + stderr
  assert.equal(fake.requests.length, 2)
  for (const secret of [SECRET_PROMPT, SECRET_NOTE, 'obsidian_query_vault', 'input_schema'])
    assert.ok(!log.includes(secret), `the log holds ${secret}`)
  for (const line of log.split('\n')) assert.ok(line.length < 2000, `a ${line.length}-character log line`)
  // Health probes log at debug only: no info line for them.
  for (const line of log.split('\n').filter((entry) => entry.includes('/health')))
    assert.ok(JSON.parse(line).level <= 20, line)
  assert.equal(log.match(/"msg":"listening"/g)?.length, 1)
})
