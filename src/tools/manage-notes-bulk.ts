/**
 * Bulk manage_notes: one operation applied to each item in order. Each item succeeds or fails on
 * its own; each item's changes are journaled right after its write, all in the call's one entry,
 * so a crash mid-call loses the undo record of at most one note. The abort signal is checked
 * between items: an item already writing finishes, no new one starts.
 */
import { describeError, isAppError } from '../errors.ts'
import type { ToolResult, ToolRunContext, ToolRunOutput } from './define-tool.ts'
import { type NoteFields, runNoteOperation } from './note-operations.ts'
import type { VaultToolDeps } from './tool-deps.ts'

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
  deps: VaultToolDeps,
  operation: string,
  items: NoteFields[],
  defaults: NoteFields,
  { signal, recordProgress }: ToolRunContext,
): Promise<ToolRunOutput> {
  const errors: BulkError[] = []
  const paths: string[] = []
  let bytesWritten = 0
  let cancelled = 0
  for (const item of items) {
    if (signal.aborted) {
      cancelled++
      errors.push({ path: item.path ?? '', error: 'Not started: the request was cancelled.' })
      continue
    }
    try {
      const outcome = await runNoteOperation(deps, operation, itemFields(item, defaults))
      await recordProgress(outcome.changes)
      paths.push(outcome.path)
      bytesWritten += outcome.bytesWritten
    } catch (error) {
      errors.push({ path: item.path ?? '', error: errorText(error) })
    }
  }
  const succeeded = items.length - errors.length
  const parts = [`${operation}: ${succeeded} of ${items.length} notes done.`]
  if (errors.length > cancelled)
    parts.push(`${errors.length - cancelled} failed (see errors); the others were applied.`)
  if (cancelled > 0) parts.push(`${cancelled} not started because the request was cancelled.`)
  const result: ToolResult = {
    success: errors.length === 0,
    operation,
    message: parts.join(' '),
    affected_count: succeeded,
    ...(errors.length > 0 ? { errors } : {}),
  }
  return { result, effects: { operation, paths: [...new Set(paths)], bytesWritten } }
}
