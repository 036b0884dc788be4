/**
 * Turns an OpenAI Chat Completions body into an AgentRequest: the last user message is the
 * prompt, earlier turns become text history (tool calls and results summarised, not dropped),
 * and system/developer messages become client instructions.
 */
import { createHash } from 'node:crypto'
import type { AgentImage, AgentRequest, HistoryMessage, ModelCallOptions } from '../agent/index.ts'
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

  const images = readImages(messages[promptIndex]?.content, promptIndex)

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
    ...(images.length === 0 ? {} : { images }),
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

const DATA_URL = /^data:(image\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]+)$/

/** The `image_url` parts of a message (Obsidian Copilot sends them after the text, as data URLs). */
export function readImages(content: ChatMessage['content'], index: number): AgentImage[] {
  if (!Array.isArray(content)) return []
  return content.flatMap((part, partIndex) => {
    if (part.type !== 'image_url') return []
    const imageUrl = (part as { image_url?: unknown }).image_url
    const url = typeof imageUrl === 'string' ? imageUrl : (imageUrl as { url?: unknown } | undefined)?.url
    const match = typeof url === 'string' ? DATA_URL.exec(url) : null
    if (match === null) {
      throw new InvalidInputError(
        `messages[${index}].content[${partIndex}]: an image must be a data URL (data:image/<type>;base64,…); links to images are not fetched`,
        { details: { param: `messages.${index}.content.${partIndex}.image_url` } },
      )
    }
    return [{ mediaType: match[1] ?? 'image/png', base64: (match[2] ?? '').replaceAll(/\s/g, '') }]
  })
}

/**
 * Removes `<think>…</think>` blocks (a model's reasoning, or Jasque's tool progress) that clients
 * such as Obsidian Copilot keep in the assistant messages they send back.
 */
export function stripThinking(text: string): string {
  return text.replaceAll(/<think>[\s\S]*?(<\/think>|$)/g, '')
}

function countImages(content: ChatMessage['content']): number {
  return Array.isArray(content) ? content.filter((part) => part.type === 'image_url').length : 0
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
    case 'user': {
      // Earlier images are not resent to the model: it is told they were there.
      const images = countImages(message.content)
      const content =
        images === 0 ? text : `${text}\n[${images === 1 ? 'an image' : `${images} images`} attached]`.trim()
      return content === '' ? [] : [{ role: 'user', content }]
    }
    case 'assistant': {
      const text = stripThinking(readText(message.content)).trim()
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
