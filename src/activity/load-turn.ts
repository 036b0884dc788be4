/**
 * One turn in detail for the activity page and `jasque history --run`: its tool-call timeline and
 * every change it journaled, each file with a unified diff (content before and after), link
 * updates, moves and trash moves.
 */
import type { AgentToolCall, Journal, JournalFileChangeSummary, Runs } from '../store/index.ts'
import { unifiedDiff } from '../tools/index.ts'
import { type AfterTextFinder, createAfterTextFinder } from './change-text.ts'
import { summarizeTurn, type TurnSummary } from './list-turns.ts'

/** The most changes of one turn shown with their diffs. */
const RUN_ENTRY_LIMIT = 1000

export interface FileChangeView {
  kind: JournalFileChangeSummary['kind']
  path: string
  fromPath?: string
  trashPath?: string
  /** A unified diff of the text; absent for moves without an edit and for binary files. */
  diff?: string
  /** Why there is no diff, when there should be one. */
  note?: string
}

export interface ChangeView {
  changeId: string
  time: Date
  tool: string
  operation: string
  summary?: string
  undoneAt?: Date
  undoneBy?: string
  files: FileChangeView[]
}

export interface TurnDetail extends TurnSummary {
  toolCalls: AgentToolCall[]
  /** The turn's journal entries, oldest first. */
  changes: ChangeView[]
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: false })
const isText = (filePath: string) => /\.(md|canvas|txt|json|base)$/i.test(filePath)
const text = (bytes: Uint8Array) => decoder.decode(bytes)

async function viewFile(
  finder: AfterTextFinder,
  entryId: string,
  change: JournalFileChangeSummary,
  before: Uint8Array | undefined,
): Promise<FileChangeView> {
  const view: FileChangeView = {
    kind: change.kind,
    path: change.path,
    ...(change.fromPath === undefined ? {} : { fromPath: change.fromPath }),
    ...(change.trashPath === undefined ? {} : { trashPath: change.trashPath }),
  }
  if (!isText(change.path) || change.kind === 'move') return view
  if (change.kind === 'delete') {
    if (before === undefined) return view
    return { ...view, diff: unifiedDiff(change.path, text(before), null) }
  }
  const after = await finder.find(entryId, change)
  if (change.kind === 'create') {
    if (after === undefined) return { ...view, note: 'The created text is no longer kept (changed since).' }
    return { ...view, diff: unifiedDiff(change.path, null, text(after)) }
  }
  if (before === undefined) return { ...view, note: 'The previous content was not kept.' }
  if (after === undefined)
    return { ...view, note: 'The text after this change is no longer kept (changed since).' }
  return { ...view, diff: unifiedDiff(change.path, text(before), text(after)) }
}

/** Loads run `runId` with its changes and diffs; undefined when no such run. Reads the store and the vault. */
export async function loadTurn(
  store: { runs: Runs; journal: Journal },
  vaultRoot: string,
  runId: string,
): Promise<TurnDetail | undefined> {
  const run = await store.runs.get(runId)
  if (run === undefined) return undefined
  const entries = await store.journal.listNewest({ limit: RUN_ENTRY_LIMIT, runId })
  const finder = await createAfterTextFinder(vaultRoot, store.journal)
  const changes: ChangeView[] = []
  for (const summary of entries.reverse()) {
    const entry = await store.journal.get(summary.id)
    if (entry === undefined) continue
    const files: FileChangeView[] = []
    for (const [position, change] of entry.changes.entries()) {
      const listed = summary.changes[position] ?? change
      files.push(await viewFile(finder, entry.id, listed, change.before))
    }
    changes.push({
      changeId: entry.id,
      time: entry.createdAt,
      tool: entry.tool,
      operation: entry.operation,
      ...(entry.summary === undefined ? {} : { summary: entry.summary }),
      ...(entry.undoneAt === undefined ? {} : { undoneAt: entry.undoneAt }),
      ...(entry.undoneBy === undefined ? {} : { undoneBy: entry.undoneBy }),
      files,
    })
  }
  return { ...summarizeTurn(run), toolCalls: run.toolCalls, changes }
}
