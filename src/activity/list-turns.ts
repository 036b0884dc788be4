/** The turns (agent runs) the activity page and `jasque history --turns` list, newest first. */
import type { AgentRun, Runs } from '../store/index.ts'

export interface TurnSummary {
  runId: string
  conversationId?: string
  startedAt: Date
  durationMs: number
  /** The start of the user's request; absent when prompts are not stored. */
  request?: string
  model: string
  outcome: string
  errorMessage?: string
  inputTokens?: number
  outputTokens?: number
  /** Tool and operation of each call, in order (`obsidian_manage_notes append`). */
  tools: string[]
  /** Paths the turn's successful writes touched. */
  notesChanged: string[]
  /** Journal entries the turn made (undoable changes). */
  changeIds: string[]
}

/** One run as a list item. */
export function summarizeTurn(run: AgentRun): TurnSummary {
  const writes = run.toolCalls.filter((call) => call.changeId !== undefined)
  return {
    runId: run.id,
    ...(run.conversationId === undefined ? {} : { conversationId: run.conversationId }),
    startedAt: run.startedAt,
    durationMs: Math.max(0, run.finishedAt.getTime() - run.startedAt.getTime()),
    ...(run.request === undefined ? {} : { request: run.request }),
    model: run.model,
    outcome: run.outcome,
    ...(run.errorMessage === undefined ? {} : { errorMessage: run.errorMessage }),
    ...(run.inputTokens === undefined ? {} : { inputTokens: run.inputTokens }),
    ...(run.outputTokens === undefined ? {} : { outputTokens: run.outputTokens }),
    tools: run.toolCalls.map((call) =>
      call.operation === undefined ? call.name : `${call.name} ${call.operation}`,
    ),
    notesChanged: [...new Set(writes.flatMap((call) => call.paths))],
    changeIds: writes.map((call) => call.changeId as string),
  }
}

/** The newest `limit` turns (older than run `before` when given). Rejects with UnavailableError when the store is down. */
export async function listTurns(
  runs: Runs,
  { limit, before }: { limit: number; before?: string },
): Promise<TurnSummary[]> {
  const summaries = await runs.listNewest({ limit, ...(before === undefined ? {} : { before }) })
  const full = await Promise.all(summaries.map((summary) => runs.get(summary.id)))
  return full.filter((run): run is AgentRun => run !== undefined).map(summarizeTurn)
}
