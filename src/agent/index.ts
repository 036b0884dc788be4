/** The agent: the model, its instructions and preferences, the vault tools, and the tool loop. */

/** Creates the agent (AI SDK tool loop); runs emit events and know nothing of HTTP. */
export { type AgentOptions, createAgent } from './agent.ts'
/** A short stable id for a chat, from its first user message and the client. */
export { createConversationId } from './conversation-id.ts'
export type {
  Agent,
  AgentEvent,
  AgentRequest,
  FinishReason,
  HistoryMessage,
  ModelCallOptions,
  TokenUsage,
} from './events.ts'
/** The language model for `LLM_MODEL`, and the key variable missing for it (if any). */
export { createLanguageModel, describeModel, findMissingKey } from './model.ts'
/** `_jasque/preferences.md`, re-read only when it changes. */
export {
  createPreferencesSource,
  DEFAULT_PREFERENCES,
  DEFAULT_SEARCH_EXCLUDE_FOLDERS,
  type Preferences,
  type PreferencesSource,
} from './preferences.ts'
export * from './tools/index.ts'
