import type { ToolEffects, ToolResult } from '../tools/index.ts'

/** What a tool span carries: the operation and how many results, for every tool, read-only or not. */
export interface TracedToolCall {
  operation: string
  resultCount: number
  effects: ToolEffects | undefined
}

/**
 * Summarises a finished tool call for its span. Read-only operations have no effects, so the
 * operation comes from the result (or the arguments) and the count from `total_count` or the
 * results listed; a change counts the paths it touched.
 */
export function describeToolCall(
  input: unknown,
  result: ToolResult,
  effects: ToolEffects | undefined,
): TracedToolCall {
  const argument = (input as { operation?: unknown } | null)?.operation
  const operation =
    effects?.operation ??
    (typeof result.operation === 'string' ? result.operation : undefined) ??
    (typeof argument === 'string' ? argument : 'unknown')
  const resultCount =
    typeof result.total_count === 'number'
      ? result.total_count
      : Array.isArray(result.results)
        ? result.results.length
        : (effects?.paths.length ?? 0)
  return { operation, resultCount, effects }
}
