/**
 * A unified diff as HTML for the activity page: one table read inline (- and + lines in order)
 * and one read side by side (before | after); the page shows one of them.
 */
import { escapeHtml } from './escape-html.ts'

interface DiffLine {
  kind: 'add' | 'del' | 'ctx' | 'hunk'
  text: string
  oldLine?: number
  newLine?: number
}

function parseUnifiedDiff(diff: string): DiffLine[] {
  const lines: DiffLine[] = []
  let oldLine = 0
  let newLine = 0
  for (const line of diff.split('\n')) {
    if (line.startsWith('---') || line.startsWith('+++') || line.startsWith('\\')) continue
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line)
    if (hunk !== null) {
      oldLine = Number(hunk[1])
      newLine = Number(hunk[2])
      lines.push({ kind: 'hunk', text: line })
    } else if (line.startsWith('+')) lines.push({ kind: 'add', text: line.slice(1), newLine: newLine++ })
    else if (line.startsWith('-')) lines.push({ kind: 'del', text: line.slice(1), oldLine: oldLine++ })
    else if (line.startsWith(' '))
      lines.push({ kind: 'ctx', text: line.slice(1), oldLine: oldLine++, newLine: newLine++ })
  }
  return lines
}

const number = (value: number | undefined) => (value === undefined ? '' : String(value))
const SIGNS = { add: '+', del: '-', ctx: ' ', hunk: '' } as const

function inlineTable(lines: DiffLine[]): string {
  const rows = lines.map(
    (line) =>
      `<tr class="${line.kind}"><td class="num">${number(line.oldLine)}</td><td class="num">${number(line.newLine)}</td><td class="code"><span class="sign">${SIGNS[line.kind]}</span>${escapeHtml(line.text)}</td></tr>`,
  )
  return `<table class="diff inline"><tbody>${rows.join('')}</tbody></table>`
}

function cell(line: DiffLine | undefined, side: 'old' | 'new'): string {
  if (line === undefined) return '<td class="num"></td><td class="code empty"></td>'
  const at = side === 'old' ? line.oldLine : line.newLine
  return `<td class="num">${number(at)}</td><td class="code ${line.kind}">${escapeHtml(line.text)}</td>`
}

function splitTable(lines: DiffLine[]): string {
  const rows: string[] = []
  for (let index = 0; index < lines.length; ) {
    const line = lines[index] as DiffLine
    if (line.kind === 'hunk' || line.kind === 'ctx') {
      rows.push(
        line.kind === 'hunk'
          ? `<tr class="hunk"><td colspan="4">${escapeHtml(line.text)}</td></tr>`
          : `<tr>${cell(line, 'old')}${cell(line, 'new')}</tr>`,
      )
      index++
      continue
    }
    // A run of removed lines, then added ones: paired row by row.
    const removed: DiffLine[] = []
    const added: DiffLine[] = []
    while (lines[index]?.kind === 'del') removed.push(lines[index++] as DiffLine)
    while (lines[index]?.kind === 'add') added.push(lines[index++] as DiffLine)
    for (let row = 0; row < Math.max(removed.length, added.length); row++)
      rows.push(`<tr>${cell(removed[row], 'old')}${cell(added[row], 'new')}</tr>`)
  }
  return `<table class="diff split"><tbody>${rows.join('')}</tbody></table>`
}

/** Both renderings of `diff` (a unified diff from the `diff` library). */
export function renderDiff(diff: string): string {
  const lines = parseUnifiedDiff(diff)
  return `<div class="diff-views">${inlineTable(lines)}${splitTable(lines)}</div>`
}
