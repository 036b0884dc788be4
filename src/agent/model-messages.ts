/**
 * The messages the model receives for a run: the text history, then the prompt with its images,
 * or, for a model that cannot read images, a note saying they were left out.
 */
import type { ModelMessage } from 'ai'
import type { AgentRequest } from './events.ts'

export interface ModelMessagesOptions {
  /** `provider:model`, named in the note about images left out. */
  modelId: string
  supportsImages?: boolean
}

export function toModelMessages(request: AgentRequest, options: ModelMessagesOptions): ModelMessage[] {
  // Providers reject empty text blocks; an empty turn carries nothing anyway.
  const history = request.history.filter((message) => message.content.trim() !== '')
  return [
    ...history.map((message): ModelMessage => ({ role: message.role, content: message.content })),
    toPrompt(request, options),
  ]
}

function toPrompt({ prompt, images = [] }: AgentRequest, options: ModelMessagesOptions): ModelMessage {
  if (images.length === 0) return { role: 'user', content: prompt }
  if (options.supportsImages !== true) {
    const what =
      images.length === 1
        ? 'An image attached to this message was'
        : `${images.length} images attached to this message were`
    return {
      role: 'user',
      content: `${prompt}\n\n[${what} left out: the model in use (${options.modelId}) cannot read images through Jasque. Tell the user you could not see it.]`,
    }
  }
  return {
    role: 'user',
    content: [
      { type: 'text', text: prompt },
      ...images.map((image) => ({
        type: 'file' as const,
        mediaType: image.mediaType,
        data: { type: 'data' as const, data: image.base64 },
      })),
    ],
  }
}
