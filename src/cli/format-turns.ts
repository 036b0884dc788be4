/** Turns for the terminal: one line per turn, and one turn in detail with its diffs coloured. */
import { styleText } from 'node:util'
import type { TurnDetail, TurnSummary } from '../activity/index.ts'

type Paint = (format: Parameters<typeof styleText>[0], text: string) => string

/** Colours text when `isColor`, else leaves it as it is. */
export function createPaint(isColor: boolean): Paint {
  return isColor
    ? (format, text) => styleText(format, text, { validateStream: false })
    : (_format, text) => text
}

const pad = (value: number) => String(value).padStart(2, '0')

function localTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

function requestText(turn: TurnSummary): string {
  if (turn.request === undefined) return '(request not stored)'
  const line = turn.request.replaceAll(/\s+/g, ' ').trim()
  return line.length > 60 ? `${line.slice(0, 60)}…` : line
}

/** One line per turn, newest first: run id, time, outcome, request, changes, tokens, duration. */
export function formatTurns(turns: TurnSummary[], paint: Paint = createPaint(false)): string {
  if (turns.length === 0) return 'No turns recorded yet.\n'
  const lines = turns.map((turn) => {
    const outcome = paint(turn.outcome === 'ok' ? 'green' : 'red', turn.outcome)
    const notes =
      turn.notesChanged.length === 0 ? 'no changes' : `${turn.notesChanged.length} file(s) changed`
    const usage = `${(turn.inputTokens ?? 0) + (turn.outputTokens ?? 0)} tokens`
    return `${paint('bold', turn.runId)}  ${localTime(turn.startedAt)}  ${outcome}  ${requestText(turn)}  [${turn.tools.length} tool call(s), ${notes}, ${usage}, ${seconds(turn.durationMs)}]`
  })
  lines.push('Show one with `jasque history --run <id>`; take it back with `jasque undo --run <id>`.')
  return `${lines.join('\n')}\n`
}

function colourDiff(diff: string, paint: Paint): string {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return paint('bold', line)
      if (line.startsWith('@@')) return paint('cyan', line)
      if (line.startsWith('+')) return paint('green', line)
      if (line.startsWith('-')) return paint('red', line)
      return line
    })
    .join('\n')
}

/** One turn: its request, tool calls and every change with a coloured unified diff. */
export function formatTurnDetail(turn: TurnDetail, paint: Paint = createPaint(false)): string {
  const lines = [
    `${paint('bold', `Turn ${turn.runId}`)}  ${localTime(turn.startedAt)}  ${paint(turn.outcome === 'ok' ? 'green' : 'red', turn.outcome)}  ${turn.model}  ${seconds(turn.durationMs)}  ${turn.inputTokens ?? 0} in / ${turn.outputTokens ?? 0} out tokens`,
    `Request: ${turn.request ?? '(not stored)'}`,
    '',
    'Tool calls:',
    ...turn.toolCalls.map(
      (call, index) =>
        `  ${index + 1}. ${call.name} ${call.operation ?? ''} ${call.ok ? paint('green', 'ok') : paint('red', `failed: ${call.error ?? ''}`)} (${call.durationMs} ms)${call.changeId === undefined ? '' : ` change ${call.changeId}`}`,
    ),
  ]
  if (turn.toolCalls.length === 0) lines.push('  none')
  for (const change of turn.changes) {
    const undone =
      change.undoneAt === undefined
        ? ''
        : paint('yellow', ` (undone${change.undoneBy ? ` by ${change.undoneBy}` : ''})`)
    lines.push('', paint('bold', `Change ${change.changeId}: ${change.tool} ${change.operation}`) + undone)
    for (const file of change.files) {
      if (file.kind === 'move') lines.push(`  moved ${file.fromPath ?? '?'} → ${file.path}`)
      else if (file.kind === 'delete' && file.trashPath !== undefined)
        lines.push(`  moved ${file.path} to the trash (${file.trashPath})`)
      else
        lines.push(
          `  ${file.kind === 'modify' ? 'edited' : file.kind === 'create' ? 'created' : 'deleted'} ${file.path}`,
        )
      if (file.diff !== undefined) lines.push(colourDiff(file.diff, paint))
      else if (file.note !== undefined) lines.push(`  ${file.note}`)
    }
  }
  return `${lines.join('\n')}\n`
}
