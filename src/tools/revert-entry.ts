/**
 * Reverts one journal entry as obsidian_history's undo does: the files are put back (never over a
 * newer edit), the undo is journaled as its own entry, and the entry is marked undone once nothing
 * was refused. Shared by the undo of one change and of a whole turn.
 */
import { describeError } from '../errors.ts'
import type { ChangeSource, Journal, JournalEntry } from '../store/index.ts'
import { type UndoOutcome, type UndoVault, undoEntry } from './undo-entry.ts'

export const HISTORY_TOOL = 'obsidian_history'

/** Undo entries are skipped by a plain undo (it walks back through history, it does not redo). */
export const isUndo = (entry: Pick<JournalEntry, 'tool' | 'operation'>) =>
  entry.tool === HISTORY_TOOL && entry.operation === 'undo'

/** How many of the newest entries are searched for moves made after the entry being undone. */
const MOVES_LOOKED_AT = 500

/**
 * Follows a path through the moves journaled after `entry`, oldest first (folder moves carry the
 * paths under them); an undone move was moved back by its undo's own entry.
 */
async function movesAfter(
  journal: Journal,
  entry: JournalEntry,
): Promise<(filePath: string) => string | undefined> {
  const newer = (await journal.listNewest({ limit: MOVES_LOOKED_AT })).filter((other) => other.id > entry.id)
  const moves = newer
    .reverse()
    .flatMap((other) => other.changes)
    .filter((change) => change.kind === 'move' && change.fromPath !== undefined)
  return (start) => {
    let current = start
    for (const move of moves) {
      const from = move.fromPath as string
      if (current === from) current = move.path
      else if (current.startsWith(`${from}/`)) current = `${move.path}${current.slice(from.length)}`
    }
    return current === start ? undefined : current
  }
}

function undoMessage(entry: JournalEntry, outcome: UndoOutcome): string {
  const what = `${entry.id} (${entry.tool} ${entry.operation})`
  const restored = outcome.restored.length
  const refused = outcome.refused.length
  if (refused === 0) {
    const changed = outcome.changes.length
    if (changed === 0) {
      const states = outcome.restored.slice(0, 5).map((file) => `${file.path}: ${file.action}`)
      const more = restored > 5 ? `; ${restored - 5} more` : ''
      return `Undid ${what}: nothing needed changing (${states.join('; ')}${more}).`
    }
    return `Undid ${what}: ${changed} item${changed === 1 ? '' : 's'} put back.`
  }
  const left =
    refused === 1
      ? '1 file changed since and was left as it is'
      : `${refused} files changed since and were left as they are`
  if (restored === 0) return `Could not undo ${what}: ${left}. Nothing was changed.`
  return `Undid ${what} in part: ${restored} put back, ${left}. Resolve those files, then undo ${entry.id} again to finish.`
}

export interface RevertDeps {
  vault: UndoVault
  journal: Journal
}

export interface RevertOutcome extends UndoOutcome {
  message: string
  /** The journal entry recording the undo; absent when nothing changed or it could not be recorded. */
  undoId?: string
}

/** Reverts `entry` on the vault and in the journal. Touches disk; never throws for one file. */
export async function revertEntry(
  deps: RevertDeps,
  entry: JournalEntry,
  source: ChangeSource,
): Promise<RevertOutcome> {
  const outcome = await undoEntry(deps.vault, entry, { movedSince: await movesAfter(deps.journal, entry) })
  let message = undoMessage(entry, outcome)
  let undoId: string | undefined
  if (outcome.changes.length > 0) {
    const paths = [
      ...new Set(
        outcome.changes.flatMap((change) =>
          change.fromPath === undefined ? [change.path] : [change.fromPath, change.path],
        ),
      ),
    ]
    try {
      const recorded = await deps.journal.record({
        source,
        tool: HISTORY_TOOL,
        // Undoing an undo re-applies the change: a redo, which a plain undo may take back.
        operation: isUndo(entry) ? 'redo' : 'undo',
        paths,
        summary: `Undo of ${entry.id} (${entry.tool} ${entry.operation}). ${message}`.slice(0, 500),
        changes: outcome.changes,
      })
      undoId = recorded.id
    } catch (error) {
      message += ` The undo could not be recorded in the journal (${describeError(error)}).`
    }
  }
  // A partial undo stays open so that it can be finished once the refused files are resolved.
  if (outcome.refused.length === 0) {
    await deps.journal.markUndone(entry.id, undoId === undefined ? {} : { undoneBy: undoId })
  }
  return { ...outcome, message, ...(undoId === undefined ? {} : { undoId }) }
}
