/**
 * Builds the AI SDK language model named by `LLM_MODEL`, and tells which API key is missing.
 * A missing key never throws here: the agent reports it when a chat request arrives.
 */
import { createAnthropic } from '@ai-sdk/anthropic'
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import type { LanguageModel } from 'ai'
import type { Config } from '../config.ts'

type LlmConfig = Config['llm']

/** The `provider:model` id shown in logs and run records. */
export function describeModel(llm: LlmConfig): string {
  return `${llm.model.provider}:${llm.model.model}`
}

/**
 * The environment variable to set when the provider's API key is missing, or undefined when the
 * provider can be called (openai-compatible servers often need no key).
 */
export function findMissingKey(llm: LlmConfig): string | undefined {
  switch (llm.model.provider) {
    case 'anthropic':
      return llm.anthropicApiKey === undefined ? 'ANTHROPIC_API_KEY' : undefined
    case 'openai':
      return llm.openaiApiKey === undefined ? 'OPENAI_API_KEY' : undefined
    case 'google':
      return llm.googleApiKey === undefined ? 'GOOGLE_API_KEY' : undefined
    case 'openai-compatible':
      return undefined
  }
}

/**
 * Creates the language model for the configured provider, honouring the base URL overrides
 * (gateways, local servers, tests). Keys come from the config only, never from `process.env`.
 */
export function createLanguageModel(llm: LlmConfig): LanguageModel {
  const { provider, model } = llm.model
  switch (provider) {
    case 'anthropic':
      return createAnthropic({
        apiKey: llm.anthropicApiKey ?? '',
        ...(llm.anthropicBaseUrl === undefined ? {} : { baseURL: llm.anthropicBaseUrl }),
      })(model)
    case 'openai':
      return createOpenAI({
        apiKey: llm.openaiApiKey ?? '',
        ...(llm.openaiBaseUrl === undefined ? {} : { baseURL: llm.openaiBaseUrl }),
      })(model)
    case 'google':
      return createGoogleGenerativeAI({ apiKey: llm.googleApiKey ?? '' })(model)
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'openai-compatible',
        // Config refuses to start without LLM_BASE_URL for this provider.
        baseURL: llm.baseUrl ?? 'http://127.0.0.1:11434/v1',
        ...(llm.apiKey === undefined ? {} : { apiKey: llm.apiKey }),
        includeUsage: true,
      }).chatModel(model)
  }
}
