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
  try {
    const output = await definition.run(parsed.data, context)
    return { ...output, result: capResult(output.result) }
  } catch (error) {
    const message = isAppError(error) ? error.message : `Unexpected error: ${describeError(error)}`
    return { result: { success: false, ...(operation ? { operation } : {}), message } }
  }
}

function readOperation(rawInput: unknown): string | undefined {
  if (typeof rawInput !== 'object' || rawInput === null) return undefined
  const value = (rawInput as Record<string, unknown>).operation
  return typeof value === 'string' ? value : undefined
}
