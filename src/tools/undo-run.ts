/**
 * Undo of a whole turn: every change one agent run journaled, newest first, each reverted as a
 * single undo would (restored or refused file by file), with one report.
 */
import { NotFoundError } from '../errors.ts'
import type { ChangeSource } from '../store/index.ts'
import type { ToolResult, ToolRunOutput } from './define-tool.ts'
import { compact } from './query-items.ts'
import { type RevertDeps, revertEntry } from './revert-entry.ts'

/** More changes than one turn can make (steps × bulk items), so none is left out. */
const RUN_ENTRY_LIMIT = 10_000

/** Reverts the changes of run `runId` not undone yet. Throws NotFoundError when it has none. */
export async function undoRun(deps: RevertDeps, runId: string, source: ChangeSource): Promise<ToolRunOutput> {
  const all = await deps.journal.listNewest({ limit: RUN_ENTRY_LIMIT, runId })
  if (all.length === 0)
    throw new NotFoundError(
      `No change was recorded for run ${runId}. Use operation='list_changes' to see each change's run_id.`,
    )
  const open = all.filter((entry) => entry.undoneAt === undefined)
  if (open.length === 0) {
    return {
      result: {
        success: true,
        operation: 'undo',
        run_id: runId,
        message: `Every change of run ${runId} is undone already (${all.length}).`,
        changes: [],
      },
      effects: { operation: 'undo', paths: [] },
    }
  }
  const reports: ToolResult[] = []
  const paths = new Set<string>()
  let refusedCount = 0
  for (const summary of open) {
    const entry = await deps.journal.get(summary.id)
    if (entry === undefined || entry.undoneAt !== undefined) continue
    const outcome = await revertEntry(deps, entry, source)
    refusedCount += outcome.refused.length
    for (const file of [...outcome.restored, ...outcome.refused]) paths.add(file.path)
    reports.push(
      compact({
        change_id: entry.id,
        tool: entry.tool,
        operation: entry.operation,
        undo_change_id: outcome.undoId,
        message: outcome.message,
        restored: outcome.restored,
        refused: outcome.refused,
      }) as ToolResult,
    )
  }
  const count = reports.length
  const message =
    refusedCount === 0
      ? `Undid run ${runId}: ${count} change${count === 1 ? '' : 's'} reverted, newest first.`
      : `Undid run ${runId} in part: ${refusedCount} file${refusedCount === 1 ? '' : 's'} changed since and ${refusedCount === 1 ? 'was' : 'were'} left as ${refusedCount === 1 ? 'it is' : 'they are'} (see refused); undo the run again once they are resolved.`
  return {
    result: { success: refusedCount === 0, operation: 'undo', run_id: runId, message, changes: reports },
    effects: { operation: 'undo', paths: [...paths] },
  }
}
