/** The agent-run log: one row per chat request, and one row per tool call it made. */
import {
  booleanValue,
  jsonValue,
  readBoolean,
  readDate,
  readInteger,
  readJson,
  readOptionalString,
} from './rows.ts'
import type { SqlClient, SqlRow } from './sql-client.ts'
import type { AgentRun, AgentRunSummary, AgentToolCall, Runs } from './types.ts'
import { guardAvailability } from './unavailable.ts'

export interface CreateRunsOptions {
  db: SqlClient
  now: () => Date
  nextId: (time: Date) => string
  /** Called after each successful record (drives background pruning). */
  onRecord?: () => void
}

const RUN_COLUMNS =
  'id, created_at, request_id, conversation_id, model, started_at, finished_at, input_tokens, output_tokens, outcome, error_message, tool_call_count, request_text'

function toSummary(row: SqlRow): AgentRunSummary {
  const run: AgentRunSummary = {
    id: String(row.id),
    createdAt: readDate(row.created_at),
    requestId: String(row.request_id),
    model: String(row.model),
    startedAt: readDate(row.started_at),
    finishedAt: readDate(row.finished_at),
    outcome: String(row.outcome),
    toolCallCount: readInteger(row.tool_call_count),
  }
  const conversationId = readOptionalString(row.conversation_id)
  const errorMessage = readOptionalString(row.error_message)
  const request = readOptionalString(row.request_text)
  if (request !== undefined) run.request = request
  if (conversationId !== undefined) run.conversationId = conversationId
  if (row.input_tokens !== null) run.inputTokens = readInteger(row.input_tokens)
  if (row.output_tokens !== null) run.outputTokens = readInteger(row.output_tokens)
  if (errorMessage !== undefined) run.errorMessage = errorMessage
  return run
}

function toToolCall(row: SqlRow): AgentToolCall {
  const call: AgentToolCall = {
    name: String(row.name),
    paths: readJson<string[]>(row.paths),
    durationMs: readInteger(row.duration_ms),
    ok: readBoolean(row.ok),
  }
  const operation = readOptionalString(row.operation)
  const error = readOptionalString(row.error)
  const changeId = readOptionalString(row.change_id)
  if (row.arguments !== null && row.arguments !== undefined)
    call.arguments = readJson<Record<string, unknown>>(row.arguments)
  if (operation !== undefined) call.operation = operation
  if (error !== undefined) call.error = error
  if (changeId !== undefined) call.changeId = changeId
  return call
}

/** Builds the run log over an open database. */
export function createRuns({ db, now, nextId, onRecord }: CreateRunsOptions): Runs {
  return {
    newId: () => nextId(now()),

    record: (run) =>
      guardAvailability(async () => {
        const createdAt = now()
        const id = run.id ?? nextId(createdAt)
        await db.transaction(async (tx) => {
          await tx.query(
            `insert into agent_runs (${RUN_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              id,
              createdAt,
              run.requestId,
              run.conversationId ?? null,
              run.model,
              run.startedAt,
              run.finishedAt,
              run.inputTokens ?? null,
              run.outputTokens ?? null,
              run.outcome,
              run.errorMessage ?? null,
              run.toolCalls.length,
              run.request ?? null,
            ],
          )
          for (const [position, call] of run.toolCalls.entries()) {
            await tx.query(
              'insert into agent_tool_calls (run_id, position, name, operation, paths, duration_ms, ok, error, change_id, arguments) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
              [
                id,
                position,
                call.name,
                call.operation ?? null,
                jsonValue(call.paths),
                Math.max(0, Math.round(call.durationMs)),
                booleanValue(tx, call.ok),
                call.error ?? null,
                call.changeId ?? null,
                call.arguments === undefined ? null : jsonValue(call.arguments),
              ],
            )
          }
        })
        onRecord?.()
        return { id }
      }),

    listNewest: ({ limit, before }) =>
      guardAvailability(async () => {
        const rows = await db.query(
          `select ${RUN_COLUMNS} from agent_runs ${before === undefined ? '' : 'where id < ? '}order by id desc limit ?`,
          [...(before === undefined ? [] : [before]), Math.max(0, Math.floor(limit))],
        )
        return rows.map(toSummary)
      }),

    get: (id) =>
      guardAvailability(async () => {
        const [row] = await db.query(`select ${RUN_COLUMNS} from agent_runs where id = ?`, [id])
        if (row === undefined) return undefined
        const calls = await db.query(
          'select name, operation, paths, duration_ms, ok, error, change_id, arguments from agent_tool_calls where run_id = ? order by position',
          [id],
        )
        const { toolCallCount, ...summary } = toSummary(row)
        const result: AgentRun = { ...summary, toolCalls: calls.map(toToolCall) }
        return result
      }),
  }
}
