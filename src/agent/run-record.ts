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
  /** Reserves the run's id at its start, so its journal entries can name it. */
  newId?(): string
}

/** How much of the user's request a run record keeps. */
export const STORED_REQUEST_LENGTH = 500

/** Arguments that carry note text: replaced by their length in run records. */
const CONTENT_FIELDS = new Set(['content', 'old_text', 'new_text'])

/**
 * A tool call's arguments without note content: text fields become "[N characters]", property
 * values are left out (their keys are kept), bulk items are redacted the same way.
 */
export function redactArguments(input: unknown): Record<string, unknown> | undefined {
  if (!isRecord(input)) return undefined
  const redacted: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (CONTENT_FIELDS.has(key) && typeof value === 'string') redacted[key] = `[${value.length} characters]`
    else if (key === 'properties' && isRecord(value)) redacted[key] = Object.keys(value)
    else if (key === 'items' && Array.isArray(value))
      redacted[key] = value.map((item) => redactArguments(item) ?? null)
    else redacted[key] = value
  }
  return redacted
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
    ...withArguments(input),
  }
}

function withArguments(input: unknown): { arguments?: Record<string, unknown> } {
  const redacted = redactArguments(input)
  return redacted === undefined ? {} : { arguments: redacted }
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
    ...withArguments(input),
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
