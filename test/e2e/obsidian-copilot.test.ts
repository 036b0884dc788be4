/**
 * Obsidian Copilot 4.x requests, replayed as Copilot sends them, against a running Jasque server
 * whose agent calls a fake Anthropic API: images after the text, max_tokens or
 * max_completion_tokens, stream_options, temperature and reasoning_effort, `<think>` blocks in the
 * history, and tool progress inside a `<think>` block for requests from Obsidian.
 */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../src/services.ts'
import { type FakeAnthropic, startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import { startServicesServer } from '../helpers/services-server.ts'
import { type TmpDir, tmpDir } from '../helpers/tmp-dir.ts'

const API_KEY = 'copilot-key'
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** The headers Obsidian Copilot sends from the desktop app. */
const COPILOT_HEADERS = {
  authorization: `Bearer ${API_KEY}`,
  'content-type': 'application/json',
  origin: 'app://obsidian.md',
}

describe('Obsidian Copilot 4.x request shapes', () => {
  let dir: TmpDir
  let fake: FakeAnthropic
  let services: Services
  let app: FastifyInstance
  let baseUrl: string

  before(async () => {
    dir = await tmpDir()
    const vault = path.join(dir.path, 'vault')
    await mkdir(path.join(vault, 'Projects'), { recursive: true })
    await writeFile(path.join(vault, 'Projects/Alpha.md'), '# Alpha\n\nSECRET-NOTE-TEXT the plan.\n')
    fake = await startFakeAnthropic()
    ;({ services, app, baseUrl } = await startServicesServer({
      vaultRoot: vault,
      dataDir: path.join(dir.path, 'data'),
      anthropicBaseUrl: fake.baseUrl,
      apiKey: API_KEY,
    }))
  })

  after(async () => {
    await app.close()
    await services.close()
    await fake.close()
    await dir[Symbol.asyncDispose]()
  })

  const post = (body: unknown, headers: Record<string, string> = COPILOT_HEADERS) =>
    fetch(`${baseUrl}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body) })

  /** The `content` deltas of a streamed answer, joined. */
  async function readStream(response: Response): Promise<string> {
    assert.equal(response.status, 200)
    let content = ''
    for (const line of (await response.text()).split('\n')) {
      if (!line.startsWith('data: {')) continue
      const chunk = JSON.parse(line.slice(6)) as { choices: { delta: { content?: string } }[] }
      content += chunk.choices[0]?.delta.content ?? ''
    }
    return content
  }

  test('an image after the text reaches the model as an image, with the text first', async () => {
    fake.enqueue({ type: 'turn', text: 'A tiny square.' })
    const response = await post({
      model: 'jasque',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.1,
      messages: [
        { role: 'system', content: 'You are Obsidian Copilot.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ],
    })
    assert.match(await readStream(response), /A tiny square\./)
    const messages = fake.requests.at(-1)?.body.messages as { role: string; content: unknown }[]
    const last = messages.at(-1)?.content as {
      type: string
      text?: string
      source?: Record<string, string>
    }[]
    assert.equal(last[0]?.type, 'text')
    assert.equal(last[0]?.text, 'What is in this picture?')
    assert.equal(last[1]?.type, 'image')
    assert.deepEqual(last[1]?.source, { type: 'base64', media_type: 'image/png', data: PNG })
  })

  test('an image that is not a data URL is refused with a 400 naming the part', async () => {
    const response = await post({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    })
    assert.equal(response.status, 400)
    const body = (await response.json()) as { error: { message: string } }
    assert.match(body.error.message, /messages\[0\]\.content\[1\]: an image must be a data URL/)
  })

  for (const [field, value] of [
    ['max_tokens', 256],
    ['max_completion_tokens', 512],
  ] as const) {
    test(`${field} bounds the answer; reasoning_effort and temperature are accepted`, async () => {
      fake.enqueue({ type: 'turn', text: 'Short.' })
      const response = await post({
        model: 'jasque',
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0.7,
        reasoning_effort: 'low',
        [field]: value,
        messages: [{ role: 'user', content: 'Be brief.' }],
      })
      assert.match(await readStream(response), /Short\./)
      assert.equal(fake.requests.at(-1)?.body.max_tokens, value)
      assert.equal(fake.requests.at(-1)?.body.temperature, 0.7)
    })
  }

  test('without max_tokens the provider default bounds the answer', async () => {
    fake.enqueue({ type: 'turn', text: 'Default.' })
    await readStream(await post({ stream: true, messages: [{ role: 'user', content: 'Hello' }] }))
    assert.equal(typeof fake.requests.at(-1)?.body.max_tokens, 'number')
  })

  test('<think> blocks in the history are stripped before the model sees it', async () => {
    fake.enqueue({ type: 'turn', text: 'Second answer.' })
    await readStream(
      await post({
        stream: true,
        messages: [
          { role: 'user', content: 'First question' },
          {
            role: 'assistant',
            content: '<think>\nquery_vault: search\n</think>\n\nFirst answer.<think>unfinished reasoning',
          },
          { role: 'user', content: 'Second question' },
        ],
      }),
    )
    const sent = JSON.stringify(fake.requests.at(-1)?.body.messages)
    assert.match(sent, /First answer\./)
    assert.doesNotMatch(sent, /think>|query_vault: search|unfinished reasoning/)
  })

  test('from Obsidian, each tool call streams as one short line inside a <think> block, without content', async () => {
    fake.enqueue(
      {
        type: 'turn',
        text: 'Let me look.',
        toolUses: [
          { name: 'obsidian_query_vault', input: { operation: 'read_note', path: 'Projects/Alpha.md' } },
        ],
      },
      { type: 'turn', text: 'The plan is there.' },
    )
    const content = await readStream(
      await post({ stream: true, messages: [{ role: 'user', content: 'What is in Alpha?' }] }),
    )
    assert.equal(
      content,
      'Let me look.\n\n<think>\nquery_vault: read_note Projects/Alpha.md\n</think>\n\nThe plan is there.',
    )
    assert.doesNotMatch(content, /SECRET-NOTE-TEXT/)
  })

  test('other clients get the answer only', async () => {
    fake.enqueue(
      {
        type: 'turn',
        toolUses: [
          { name: 'obsidian_query_vault', input: { operation: 'read_note', path: 'Projects/Alpha.md' } },
        ],
      },
      { type: 'turn', text: 'The plan is there.' },
    )
    const { origin: _origin, ...headers } = COPILOT_HEADERS
    const content = await readStream(
      await post({ stream: true, messages: [{ role: 'user', content: 'What is in Alpha?' }] }, headers),
    )
    assert.equal(content, 'The plan is there.')
  })
})
