/**
 * What one agent run emits, in order, and what it is asked. The agent knows nothing of HTTP: the
 * API layer turns these events into OpenAI chunks, the CLI into terminal lines.
 */
import type { AppError } from '../errors.ts'
import type { ChangeSource, ToolEffects, ToolResult } from '../tools/index.ts'

export interface TokenUsage {
  inputTokens: number
  outputTokens: number
}

export type FinishReason = 'stop' | 'length' | 'error' | 'aborted'

export type AgentEvent =
  /** A new model step begins (1-based); text of different steps is separated by the consumer. */
  | { type: 'step-start'; step: number }
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call-start'; toolCallId: string; toolName: string; input: unknown }
  | {
      type: 'tool-call-end'
      toolCallId: string
      toolName: string
      result: ToolResult
      durationMs: number
      effects?: ToolEffects
    }
  /** Usage of one model step. */
  | { type: 'usage'; usage: TokenUsage }
  /** A failure that ends the run (provider error, timeout); always followed by `end`. */
  | { type: 'error'; error: AppError }
  /** Always the last event. */
  | { type: 'end'; finishReason: FinishReason; usage: TokenUsage; runId?: string }

/** One earlier turn of the conversation, already flattened to text by the caller. */
export interface HistoryMessage {
  role: 'user' | 'assistant'
  content: string
}

export interface ModelCallOptions {
  temperature?: number
  maxOutputTokens?: number
  topP?: number
  stopSequences?: string[]
}

/** An image the user attached to the prompt, as base64 data. */
export interface AgentImage {
  mediaType: string
  base64: string
}

export interface AgentRequest {
  /** The user's latest message. */
  prompt: string
  /** Images attached to the latest message, in order. */
  images?: AgentImage[]
  /** Earlier turns, oldest first, already truncated by the caller. */
  history: HistoryMessage[]
  /** System/developer messages from the client, given after Jasque's own instructions. */
  clientInstructions: string[]
  requestId: string
  conversationId?: string
  source: ChangeSource
  options?: ModelCallOptions
}

export interface Agent {
  /** The model id in use, `provider:model`. */
  readonly modelId: string
  /** Throws UnavailableError (naming the variable to set) when the provider cannot be called. */
  assertReady(): void
  /** Runs one turn; ends with an `end` event; aborting `signal` stops the model call and pending tools. */
  run(request: AgentRequest, signal: AbortSignal): AsyncIterable<AgentEvent>
}
