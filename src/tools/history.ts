/**
 * `obsidian_history`: the change journal for the model and the CLI. list_changes shows the newest
 * entries; undo reverts one entry (default: the newest not yet undone), file by file, never over
 * a newer edit, and records the undo itself as a journal entry.
 */
import { z } from 'zod'
import { ConflictError, describeError, NotFoundError, UnavailableError } from '../errors.ts'
import type { Journal, JournalEntry, JournalEntrySummary } from '../store/index.ts'
import { defineTool, type ToolContext, type ToolRunOutput } from './define-tool.ts'
import { compact } from './query-items.ts'
import { commonResultFields } from './tool-output.ts'
import { type UndoOutcome, undoEntry } from './undo-entry.ts'

export const HISTORY_TOOL = 'obsidian_history'

const input = z.object({
  operation: z.enum(['list_changes', 'undo']).describe('See the tool description.'),
  change_id: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .describe('undo: the change to revert (from list_changes).'),
  limit: z.number().int().min(1).max(500).default(50).describe('list_changes: most entries.'),
})

type Input = z.output<typeof input>

const change = z.object({
  change_id: z.string(),
  time: z.string(),
  tool: z.string(),
  operation: z.string(),
  paths: z.array(z.string()).optional(),
  summary: z.string().optional(),
  source: z.string().describe('chat, cli, mcp or api.'),
  client: z.string().optional().describe('The MCP client that asked, by the name it gave.'),
  conversation_id: z.string().optional(),
  undone_at: z.string().optional(),
  undone_by: z.string().optional(),
})

const output = z.object({
  ...commonResultFields,
  results: z.array(change).optional().describe('list_changes: the newest first.'),
  undo_change_id: z.string().optional().describe('undo: the entry recording the undo itself.'),
  restored: z.array(z.object({ path: z.string(), action: z.string() })).optional(),
  refused: z.array(z.object({ path: z.string(), reason: z.string() })).optional(),
})

const DESCRIPTION = `See and undo the changes made to the vault (one journal entry per call).
- list_changes (limit?): newest first.
- undo (change_id?): revert one change (default: the newest not undone): content, deleted notes, moves and their link rewrites. A file edited since is left alone, listed under refused.`

/** Undo entries are skipped by a plain undo (it walks back through history, it does not redo). */
const isUndo = (entry: Pick<JournalEntry, 'tool' | 'operation'>) =>
  entry.tool === HISTORY_TOOL && entry.operation === 'undo'

function describeEntry(entry: JournalEntrySummary) {
  return compact({
    change_id: entry.id,
    time: entry.createdAt.toISOString(),
    tool: entry.tool,
    operation: entry.operation,
    paths: entry.paths,
    summary: entry.summary,
    source: entry.source.kind,
    client: entry.source.client,
    conversation_id: entry.source.conversationId,
    undone_at: entry.undoneAt?.toISOString(),
    undone_by: entry.undoneBy,
  })
}

async function listChanges(journal: Journal, limit: number): Promise<ToolRunOutput> {
  const entries = await journal.listNewest({ limit: limit + 1 })
  const results = entries.slice(0, limit).map(describeEntry)
  return {
    result: {
      success: true,
      operation: 'list_changes',
      truncated: entries.length > limit,
      results,
      ...(results.length === 0 ? { message: 'No changes recorded yet.' } : {}),
    },
  }
}

async function newestToUndo(journal: Journal): Promise<JournalEntrySummary | undefined> {
  for (let limit = 50; ; limit *= 10) {
    const entries = await journal.listNewest({ limit, includeUndone: false })
    const found = entries.find((entry) => !isUndo(entry))
    if (found !== undefined || entries.length < limit) return found
  }
}

async function findTarget(journal: Journal, changeId: string | undefined): Promise<JournalEntry> {
  const id = changeId === undefined || changeId === '' ? (await newestToUndo(journal))?.id : changeId
  if (id === undefined)
    throw new NotFoundError('Nothing to undo: no change is recorded, or every one is undone already.')
  const entry = await journal.get(id)
  if (entry === undefined) {
    throw new NotFoundError(
      `No change with id ${id}. Use operation='list_changes' to see the recent changes.`,
    )
  }
  if (entry.undoneAt !== undefined) {
    const by = entry.undoneBy === undefined ? '' : ` by ${entry.undoneBy}`
    throw new ConflictError(`Change ${id} was already undone${by} at ${entry.undoneAt.toISOString()}.`)
  }
  return entry
}

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

async function undo(journal: Journal, args: Input, context: ToolContext): Promise<ToolRunOutput> {
  const entry = await findTarget(journal, args.change_id)
  const outcome = await undoEntry(context.vault, entry, { movedSince: await movesAfter(journal, entry) })
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
      const recorded = await journal.record({
        source: context.source,
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
    await journal.markUndone(entry.id, undoId === undefined ? {} : { undoneBy: undoId })
  }
  const paths = [...outcome.restored, ...outcome.refused].map((file) => file.path)
  return {
    result: compact({
      success: outcome.refused.length === 0,
      operation: 'undo',
      change_id: entry.id,
      undo_change_id: undoId,
      message,
      restored: outcome.restored,
      refused: outcome.refused,
    }) as ToolRunOutput['result'],
    effects: { operation: 'undo', paths, ...(undoId === undefined ? {} : { changeId: undoId }) },
  }
}

/** The journal behind obsidian_history; without one the tool cannot run. */
function requireJournal(context: ToolContext): Journal {
  if (context.journal === undefined)
    throw new UnavailableError('The change journal is not available, so there is no history to show or undo.')
  return context.journal
}

/** Lists the journal and undoes its entries. */
export const historyTool = defineTool({
  name: HISTORY_TOOL,
  title: 'Change history and undo',
  description: DESCRIPTION,
  input,
  output,
  annotations: { readOnly: false, destructive: true },
  run: (args, context) =>
    args.operation === 'list_changes'
      ? listChanges(requireJournal(context), args.limit)
      : undo(requireJournal(context), args, context),
})
