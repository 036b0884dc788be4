/**
 * Builds the API around a fake agent for tests, closed when the test ends.
 */
import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/api/app.ts'
import { createSilentLogger } from '../../src/log.ts'
import { createFakeAgent, type FakeAgent, type FakeAgentOptions } from './fake-agent.ts'

export const TEST_API_KEY = 'test-key-123'

export interface TestAppOptions extends FakeAgentOptions {
  apiKey?: string | null
  allowedOrigins?: string[]
  maxConversationMessages?: number
  requestTimeoutMs?: number
  streamKeepAliveMs?: number
  isVaultReady?: boolean
  /** Why the vault index could not be built (the build failed and is retried). */
  vaultBuildFailure?: string
  ping?: () => Promise<void>
}

export interface TestApp {
  app: FastifyInstance
  agent: FakeAgent
  /** Headers with the test key. */
  auth: Record<string, string>
}

/** The app with a fake agent, store and vault; `apiKey: null` builds it without access control. */
export async function buildTestApp(t: TestContext, options: TestAppOptions = {}): Promise<TestApp> {
  const agent = createFakeAgent(options)
  const apiKey = options.apiKey === null ? undefined : (options.apiKey ?? TEST_API_KEY)
  const app = await buildApp({
    agent,
    store: { provider: 'sqlite', ping: options.ping ?? (async () => {}) },
    vault: {
      isReady: () => options.isVaultReady ?? true,
      noteCount: () => 42,
      buildFailure: () => options.vaultBuildFailure,
    },
    config: {
      apiKey,
      allowedOrigins: options.allowedOrigins ?? ['app://obsidian.md', 'http://localhost', 'http://127.0.0.1'],
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      maxConversationMessages: options.maxConversationMessages ?? 50,
    },
    log: createSilentLogger(),
    streamKeepAliveMs: options.streamKeepAliveMs,
  })
  t.after(() => app.close())
  return { app, agent, auth: { authorization: `Bearer ${apiKey ?? ''}` } }
}

/** One parsed `data:` payload of the chat stream (a chunk, or an error). */
export interface SseChunk {
  id: string
  object: string
  created: number
  model: string
  choices: Array<{ index: number; delta: { role?: string; content?: string }; finish_reason: string | null }>
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
  error?: { message: string; type: string; param: string | null; code: string | null }
}

/** The `data:` payloads of an SSE body, parsed (`[DONE]` kept as the string). */
export function parseSseData(body: string): Array<SseChunk | '[DONE]'> {
  return body
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice(6))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)))
}
