/**
 * Collects a whole agent run into one answer, for the non-streaming endpoints.
 */
import type { AgentEvent, FinishReason, TokenUsage } from '../agent/index.ts'
import { UpstreamError } from '../errors.ts'

export interface CollectedCompletion {
  text: string
  finishReason: FinishReason
  usage: TokenUsage
}

/**
 * Concatenates the text of every step (steps separated by a blank line). Throws the run's error
 * (an AppError from the agent, or what its iterator threw) when the run failed.
 */
export async function collectCompletion(events: AsyncIterable<AgentEvent>): Promise<CollectedCompletion> {
  let text = ''
  let needsSeparator = false
  let error: unknown
  for await (const event of events) {
    if (event.type === 'step-start') needsSeparator = text !== '' && event.step > 1
    else if (event.type === 'text-delta' && event.text !== '') {
      text += needsSeparator ? `\n\n${event.text}` : event.text
      needsSeparator = false
    } else if (event.type === 'error') error ??= event.error
    else if (event.type === 'end') {
      if (error !== undefined) throw error
      if (event.finishReason === 'error')
        throw new UpstreamError('failure', 'The agent run ended with an error')
      return { text, finishReason: event.finishReason, usage: event.usage }
    }
  }
  if (error !== undefined) throw error
  throw new UpstreamError('failure', 'The agent run ended without a result')
}
