/**
 * A body over the 10 MB limit gets the 413 in OpenAI's shape even while the client is still
 * sending it (not a reset or EPIPE the client reports as a connection error).
 */
import assert from 'node:assert/strict'
import { request } from 'node:http'
import type { TestContext } from 'node:test'
import { describe, test } from 'node:test'
import OpenAI from 'openai'
import { BODY_LIMIT_BYTES } from '../../src/api/app.ts'
import { buildTestApp, TEST_API_KEY } from '../helpers/build-test-app.ts'

async function listen(t: TestContext) {
  const built = await buildTestApp(t)
  const address = await built.app.listen({ host: '127.0.0.1', port: 0 })
  return { ...built, address }
}

const hugeContent = 'x'.repeat(BODY_LIMIT_BYTES * 4)

describe('a body over the limit', () => {
  test('the official openai client receives the 413 as an APIError, not a connection error', async (t) => {
    const { address } = await listen(t)
    const client = new OpenAI({ apiKey: TEST_API_KEY, baseURL: `${address}/v1`, maxRetries: 0 })
    const error = await client.chat.completions
      .create({ model: 'jasque', messages: [{ role: 'user', content: hugeContent }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    assert.ok(error instanceof OpenAI.APIError, String(error))
    assert.equal(error.status, 413)
    assert.match(error.message, /too large|limit/i)
  })

  for (const chunked of [false, true]) {
    test(`a raw client still writing gets the 413 body (${chunked ? 'chunked' : 'content-length'})`, async (t) => {
      const { address } = await listen(t)
      const body = Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: hugeContent }] }))
      const headers: Record<string, string | number> = {
        authorization: `Bearer ${TEST_API_KEY}`,
        'content-type': 'application/json',
      }
      if (!chunked) headers['content-length'] = body.length
      const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(`${address}/v1/chat/completions`, { method: 'POST', headers }, (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => {
            text += chunk
          })
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
          response.on('error', reject)
        })
        req.on('error', reject)
        // Written in 64 KB pieces, as a real client streams a large upload.
        let offset = 0
        const writeMore = () => {
          while (offset < body.length) {
            const piece = body.subarray(offset, offset + 65_536)
            offset += piece.length
            if (!req.write(piece)) return void req.once('drain', writeMore)
          }
          req.end()
        }
        writeMore()
      })
      assert.equal(result.status, 413)
      const parsed = JSON.parse(result.text)
      assert.equal(typeof parsed.error.message, 'string')
      assert.equal(parsed.error.type, 'invalid_request_error')
    })
  }
})
