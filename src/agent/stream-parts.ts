/**
 * Translates the AI SDK's `fullStream` parts into AgentEvents and keeps what the run record needs
 * (usage, tool calls). Errors and aborts are handled by the loop itself.
 */
import type { TextStreamPart, ToolSet } from 'ai'
import { type AppError, describeError } from '../errors.ts'
import type { ToolResult } from '../tools/index.ts'
import type { FinishedToolCall } from './ai-tools.ts'
import type { AgentEvent, FinishReason, TokenUsage } from './events.ts'
import { describeToolCall, type RunToolCall } from './run-record.ts'

interface PendingToolCall {
  toolName: string
  input: unknown
  startedAt: number
}

export interface RunState {
  step: number
  usage: TokenUsage
  finishReason: FinishReason
  error: AppError | undefined
  /** Calls the model made whose result has not come back yet. */
  pendingTools: Map<string, PendingToolCall>
  /** Tool executions not finished yet (their journaling included). */
  runningTools: Set<Promise<unknown>>
  /** Filled by the tool wrapper, read when the SDK reports the result. */
  finishedTools: Map<string, FinishedToolCall>
  toolCalls: RunToolCall[]
}

export function createRunState(): RunState {
  return {
    step: 0,
    usage: { inputTokens: 0, outputTokens: 0 },
    finishReason: 'stop',
    error: undefined,
    pendingTools: new Map(),
    runningTools: new Set(),
    finishedTools: new Map(),
    toolCalls: [],
  }
}

/** The events for one stream part (often none). */
export function* translatePart(part: TextStreamPart<ToolSet>, state: RunState): Generator<AgentEvent> {
  switch (part.type) {
    case 'start-step':
      state.step += 1
      yield { type: 'step-start', step: state.step }
      return
    case 'text-delta':
      if (part.text !== '') yield { type: 'text-delta', text: part.text }
      return
    case 'tool-call':
      state.pendingTools.set(part.toolCallId, {
        toolName: part.toolName,
        input: part.input,
        startedAt: performance.now(),
      })
      yield {
        type: 'tool-call-start',
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        input: part.input,
      }
      return
    case 'tool-result': {
      const finished = state.finishedTools.get(part.toolCallId) ?? {
        toolName: part.toolName,
        input: part.input,
        output: { result: part.output as ToolResult },
        durationMs: elapsed(state, part.toolCallId),
      }
      yield endToolCall(state, part.toolCallId, finished)
      return
    }
    case 'tool-error': {
      // The SDK could not run the call (unknown tool, unparsable arguments); the model sees why.
      const result: ToolResult = { success: false, message: describeError(part.error) }
      const finished = {
        toolName: part.toolName,
        input: part.input,
        output: { result },
        durationMs: elapsed(state, part.toolCallId),
      }
      yield endToolCall(state, part.toolCallId, finished)
      return
    }
    case 'finish-step': {
      const usage = {
        inputTokens: part.usage.inputTokens ?? 0,
        outputTokens: part.usage.outputTokens ?? 0,
      }
      state.usage.inputTokens += usage.inputTokens
      state.usage.outputTokens += usage.outputTokens
      yield { type: 'usage', usage }
      return
    }
    case 'finish':
      // `tool-calls` as the final reason means the step limit stopped the loop mid-task.
      state.finishReason =
        part.finishReason === 'length' || part.finishReason === 'tool-calls' ? 'length' : 'stop'
      return
    default:
      return
  }
}

function endToolCall(state: RunState, toolCallId: string, finished: FinishedToolCall): AgentEvent {
  state.pendingTools.delete(toolCallId)
  state.finishedTools.delete(toolCallId)
  state.toolCalls.push(describeToolCall(finished))
  const { result, effects } = finished.output
  return {
    type: 'tool-call-end',
    toolCallId,
    toolName: finished.toolName,
    result,
    durationMs: finished.durationMs,
    ...(effects === undefined ? {} : { effects }),
  }
}

function elapsed(state: RunState, toolCallId: string): number {
  const pending = state.pendingTools.get(toolCallId)
  return pending === undefined ? 0 : Math.round(performance.now() - pending.startedAt)
}
