/**
 * Bulk manage_notes: one operation applied to each item in order. Each item succeeds or fails on
 * its own; each item's changes are journaled right after its write, all in the call's one entry,
 * so a crash mid-call loses the undo record of at most one note. The abort signal is checked
 * between items: an item already writing finishes, no new one starts.
 */
import { describeError, isAppError } from '../errors.ts'
import type { ToolResult, ToolRunContext, ToolRunOutput } from './define-tool.ts'
import { type NoteFields, runNoteOperation } from './note-operations.ts'

export interface BulkError {
  path: string
  error: string
}

/** Fields a call gives for all its items; an item's own value wins. Never the path or the hash. */
function itemFields(item: NoteFields, defaults: NoteFields): NoteFields {
  const shared: NoteFields = {
    folder: defaults.folder,
    content: defaults.content,
    task_identifier: defaults.task_identifier,
    properties: defaults.properties,
    template: defaults.template,
  }
  const own = Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined))
  return { ...shared, ...own }
}

const errorText = (error: unknown) =>
  isAppError(error) ? error.message : `Unexpected error: ${describeError(error)}`

/** Runs `operation` on every item; never throws for an item's failure. */
export async function runBulk(
  context: ToolRunContext,
  operation: string,
  items: NoteFields[],
  defaults: NoteFields,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<ToolRunOutput> {
  const { signal, recordProgress } = context
  const errors: BulkError[] = []
  const paths: string[] = []
  const previews: { path: string; diff: unknown }[] = []
  let bytesWritten = 0
  let cancelled = 0
  for (const item of items) {
    if (signal.aborted) {
      cancelled++
      errors.push({ path: item.path ?? '', error: 'Not started: the request was cancelled.' })
      continue
    }
    try {
      const outcome = await runNoteOperation(context, operation, itemFields(item, defaults), { dryRun })
      if (dryRun) previews.push({ path: outcome.path, diff: outcome.fields.diff })
      else await recordProgress(outcome.changes)
      paths.push(outcome.path)
      bytesWritten += outcome.bytesWritten
    } catch (error) {
      errors.push({ path: item.path ?? '', error: errorText(error) })
    }
  }
  const succeeded = items.length - errors.length
  const parts = dryRun
    ? [`Dry run: ${operation} would apply to ${succeeded} of ${items.length} notes; nothing was changed.`]
    : [`${operation}: ${succeeded} of ${items.length} notes done.`]
  if (errors.length > cancelled)
    parts.push(`${errors.length - cancelled} failed (see errors); the others were applied.`)
  if (cancelled > 0) parts.push(`${cancelled} not started because the request was cancelled.`)
  const result: ToolResult = {
    success: errors.length === 0,
    operation,
    message: parts.join(' '),
    affected_count: succeeded,
    ...(dryRun ? { dry_run: true, previews } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  }
  if (dryRun) return { result }
  return { result, effects: { operation, paths: [...new Set(paths)], bytesWritten } }
}
