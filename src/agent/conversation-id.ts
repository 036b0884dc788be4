/**
 * A stable id for a conversation whose client resends the whole history each time (Obsidian
 * Copilot does): the hash of its first user message and the client's name.
 */
import { createHash } from 'node:crypto'

/** `conv_` and 24 hex characters; the same inputs always give the same id. */
export function createConversationId(firstUserMessage: string, client: string): string {
  const digest = createHash('sha256')
    .update(client)
    .update('\0')
    .update(firstUserMessage.trim())
    .digest('hex')
  return `conv_${digest.slice(0, 24)}`
}
