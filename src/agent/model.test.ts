import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Config, LlmProvider } from '../config.ts'
import { createLanguageModel, describeModel, findMissingKey } from './model.ts'

function llm(provider: LlmProvider, keys: Partial<Config['llm']> = {}): Config['llm'] {
  return {
    model: { provider, model: 'some-model' },
    anthropicApiKey: undefined,
    anthropicBaseUrl: undefined,
    openaiApiKey: undefined,
    openaiBaseUrl: undefined,
    googleApiKey: undefined,
    baseUrl: undefined,
    apiKey: undefined,
    timeoutMs: 1000,
    maxRetries: 0,
    ...keys,
  }
}

const cases: { provider: LlmProvider; missing: string | undefined; keys: Partial<Config['llm']> }[] = [
  { provider: 'anthropic', missing: 'ANTHROPIC_API_KEY', keys: { anthropicApiKey: 'k' } },
  { provider: 'openai', missing: 'OPENAI_API_KEY', keys: { openaiApiKey: 'k' } },
  { provider: 'google', missing: 'GOOGLE_API_KEY', keys: { googleApiKey: 'k' } },
  { provider: 'openai-compatible', missing: undefined, keys: { baseUrl: 'http://127.0.0.1:11434/v1' } },
]

for (const { provider, missing, keys } of cases) {
  test(`${provider}: the missing key is ${missing ?? 'none'}, and none once it is set`, () => {
    assert.equal(findMissingKey(llm(provider)), missing)
    assert.equal(findMissingKey(llm(provider, keys)), undefined)
  })

  test(`${provider}: a model is built even without a key, without calling anything`, () => {
    const model = createLanguageModel(llm(provider, provider === 'openai-compatible' ? keys : {}))

    assert.equal(typeof model === 'object' && model.modelId, 'some-model')
  })
}

test('the model id reads provider:model', () => {
  assert.equal(describeModel(llm('anthropic')), 'anthropic:some-model')
})
