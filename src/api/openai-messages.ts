/**
 * Turns an OpenAI Chat Completions body into an AgentRequest: the last user message is the
 * prompt, earlier turns become text history (tool calls and results summarised, not dropped),
 * and system/developer messages become client instructions.
 */
import { createHash } from 'node:crypto'
import type { AgentRequest, HistoryMessage, ModelCallOptions } from '../agent/index.ts'
import { InvalidInputError } from '../errors.ts'
import type { ChatCompletionBody, ChatMessage } from './chat-completion-schema.ts'

export const NO_USER_MESSAGE = 'No user message found in request'
const TOOL_ARGUMENTS_CAP = 500
const TOOL_RESULT_CAP = 2000

export interface ToAgentRequestOptions {
  maxConversationMessages: number
  requestId: string
  /** The client, from its User-Agent; part of the conversation id. */
  client?: string
}

/** Builds the AgentRequest; throws InvalidInputError with the spec's messages for bad conversations. */
export function toAgentRequest(body: ChatCompletionBody, options: ToAgentRequestOptions): AgentRequest {
  const { messages } = body
  const promptIndex = messages.findLastIndex((message) => message.role === 'user')
  const prompt = promptIndex === -1 ? '' : readText(messages[promptIndex]?.content)
  if (prompt.trim() === '') throw new InvalidInputError(NO_USER_MESSAGE, { details: { param: 'messages' } })

  const summaries = messages.map((message, index) => summariseToolCalls(message, index))
  const clientInstructions = messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map((message) => readText(message.content).trim())
    .filter((text) => text !== '')

  const earlier = messages
    .slice(0, promptIndex)
    .map((message, index) => ({ message, index }))
    .filter(({ message }) => message.role !== 'system' && message.role !== 'developer')
    .slice(-options.maxConversationMessages)
  const history = mergeSameRole(
    earlier.flatMap(({ message, index }) => toHistoryMessage(message, summaries[index] ?? [])),
  )

  const firstUser = messages.find((message) => message.role === 'user')
  const conversationId = createConversationId(readText(firstUser?.content), options.client ?? '')
  return {
    prompt,
    history,
    clientInstructions,
    requestId: options.requestId,
    conversationId,
    source: { kind: 'chat', requestId: options.requestId, conversationId },
    options: readModelOptions(body),
  }
}

/** A short, stable id for a conversation: Copilot resends the whole history with every turn. */
export function createConversationId(firstUserText: string, client: string): string {
  return createHash('sha256').update(`${client}\n${firstUserText}`, 'utf8').digest('hex').slice(0, 16)
}

/** The text of a message: a string, or its `text` parts concatenated; images and other parts are ignored. */
export function readText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('')
}

function summariseToolCalls(message: ChatMessage, index: number): string[] {
  if (message.role !== 'assistant' || !Array.isArray(message.tool_calls)) return []
  return message.tool_calls.map((call) => {
    const name = call.function?.name ?? 'unknown_tool'
    const raw = call.function?.arguments
    let parsed: unknown
    try {
      if (typeof raw !== 'string') throw new TypeError('arguments is not a string')
      parsed = JSON.parse(raw)
    } catch {
      throw new InvalidInputError(
        `Conversation history contains invalid data (malformed tool call at message ${index}). Please start a new conversation in Obsidian Copilot.`,
        { details: { param: `messages.${index}.tool_calls` } },
      )
    }
    return `[tool call ${name} ${cap(JSON.stringify(parsed), TOOL_ARGUMENTS_CAP)}]`
  })
}

function toHistoryMessage(message: ChatMessage, toolCalls: string[]): HistoryMessage[] {
  const text = readText(message.content).trim()
  switch (message.role) {
    case 'user':
      return text === '' ? [] : [{ role: 'user', content: text }]
    case 'assistant': {
      const content = [text, ...toolCalls].filter((part) => part !== '').join('\n')
      return content === '' ? [] : [{ role: 'assistant', content }]
    }
    case 'tool':
    case 'function': {
      const label = message.name ?? message.tool_call_id ?? 'tool'
      return [{ role: 'assistant', content: `[tool result ${label}: ${cap(text, TOOL_RESULT_CAP)}]` }]
    }
    default:
      return []
  }
}

// Consecutive turns of one role are joined: providers expect user and assistant to alternate.
function mergeSameRole(messages: HistoryMessage[]): HistoryMessage[] {
  const merged: HistoryMessage[] = []
  for (const message of messages) {
    const last = merged.at(-1)
    if (last?.role === message.role) last.content = `${last.content}\n\n${message.content}`
    else merged.push({ ...message })
  }
  return merged
}

function cap(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`
}

function readModelOptions(body: ChatCompletionBody): ModelCallOptions | undefined {
  const options: ModelCallOptions = {}
  if (typeof body.temperature === 'number') options.temperature = body.temperature
  if (typeof body.top_p === 'number') options.topP = body.top_p
  const maxTokens = body.max_completion_tokens ?? body.max_tokens
  if (typeof maxTokens === 'number') options.maxOutputTokens = maxTokens
  if (typeof body.stop === 'string') options.stopSequences = [body.stop]
  else if (Array.isArray(body.stop) && body.stop.length > 0) options.stopSequences = body.stop
  return Object.keys(options).length === 0 ? undefined : options
}
