/**
 * The activity page's server-rendered fragments: the list of turns grouped by conversation, one
 * turn's detail (tool-call timeline, changes with diffs, undo buttons) and an undo's per-file
 * result. The page's script fetches them (with the bearer key) and puts them in place.
 */
import type { ChangeView, FileChangeView, TurnDetail, TurnSummary } from '../activity/index.ts'
import type { AgentToolCall } from '../store/index.ts'
import type { ToolResult } from '../tools/index.ts'
import { renderDiff } from './activity-diff-html.ts'
import { escapeHtml } from './escape-html.ts'

const time = (date: Date) =>
  `<time datetime="${date.toISOString()}">${escapeHtml(date.toISOString().replace('T', ' ').slice(0, 19))} UTC</time>`

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}

function tokens(turn: TurnSummary): string {
  if (turn.inputTokens === undefined && turn.outputTokens === undefined) return ''
  return `${turn.inputTokens ?? 0} in / ${turn.outputTokens ?? 0} out tokens`
}

function outcome(turn: TurnSummary): string {
  const ok = turn.outcome === 'ok'
  return `<span class="outcome ${ok ? 'ok' : 'failed'}">${escapeHtml(turn.outcome)}</span>`
}

function request(turn: TurnSummary): string {
  return turn.request === undefined
    ? '<span class="muted">(request not stored)</span>'
    : escapeHtml(turn.request.length > 140 ? `${turn.request.slice(0, 140)}…` : turn.request)
}

function turnItem(turn: TurnSummary): string {
  const notes =
    turn.notesChanged.length === 0 ? 'no notes changed' : turn.notesChanged.map(escapeHtml).join(', ')
  const tools = turn.tools.length === 0 ? 'no tools' : turn.tools.map(escapeHtml).join(', ')
  return `<li><button type="button" class="turn" data-run="${escapeHtml(turn.runId)}">
<span class="turn-head">${time(turn.startedAt)} ${outcome(turn)}</span>
<span class="request">${request(turn)}</span>
<span class="meta">${tools} · ${notes} · ${tokens(turn)} · ${duration(turn.durationMs)}</span>
</button></li>`
}

/** The turns, newest first, grouped by conversation (a group sits where its newest turn is). */
export function renderTurnList(turns: TurnSummary[]): string {
  if (turns.length === 0)
    return '<p class="empty" data-state="empty">No turns yet. Chat with Jasque and its turns appear here.</p>'
  const groups = new Map<string, TurnSummary[]>()
  for (const turn of turns) {
    const key = turn.conversationId ?? `run:${turn.runId}`
    groups.set(key, [...(groups.get(key) ?? []), turn])
  }
  const sections = [...groups.entries()].map(([key, items]) => {
    const title = key.startsWith('run:') ? 'Single turn' : `Conversation ${escapeHtml(key.slice(0, 12))}`
    return `<section class="conversation"><h2>${title} <span class="muted">(${items.length} turn${items.length === 1 ? '' : 's'})</span></h2><ol class="turns">${items.map(turnItem).join('')}</ol></section>`
  })
  return sections.join('')
}

function toolCall(call: AgentToolCall): string {
  const args =
    call.arguments === undefined
      ? ''
      : `<code class="args">${escapeHtml(JSON.stringify(call.arguments))}</code>`
  const change = call.changeId === undefined ? '' : ` · change <code>${escapeHtml(call.changeId)}</code>`
  const status = call.ok
    ? '<span class="outcome ok">ok</span>'
    : `<span class="outcome failed">failed</span> <span class="error">${escapeHtml(call.error ?? '')}</span>`
  return `<li><strong>${escapeHtml(call.name)}</strong> ${escapeHtml(call.operation ?? '')} ${status} · ${duration(call.durationMs)}${change}<br>${args}</li>`
}

function fileLabel(change: ChangeView, file: FileChangeView): string {
  const at = `<code>${escapeHtml(file.path)}</code>`
  switch (file.kind) {
    case 'move':
      return `moved <code>${escapeHtml(file.fromPath ?? '?')}</code> → ${at}`
    case 'delete':
      return file.trashPath === undefined
        ? `deleted ${at}`
        : `moved ${at} to the trash (<code>${escapeHtml(file.trashPath)}</code>)`
    case 'create':
      return `created ${at}`
    case 'modify':
      return change.tool === 'obsidian_manage_structure' ? `links updated in ${at}` : `edited ${at}`
  }
}

function changeSection(change: ChangeView): string {
  const undone =
    change.undoneAt === undefined
      ? `<button type="button" class="undo-change" data-undo-change="${escapeHtml(change.changeId)}">Undo change</button>`
      : `<span class="badge">undone${change.undoneBy === undefined ? '' : ` by ${escapeHtml(change.undoneBy)}`}</span>`
  const files = change.files.map((file) => {
    const body =
      file.diff !== undefined
        ? renderDiff(file.diff)
        : file.note === undefined
          ? ''
          : `<p class="muted">${escapeHtml(file.note)}</p>`
    return `<li class="file"><p>${fileLabel(change, file)}</p>${body}</li>`
  })
  return `<section class="change" data-change="${escapeHtml(change.changeId)}">
<h3><code>${escapeHtml(change.changeId)}</code> ${escapeHtml(change.tool)} ${escapeHtml(change.operation)} ${time(change.time)} ${undone}</h3>
<ul class="files">${files.join('')}</ul></section>`
}

/** One turn: request, timeline, changes with diffs, and the undo buttons. */
export function renderTurnDetail(turn: TurnDetail): string {
  const open = turn.changes.some((change) => change.undoneAt === undefined)
  const undoTurn = open
    ? `<button type="button" id="undo-turn" data-undo-run="${escapeHtml(turn.runId)}">Undo turn</button>`
    : ''
  const changes =
    turn.changes.length === 0
      ? '<p class="muted">This turn changed nothing in the vault.</p>'
      : turn.changes.map(changeSection).join('')
  return `<article class="turn-detail" data-run="${escapeHtml(turn.runId)}" tabindex="-1">
<h2>Turn <code>${escapeHtml(turn.runId)}</code> ${outcome(turn)}</h2>
<p class="request">${request(turn)}</p>
<p class="meta">${time(turn.startedAt)} · ${escapeHtml(turn.model)} · ${tokens(turn)} · ${duration(turn.durationMs)}${
    turn.errorMessage === undefined ? '' : ` · <span class="error">${escapeHtml(turn.errorMessage)}</span>`
  }</p>
<div class="actions">${undoTurn}<button type="button" id="diff-mode" aria-pressed="false">Side by side</button></div>
<div id="undo-result" role="status" aria-live="polite"></div>
<h3>Tool calls</h3><ol class="timeline">${turn.toolCalls.map(toolCall).join('') || '<li class="muted">No tool calls.</li>'}</ol>
<h3>Changes</h3>${changes}</article>`
}

interface FileResult {
  path: string
  action?: string
  reason?: string
}

function fileResults(result: ToolResult): string {
  const restored = ((result.restored ?? []) as FileResult[]).map(
    (file) =>
      `<li class="restored">✓ <code>${escapeHtml(file.path)}</code>: ${escapeHtml(file.action ?? '')}</li>`,
  )
  const refused = ((result.refused ?? []) as FileResult[]).map(
    (file) =>
      `<li class="refused">✗ <code>${escapeHtml(file.path)}</code>: ${escapeHtml(file.reason ?? '')}</li>`,
  )
  return restored.length + refused.length === 0
    ? ''
    : `<ul class="file-results">${[...restored, ...refused].join('')}</ul>`
}

/** An undo's result: its message, then every file restored (✓) or refused (✗). */
export function renderUndoResult(result: ToolResult): string {
  const nested = ((result.changes ?? []) as ToolResult[]).map(fileResults).join('')
  return `<div class="undo-result ${result.success ? 'ok' : 'failed'}" data-success="${result.success}"><p>${escapeHtml(result.message ?? '')}</p>${fileResults(result)}${nested}</div>`
}

/** A problem shown in place of a fragment (store down, unknown turn). */
export function renderProblem(message: string, state: string): string {
  return `<p class="problem" role="alert" data-state="${escapeHtml(state)}">${escapeHtml(message)}</p>`
}
