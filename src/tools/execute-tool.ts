import { describeError, isAppError } from '../errors.ts'
import { capResult } from './cap-result.ts'
import type { ToolContext, ToolDefinition, ToolResult, ToolRunOutput } from './define-tool.ts'
import { createJournalProgress, type JournalOutcome } from './journal-progress.ts'

/**
 * Runs a tool call the way every caller needs it: validates the arguments (a bad call becomes a
 * result telling the model how to fix it), journals its changes as one entry (as they happen and
 * at the end), turns any thrown error into `success: false`, and caps the output. Writing tools run
 * under the vault's write lock. Never throws,
 * except when the context's signal was aborted before the call.
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
  const work = () => runAndJournal(definition, parsed.data, context, operation)
  // Tools that may write run (and journal) under the vault's write lock: Jasque processes take
  // turns, so the journal lists changes to a file in the order they were made.
  return definition.annotations.readOnly ? work() : context.vault.writeLock.withLock(work)
}

async function runAndJournal(
  definition: ToolDefinition,
  input: unknown,
  context: ToolContext,
  operation: string | undefined,
): Promise<ToolRunOutput> {
  const progress = createJournalProgress({
    journal: context.journal,
    source: context.source,
    tool: definition.name,
    operation: operation ?? 'unknown',
  })
  let output: ToolRunOutput
  try {
    output = await definition.run(input, { ...context, recordProgress: progress.record })
  } catch (error) {
    const message = isAppError(error) ? error.message : `Unexpected error: ${describeError(error)}`
    // Changes journaled before the failure stay one entry, which the model can still undo.
    const outcome = await progress.finish([], message.slice(0, 500))
    const failed = { result: { success: false, ...(operation ? { operation } : {}), message } }
    return withJournal(failed, outcome, operation)
  }
  const summary = typeof output.result.message === 'string' ? output.result.message.slice(0, 500) : undefined
  const outcome = await progress.finish(output.changes ?? [], summary)
  const recorded = withJournal(output, outcome, operation)
  return { ...recorded, result: capResult(recorded.result) }
}

/** Adds the entry's id as `change_id` (and to the effects); says so when the journal failed. */
function withJournal(
  output: ToolRunOutput,
  { changeId, paths, error }: JournalOutcome,
  operation = 'unknown',
): ToolRunOutput {
  let result: ToolResult = output.result
  if (error !== undefined) {
    const note =
      changeId === undefined
        ? `The change was made but could not be recorded for undo (${describeError(error)}).`
        : `The change was made but only partly recorded for undo: ${changeId} lacks the last files changed (${describeError(error)}).`
    result = { ...result, message: typeof result.message === 'string' ? `${result.message} ${note}` : note }
  }
  if (changeId === undefined) return { ...output, result }
  return {
    ...output,
    result: { ...result, change_id: changeId },
    effects: { operation, paths, ...output.effects, changeId },
  }
}

function readOperation(rawInput: unknown): string | undefined {
  if (typeof rawInput !== 'object' || rawInput === null) return undefined
  const value = (rawInput as Record<string, unknown>).operation
  return typeof value === 'string' ? value : undefined
}
