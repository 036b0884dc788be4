import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { buildTestApp, TEST_API_KEY } from '../helpers/build-test-app.ts'

const chatBody = { messages: [{ role: 'user', content: 'hi' }] }

function assertOpenAIError(body: unknown): void {
  const { error } = body as { error: Record<string, unknown> }
  assert.equal(typeof error.message, 'string')
  assert.equal(typeof error.type, 'string')
  assert.ok('param' in error && 'code' in error)
}

describe('access with JASQUE_API_KEY', () => {
  const refused: Array<[string, Record<string, string>]> = [
    ['no Authorization header', {}],
    ['a wrong key', { authorization: 'Bearer nope' }],
    ['the key without Bearer', { authorization: TEST_API_KEY }],
    ['a Basic scheme', { authorization: `Basic ${TEST_API_KEY}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ]
  for (const [name, headers] of refused) {
    test(`${name} is refused with 401 in OpenAI's shape`, async (t) => {
      const { app, agent } = await buildTestApp(t)
      const response = await app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers,
        payload: chatBody,
      })
      assert.equal(response.statusCode, 401)
      assertOpenAIError(response.json())
      assert.equal(response.json().error.code, 'invalid_api_key')
      assert.equal(agent.calls.length, 0)
    })
  }

  const protectedRoutes = ['/v1/models', '/health/db', '/health/ready', '/nope']
  for (const url of protectedRoutes) {
    test(`GET ${url} needs the key`, async (t) => {
      const { app, auth } = await buildTestApp(t)
      const refusedResponse = await app.inject({ method: 'GET', url })
      assert.equal(refusedResponse.statusCode, 401)
      const allowed = await app.inject({ method: 'GET', url, headers: auth })
      assert.notEqual(allowed.statusCode, 401)
    })
  }

  // They describe the API and hold no data: a browser must open them without a key.
  for (const url of ['/docs', '/docs/', '/docs/json', '/openapi.json']) {
    test(`GET ${url} answers without a key`, async (t) => {
      const { app } = await buildTestApp(t)
      const response = await app.inject({ method: 'GET', url })
      assert.ok(response.statusCode < 400, `${url}: ${response.statusCode}`)
    })
  }

  test('a path that only starts like /docs still needs the key', async (t) => {
    const { app } = await buildTestApp(t)
    assert.equal((await app.inject({ method: 'GET', url: '/docsx' })).statusCode, 401)
    assert.equal((await app.inject({ method: 'GET', url: '/openapi.json.bak' })).statusCode, 401)
  })

  test('GET /health answers without a key', async (t) => {
    const { app } = await buildTestApp(t)
    const response = await app.inject({ method: 'GET', url: '/health?probe=1' })
    assert.equal(response.statusCode, 200)
    assert.deepEqual(response.json(), { status: 'healthy', service: 'api' })
  })

  test('without a configured key every route is open', async (t) => {
    const { app } = await buildTestApp(t, { apiKey: null })
    const response = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: chatBody })
    assert.equal(response.statusCode, 200)
  })
})

describe('CORS', () => {
  const copilotHeaders =
    'authorization,content-type,x-stainless-os,x-stainless-lang,x-stainless-arch,x-stainless-runtime,x-stainless-runtime-version,x-stainless-package-version,x-stainless-retry-count,x-stainless-timeout'

  test("Obsidian's preflight is answered without a key and allows every header Copilot asks for", async (t) => {
    const { app } = await buildTestApp(t)
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/v1/chat/completions',
      headers: {
        origin: 'app://obsidian.md',
        'access-control-request-method': 'POST',
        'access-control-request-headers': copilotHeaders,
      },
    })
    assert.equal(response.statusCode, 204)
    assert.equal(response.headers['access-control-allow-origin'], 'app://obsidian.md')
    assert.match(String(response.headers['access-control-allow-methods']), /POST/)
    const allowed = String(response.headers['access-control-allow-headers']).split(/,\s*/)
    for (const header of copilotHeaders.split(',')) assert.ok(allowed.includes(header), `${header} allowed`)
  })

  test('a local dev origin on any port is allowed and X-Request-ID is exposed', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'GET',
      url: '/v1/models',
      headers: { ...auth, origin: 'http://localhost:5173' },
    })
    assert.equal(response.headers['access-control-allow-origin'], 'http://localhost:5173')
    assert.match(String(response.headers['access-control-expose-headers']), /X-Request-ID/i)
  })

  test('an unknown origin gets no CORS headers', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'GET',
      url: '/v1/models',
      headers: { ...auth, origin: 'https://evil.example' },
    })
    assert.equal(response.headers['access-control-allow-origin'], undefined)
  })
})

describe('errors and headers', () => {
  test('an unknown route is a 404 in OpenAI shape', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({ method: 'POST', url: '/v1/completions', headers: auth, payload: {} })
    assert.equal(response.statusCode, 404)
    assertOpenAIError(response.json())
    assert.equal(response.json().error.type, 'invalid_request_error')
  })

  test('a body over 10 MB is a 413 in OpenAI shape', async (t) => {
    const { app, auth, agent } = await buildTestApp(t)
    const big = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(10 * 1024 * 1024) }] })
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: big,
    })
    assert.equal(response.statusCode, 413)
    assertOpenAIError(response.json())
    assert.equal(response.json().error.code, 'request_too_large')
    assert.equal(agent.calls.length, 0)
  })

  test('a body just under 10 MB is accepted', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: auth,
      payload: { messages: [{ role: 'user', content: 'x'.repeat(9 * 1024 * 1024) }] },
    })
    assert.equal(response.statusCode, 200)
  })

  test('a valid X-Request-ID is kept and an invalid one replaced, on every response', async (t) => {
    const { app, auth, agent } = await buildTestApp(t)
    const kept = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { ...auth, 'x-request-id': 'copilot-42' },
      payload: chatBody,
    })
    assert.equal(kept.headers['x-request-id'], 'copilot-42')
    assert.equal(agent.calls[0]?.request.requestId, 'copilot-42')
    const replaced = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'bad id!' } })
    assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/)
    assert.equal(replaced.statusCode, 401)
  })
})

describe('models, health and docs', () => {
  test('GET /v1/models lists jasque', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const body = (await app.inject({ method: 'GET', url: '/v1/models', headers: auth })).json()
    assert.equal(body.object, 'list')
    assert.deepEqual(Object.keys(body.data[0]).sort(), ['created', 'id', 'object', 'owned_by'])
    assert.equal(body.data[0].id, 'jasque')
    assert.equal(body.data[0].owned_by, 'jasque')
  })

  test('GET /v1/models/jasque retrieves it and another model is a 404', async (t) => {
    const { app, auth } = await buildTestApp(t)
    assert.equal(
      (await app.inject({ method: 'GET', url: '/v1/models/jasque', headers: auth })).statusCode,
      200,
    )
    const missing = await app.inject({ method: 'GET', url: '/v1/models/gpt-4', headers: auth })
    assert.equal(missing.statusCode, 404)
    assertOpenAIError(missing.json())
  })

  test('GET /health/db reports the provider, or 503 when the database does not answer', async (t) => {
    const healthy = await buildTestApp(t)
    const ok = await healthy.app.inject({ method: 'GET', url: '/health/db', headers: healthy.auth })
    assert.deepEqual(ok.json(), { status: 'healthy', service: 'database', provider: 'sqlite' })
    const broken = await buildTestApp(t, {
      ping: async () => {
        throw new Error('connection refused')
      },
    })
    const down = await broken.app.inject({ method: 'GET', url: '/health/db', headers: broken.auth })
    assert.equal(down.statusCode, 503)
    assertOpenAIError(down.json())
  })

  test('GET /health/ready is 200 once indexed and 503 before', async (t) => {
    const ready = await buildTestApp(t)
    const ok = await ready.app.inject({ method: 'GET', url: '/health/ready', headers: ready.auth })
    assert.deepEqual(ok.json(), {
      status: 'ready',
      database: 'connected',
      vault: { notes: 42, indexed: true },
    })
    const indexing = await buildTestApp(t, { isVaultReady: false })
    const notYet = await indexing.app.inject({ method: 'GET', url: '/health/ready', headers: indexing.auth })
    assert.equal(notYet.statusCode, 503)
    assert.equal(notYet.json().vault.indexed, false)
  })

  test('GET /health/ready is 503 with the reason when the index could not be built', async (t) => {
    const failed = await buildTestApp(t, {
      isVaultReady: false,
      vaultBuildFailure: "EACCES: permission denied, scandir '/vault'",
    })
    const response = await failed.app.inject({ method: 'GET', url: '/health/ready', headers: failed.auth })
    assert.equal(response.statusCode, 503)
    const body = response.json()
    assert.equal(body.vault.indexed, false)
    assert.equal(body.vault.error, "EACCES: permission denied, scandir '/vault'")
    assert.match(body.error.message, /^The vault index could not be built: EACCES.*; retrying/)
    assertOpenAIError(body)
  })

  test('GET /openapi.json describes the routes and /docs serves the interactive page', async (t) => {
    const { app, auth } = await buildTestApp(t)
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json', headers: auth })).json()
    assert.match(spec.openapi, /^3\./)
    for (const path of ['/v1/chat/completions', '/v1/models', '/health', '/api/v1/chat/test']) {
      assert.ok(spec.paths[path], `${path} documented`)
    }
    assert.ok(spec.paths['/v1/chat/completions'].post.requestBody)
    const docs = await app.inject({ method: 'GET', url: '/docs/', headers: auth })
    assert.equal(docs.statusCode, 200)
    assert.match(docs.body, /swagger/i)
  })
})
