import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { startFakeAnthropic } from '../../test/helpers/fake-anthropic.ts'
import { createSilentLogger } from '../log.ts'
import { DEFAULT_PREFERENCES, type Preferences } from '../preferences/index.ts'
import type { ToolDependencies } from '../tools/index.ts'
import { createAgent } from './agent.ts'
import type { AgentRequest } from './events.ts'
import { createLanguageModel } from './model.ts'

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

async function runWithImages(t: TestContext, supportsImages: boolean, count: number) {
  const fake = await startFakeAnthropic()
  t.after(() => fake.close())
  fake.enqueue({ type: 'turn', text: 'ok' })
  const agent = createAgent({
    model: createLanguageModel({
      model: { provider: 'anthropic', model: 'claude-sonnet-4-5' },
      anthropicApiKey: 'test-key',
      anthropicBaseUrl: fake.baseUrl,
      openaiApiKey: undefined,
      openaiBaseUrl: undefined,
      googleApiKey: undefined,
      baseUrl: undefined,
      apiKey: undefined,
      timeoutMs: 2000,
      maxRetries: 0,
    }),
    modelId: 'openai-compatible:llama3',
    tools: [],
    // No tools: nothing reaches the vault.
    toolDependencies: {} as ToolDependencies,
    preferences: { get: async () => structuredClone(DEFAULT_PREFERENCES) as Preferences },
    log: createSilentLogger(),
    maxSteps: 2,
    timeoutMs: 2000,
    maxRetries: 0,
    supportsImages,
  })
  const request: AgentRequest = {
    prompt: 'What is this?',
    images: Array.from({ length: count }, () => ({ mediaType: 'image/png', base64: PNG })),
    history: [],
    clientInstructions: [],
    requestId: 'req-1',
    source: { kind: 'chat', requestId: 'req-1' },
  }
  for await (const _event of agent.run(request, new AbortController().signal)) {
    // Only the request the model received matters here.
  }
  const messages = fake.requests[0]?.body.messages as { content: unknown }[]
  return messages.at(-1)?.content
}

test('a model that cannot read images is told that the attached image was left out', async (t) => {
  const content = await runWithImages(t, false, 1)
  const text = JSON.stringify(content)
  assert.match(text, /What is this\?/)
  assert.match(
    text,
    /An image attached to this message was left out: the model in use \(openai-compatible:llama3\)/,
  )
  assert.doesNotMatch(text, new RegExp(PNG.slice(0, 20)))
})

test('two images left out are counted in the note', async (t) => {
  assert.match(
    JSON.stringify(await runWithImages(t, false, 2)),
    /2 images attached to this message were left out/,
  )
})

test('a model that reads images gets each one after the text', async (t) => {
  const content = (await runWithImages(t, true, 2)) as { type: string }[]
  assert.deepEqual(
    content.map((part) => part.type),
    ['text', 'image', 'image'],
  )
})
