/**
 * What the agent hands to the run store after every chat request, and how a finished tool call
 * becomes one line of it (the store's types: agent → store is an allowed dependency).
 */

import type { AgentRunInput, AgentToolCall } from '../store/index.ts'
import type { FinishedToolCall } from './ai-tools.ts'

export type { AgentRunInput }
export type RunToolCall = AgentToolCall

export interface RunRecorder {
  record(run: AgentRunInput): Promise<{ id: string }>
}

/** Summarises a finished tool call: operation and paths from its effects, else from its input. */
export function describeToolCall({ toolName, input, output, durationMs }: FinishedToolCall): RunToolCall {
  const { result, effects } = output
  const fields = isRecord(input) ? input : {}
  const operation =
    effects?.operation ??
    result.operation ??
    (typeof fields.operation === 'string' ? fields.operation : undefined)
  const paths = effects?.paths ?? [fields.path, fields.new_path].filter((p) => typeof p === 'string')
  return {
    name: toolName,
    ...(operation === undefined ? {} : { operation }),
    paths,
    durationMs,
    ok: result.success,
    ...(result.success || result.message === undefined ? {} : { error: result.message }),
    ...(effects?.changeId === undefined ? {} : { changeId: effects.changeId }),
  }
}

/** A tool call that never finished (the run was aborted or failed while it ran). */
export function describeUnfinishedToolCall(
  toolName: string,
  input: unknown,
  durationMs: number,
): RunToolCall {
  const fields = isRecord(input) ? input : {}
  return {
    name: toolName,
    ...(typeof fields.operation === 'string' ? { operation: fields.operation } : {}),
    paths: typeof fields.path === 'string' ? [fields.path] : [],
    durationMs,
    ok: false,
    error: 'The run ended before the tool finished',
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
