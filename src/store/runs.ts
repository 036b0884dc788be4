/** The agent-run log: one row per chat request, and one row per tool call it made. */
import { asc, desc, eq } from 'drizzle-orm'
import type { Database } from './open-database.ts'
import { agentRuns, agentToolCalls } from './schema.ts'
import type { AgentRun, AgentRunSummary, AgentToolCall, Runs } from './types.ts'
import { guardAvailability } from './unavailable.ts'

export interface CreateRunsOptions {
  db: Database
  now: () => Date
  nextId: (time: Date) => string
  /** Called after each successful record (drives background pruning). */
  onRecord?: () => void
}

function toSummary(row: typeof agentRuns.$inferSelect): AgentRunSummary {
  const run: AgentRunSummary = {
    id: row.id,
    createdAt: row.createdAt,
    requestId: row.requestId,
    model: row.model,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    outcome: row.outcome,
    toolCallCount: row.toolCallCount,
  }
  if (row.conversationId !== null) run.conversationId = row.conversationId
  if (row.inputTokens !== null) run.inputTokens = row.inputTokens
  if (row.outputTokens !== null) run.outputTokens = row.outputTokens
  if (row.errorMessage !== null) run.errorMessage = row.errorMessage
  return run
}

function toToolCall(row: typeof agentToolCalls.$inferSelect): AgentToolCall {
  const call: AgentToolCall = { name: row.name, paths: row.paths, durationMs: row.durationMs, ok: row.ok }
  if (row.operation !== null) call.operation = row.operation
  if (row.error !== null) call.error = row.error
  if (row.changeId !== null) call.changeId = row.changeId
  return call
}

/** Builds the run log over an open database. */
export function createRuns({ db, now, nextId, onRecord }: CreateRunsOptions): Runs {
  return {
    record: (run) =>
      guardAvailability(async () => {
        const createdAt = now()
        const id = nextId(createdAt)
        const row = {
          id,
          createdAt,
          requestId: run.requestId,
          conversationId: run.conversationId ?? null,
          model: run.model,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          inputTokens: run.inputTokens ?? null,
          outputTokens: run.outputTokens ?? null,
          outcome: run.outcome,
          errorMessage: run.errorMessage ?? null,
          toolCallCount: run.toolCalls.length,
        }
        const callRows = run.toolCalls.map((call, position) => ({
          runId: id,
          position,
          name: call.name,
          operation: call.operation ?? null,
          paths: [...call.paths],
          durationMs: Math.max(0, Math.round(call.durationMs)),
          ok: call.ok,
          error: call.error ?? null,
          changeId: call.changeId ?? null,
        }))
        if (callRows.length === 0) {
          await db.insert(agentRuns).values(row)
        } else {
          await db.transaction(async (tx) => {
            await tx.insert(agentRuns).values(row)
            await tx.insert(agentToolCalls).values(callRows)
          })
        }
        onRecord?.()
        return { id }
      }),

    listNewest: ({ limit }) =>
      guardAvailability(async () => {
        const rows = await db
          .select()
          .from(agentRuns)
          .orderBy(desc(agentRuns.id))
          .limit(Math.max(0, Math.floor(limit)))
        return rows.map(toSummary)
      }),

    get: (id) =>
      guardAvailability(async () => {
        const [row] = await db.select().from(agentRuns).where(eq(agentRuns.id, id))
        if (row === undefined) return undefined
        const calls = await db
          .select()
          .from(agentToolCalls)
          .where(eq(agentToolCalls.runId, id))
          .orderBy(asc(agentToolCalls.position))
        const { toolCallCount, ...summary } = toSummary(row)
        const run: AgentRun = { ...summary, toolCalls: calls.map(toToolCall) }
        return run
      }),
  }
}
