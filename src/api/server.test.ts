import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { test } from 'node:test'
import { createFakeAgent, DEFAULT_USAGE } from '../../test/helpers/fake-agent.ts'
import { createSilentLogger } from '../log.ts'
import { buildApp } from './app.ts'
import { installGracefulShutdown, startServer } from './server.ts'

const log = createSilentLogger()

async function build(script = createFakeAgent()) {
  return buildApp({
    agent: script,
    store: { provider: 'sqlite', ping: async () => {} },
    vault: { isReady: () => true, noteCount: () => 0 },
    config: { apiKey: undefined, allowedOrigins: [], requestTimeoutMs: 10_000, maxConversationMessages: 50 },
    log,
  })
}

test('without an API key the server listens on 127.0.0.1 whatever HOST says', async (t) => {
  const app = await build()
  t.after(() => app.close())
  const address = await startServer(app, { host: '0.0.0.0', port: 0, apiKey: undefined, log })
  assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/)
})

test('with an API key the server listens on the configured host', async (t) => {
  const app = await build()
  t.after(() => app.close())
  const address = await startServer(app, { host: '127.0.0.1', port: 0, apiKey: 'k', log })
  const response = await fetch(`${address}/health`)
  assert.equal(response.status, 200)
})

test('on SIGTERM a stream in flight finishes before the server closes, then onClose runs', async (t) => {
  const agent = createFakeAgent({
    script: [
      { type: 'text-delta', text: 'slow' },
      { type: 'delay', ms: 200 },
      { type: 'text-delta', text: ' answer' },
      { type: 'end', finishReason: 'stop', usage: DEFAULT_USAGE },
    ],
  })
  const app = await build(agent)
  const signals = new EventEmitter()
  let closed = false
  const remove = installGracefulShutdown(app, {
    timeoutMs: 5000,
    log,
    signals,
    onClose: () => {
      closed = true
    },
  })
  t.after(remove)
  const address = await startServer(app, { host: '127.0.0.1', port: 0, apiKey: undefined, log })
  const response = await fetch(`${address}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], stream: true }),
  })
  const reader = response.body!.getReader()
  await reader.read()
  signals.emit('SIGTERM')
  let body = ''
  const decoder = new TextDecoder()
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    body += decoder.decode(chunk.value)
  assert.match(body, /answer/)
  assert.match(body, /\[DONE\]/)
  while (!closed) await new Promise((resolve) => setTimeout(resolve, 10))
  assert.equal(agent.calls[0]?.signal.aborted, false)
})

test('when the shutdown timeout passes, open streams are cut and their runs aborted', async (t) => {
  const agent = createFakeAgent({
    script: [
      { type: 'text-delta', text: 'start' },
      { type: 'delay', ms: 30_000 },
    ],
  })
  const app = await build(agent)
  const signals = new EventEmitter()
  let closed = false
  const remove = installGracefulShutdown(app, {
    timeoutMs: 100,
    log,
    signals,
    onClose: () => {
      closed = true
    },
  })
  t.after(remove)
  const address = await startServer(app, { host: '127.0.0.1', port: 0, apiKey: undefined, log })
  const response = await fetch(`${address}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], stream: true }),
  })
  const reader = response.body!.getReader()
  await reader.read()
  signals.emit('SIGTERM')
  await assert.rejects(async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {}
  })
  await agent.calls[0]?.done
  assert.equal(agent.calls[0]?.signal.aborted, true)
  while (!closed) await new Promise((resolve) => setTimeout(resolve, 10))
})
