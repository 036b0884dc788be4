import { describeError, isAppError } from '../../errors.ts'
import { capResult } from './cap-result.ts'
import type { ToolContext, ToolDefinition, ToolRunOutput } from './define-tool.ts'

/**
 * Runs a tool call the way every caller needs it: validates the arguments (a bad call becomes a
 * result telling the model how to fix it), turns any thrown error into `success: false`, and caps
 * the output. Never throws, except when the context's signal was aborted before the call.
 */
export async function executeTool(
  definition: ToolDefinition,
  rawInput: unknown,
  context: ToolContext,
): Promise<ToolRunOutput> {
  context.signal.throwIfAborted()
  const operation = readOperation(rawInput)
  const parsed = definition.input.safeParse(rawInput)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'arguments'
      return `${where}: ${issue.message}`
    })
    return {
      result: {
        success: false,
        ...(operation ? { operation } : {}),
        message: `Invalid arguments for ${definition.name}: ${problems.join('; ')}. Fix these fields and call the tool again.`,
      },
    }
  }
  let output: ToolRunOutput
  try {
    output = await definition.run(parsed.data, context)
  } catch (error) {
    const message = isAppError(error) ? error.message : `Unexpected error: ${describeError(error)}`
    return { result: { success: false, ...(operation ? { operation } : {}), message } }
  }
  const recorded = await recordChanges(definition.name, operation, output, context)
  return { ...recorded, result: capResult(recorded.result) }
}

/** Records a call's changes as one journal entry and reports its id as `change_id`. */
async function recordChanges(
  tool: string,
  operation: string | undefined,
  output: ToolRunOutput,
  context: ToolContext,
): Promise<ToolRunOutput> {
  const changes = output.changes ?? []
  if (changes.length === 0 || context.journal === undefined) return output
  const paths = [
    ...new Set(
      changes.flatMap((change) => (change.fromPath ? [change.fromPath, change.path] : [change.path])),
    ),
  ]
  try {
    const entry = await context.journal.record({
      source: context.source,
      tool,
      operation: operation ?? 'unknown',
      paths,
      changes,
      ...(typeof output.result.message === 'string' ? { summary: output.result.message.slice(0, 500) } : {}),
    })
    return {
      ...output,
      result: { ...output.result, change_id: entry.id },
      effects: { operation: operation ?? 'unknown', paths, ...output.effects, changeId: entry.id },
    }
  } catch (error) {
    const note = `The change was made but could not be recorded for undo (${describeError(error)}).`
    const message = typeof output.result.message === 'string' ? `${output.result.message} ${note}` : note
    return { ...output, result: { ...output.result, message } }
  }
}

function readOperation(rawInput: unknown): string | undefined {
  if (typeof rawInput !== 'object' || rawInput === null) return undefined
  const value = (rawInput as Record<string, unknown>).operation
  return typeof value === 'string' ? value : undefined
}
