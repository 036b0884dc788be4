/**
 * What the agent hands to the run store after every chat request, and how a finished tool call
 * becomes one line of it. Defined here structurally so the agent does not depend on the store.
 */
import type { FinishedToolCall } from './ai-tools.ts'

export interface RunToolCall {
  name: string
  operation?: string
  paths: string[]
  durationMs: number
  ok: boolean
  error?: string
  changeId?: string
}

export interface AgentRunInput {
  requestId: string
  conversationId?: string
  model: string
  startedAt: Date
  finishedAt: Date
  inputTokens?: number
  outputTokens?: number
  /** `ok`, `length`, `aborted`, or the error code (`upstream_timeout`, `invalid_input`…). */
  outcome: 'ok' | string
  errorMessage?: string
  toolCalls: RunToolCall[]
}

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
