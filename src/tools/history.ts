/**
 * `obsidian_history`: the change journal for the model and the CLI. list_changes shows the newest
 * entries; undo reverts one entry (default: the newest not yet undone), file by file, never over
 * a newer edit, and records the undo itself as a journal entry.
 */
import { z } from 'zod'
import { ConflictError, InvalidInputError, NotFoundError, UnavailableError } from '../errors.ts'
import type { Journal, JournalEntry, JournalEntrySummary } from '../store/index.ts'
import { defineTool, type ToolContext, type ToolRunOutput } from './define-tool.ts'
import { compact } from './query-items.ts'
import { HISTORY_TOOL, isUndo, revertEntry } from './revert-entry.ts'
import { commonResultFields } from './tool-output.ts'
import { undoRun } from './undo-run.ts'

export { HISTORY_TOOL }

const input = z.object({
  operation: z.enum(['list_changes', 'undo']).describe('What to do.'),
  change_id: z.string().trim().toLowerCase().optional().describe('undo: a change_id from list_changes.'),
  run_id: z.string().trim().toLowerCase().optional().describe('undo: every change of one chat turn.'),
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
  run_id: z.string().optional().describe('The chat turn that made the change: undo them all with run_id.'),
  undone_at: z.string().optional(),
  undone_by: z.string().optional(),
})

const output = z.object({
  ...commonResultFields,
  results: z.array(change).optional().describe('list_changes: the newest first.'),
  undo_change_id: z.string().optional().describe('undo: the entry recording the undo itself.'),
  restored: z.array(z.object({ path: z.string(), action: z.string() })).optional(),
  refused: z.array(z.object({ path: z.string(), reason: z.string() })).optional(),
  run_id: z.string().optional().describe('undo with run_id: the turn undone.'),
  changes: z
    .array(
      z.object({
        change_id: z.string(),
        tool: z.string(),
        operation: z.string(),
        undo_change_id: z.string().optional(),
        message: z.string(),
        restored: z.array(z.object({ path: z.string(), action: z.string() })).optional(),
        refused: z.array(z.object({ path: z.string(), reason: z.string() })).optional(),
      }),
    )
    .optional()
    .describe('undo with run_id: one report per change, newest first.'),
})

const DESCRIPTION = `See and undo the vault's changes (one entry per tool call).
- list_changes (limit?): newest first, with each chat turn's run_id.
- undo (run_id): all changes of a turn ("undo what you just did").
- undo (change_id?): one change (default: the newest). A file edited since is left alone (refused).`

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
    run_id: entry.source.runId,
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

async function undo(journal: Journal, args: Input, context: ToolContext): Promise<ToolRunOutput> {
  const deps = { vault: context.vault, journal }
  if (args.run_id !== undefined) {
    if (args.change_id !== undefined)
      throw new InvalidInputError('Give change_id or run_id, not both: run_id undoes every change of a turn.')
    return undoRun(deps, args.run_id, context.source)
  }
  const entry = await findTarget(journal, args.change_id)
  const outcome = await revertEntry(deps, entry, context.source)
  const paths = [...outcome.restored, ...outcome.refused].map((file) => file.path)
  return {
    result: compact({
      success: outcome.refused.length === 0,
      operation: 'undo',
      change_id: entry.id,
      undo_change_id: outcome.undoId,
      message: outcome.message,
      restored: outcome.restored,
      refused: outcome.refused,
    }) as ToolRunOutput['result'],
    effects: {
      operation: 'undo',
      paths,
      ...(outcome.undoId === undefined ? {} : { changeId: outcome.undoId }),
    },
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
