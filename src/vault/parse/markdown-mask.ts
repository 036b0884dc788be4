import type { SourceRange } from './types.ts'

/** A note's text with code and comments blanked out, and where they were. */
export interface CodeMask {
  /** Same length as the input; code and `%%comments%%` replaced by spaces, newlines kept. */
  text: string
  /** Blanked regions in order: fenced blocks, inline code spans, comments. */
  ranges: SourceRange[]
}

// A fence run, and what may precede it on its line: quote markers, indentation, list markers.
const FENCE_RUN = /`{3,}|~{3,}/g
const FENCE_PREFIX = /^((?:[ \t]*>)*)[ \t]*((?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*)$/
const QUOTE_LINE = /^[ \t]*>/
const INLINE = /`+|%%/g
const BACKTICKS = /`+/g
const BLANK_LINE = /\n[ \t]*\r?\n/g

/**
 * Finds fenced code blocks (``` and ~~~, also inside lists and callouts), inline code spans of any
 * backtick run length, and `%%comments%%`, starting at `from` (the end of the frontmatter).
 */
export function maskCode(text: string, from = 0): CodeMask {
  const ranges: SourceRange[] = []
  let segmentStart = from
  for (const fence of findFences(text, from)) {
    maskInline(text, segmentStart, fence.start, ranges)
    ranges.push(fence)
    segmentStart = fence.end
  }
  maskInline(text, segmentStart, text.length, ranges)
  return { text: blank(text, ranges), ranges }
}

interface FenceLine {
  /** Offset of the line's first character. */
  lineStart: number
  /** Offset just past the line, before its newline. */
  lineEnd: number
  run: string
  info: string
  quoteDepth: number
  hasListMarker: boolean
}

/** The next line from `offset` whose content starts with a fence run, or null. */
function nextFenceLine(text: string, offset: number): FenceLine | null {
  FENCE_RUN.lastIndex = offset
  let match: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((match = FENCE_RUN.exec(text)) !== null) {
    const lineStart = findPrefixStart(text, match.index)
    if (lineStart === -1) continue
    const prefix = FENCE_PREFIX.exec(text.slice(lineStart, match.index))
    if (prefix === null) continue
    const newline = text.indexOf('\n', match.index)
    const lineEnd = newline === -1 ? text.length : newline
    const run = match[0]
    const info = text.slice(match.index + run.length, lineEnd)
    return {
      lineStart,
      lineEnd,
      run,
      info,
      quoteDepth: countQuotes(prefix[1]!),
      hasListMarker: prefix[2] !== '',
    }
  }
  return null
}

/** The start of the line holding `offset` if only prefix characters precede it there, else -1. */
function findPrefixStart(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) {
    const code = text.charCodeAt(i)
    if (code === 10) return i + 1
    // space, tab, `>`, `-`, `*`, `+`, `.`, `)`, digits
    const isPrefix =
      code === 32 ||
      code === 9 ||
      code === 62 ||
      code === 45 ||
      code === 42 ||
      code === 43 ||
      code === 46 ||
      code === 41
    if (!isPrefix && (code < 48 || code > 57)) return -1
  }
  return 0
}

function findFences(text: string, from: number): SourceRange[] {
  const fences: SourceRange[] = []
  let offset = from
  let quoteLimit = -1
  let open: FenceLine | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual scan loop
  while ((open = nextFenceLine(text, offset)) !== null) {
    offset = open.lineEnd
    // CommonMark: a backtick fence's info string cannot contain a backtick.
    if (open.run[0] === '`' && open.info.includes('`')) continue
    if (open.quoteDepth > 0 && open.lineStart >= quoteLimit) quoteLimit = quoteEnd(text, open.lineEnd)
    // A fence inside a blockquote also ends where the quote ends; consecutive fences share that end.
    const limit = open.quoteDepth > 0 ? quoteLimit : text.length
    let end = limit
    let close: FenceLine | null
    // biome-ignore lint/suspicious/noAssignInExpressions: the usual scan loop
    while ((close = nextFenceLine(text, offset)) !== null && close.lineStart < limit) {
      offset = close.lineEnd
      if (
        close.run[0] === open.run[0] &&
        close.run.length >= open.run.length &&
        !close.hasListMarker &&
        close.info.trim() === '' &&
        close.quoteDepth === open.quoteDepth
      ) {
        end = close.lineEnd
        break
      }
    }
    fences.push({ start: open.lineStart, end })
    if (end >= text.length) break
    offset = end
  }
  return fences
}

function countQuotes(prefix: string): number {
  let count = 0
  for (let i = 0; i < prefix.length; i++) if (prefix.charCodeAt(i) === 62) count++
  return count
}

/** Offset of the first line after `offset` that no longer continues a blockquote. */
function quoteEnd(text: string, offset: number): number {
  let lineStart = text.indexOf('\n', offset)
  while (lineStart !== -1) {
    lineStart++
    const lineEnd = text.indexOf('\n', lineStart)
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd)
    if (!QUOTE_LINE.test(line)) return lineStart
    lineStart = lineEnd
  }
  return text.length
}

function maskInline(text: string, start: number, end: number, ranges: SourceRange[]): void {
  let paragraph: Paragraph | null = null
  INLINE.lastIndex = start
  let match: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((match = INLINE.exec(text)) !== null && match.index < end) {
    const open = match.index
    if (match[0] === '%%') {
      const close = text.indexOf('%%', open + 2)
      if (close === -1 || close + 2 > end) continue
      ranges.push({ start: open, end: close + 2 })
      INLINE.lastIndex = close + 2
      continue
    }
    if (paragraph === null || open >= paragraph.end) paragraph = indexParagraph(text, open, end)
    const length = match[0].length
    const close = nextRun(paragraph, length, open)
    if (close === -1) continue
    ranges.push({ start: open, end: close + length })
    INLINE.lastIndex = close + length
  }
}

/** The backtick runs of one paragraph by length, so each closing run is found without rescanning. */
interface Paragraph {
  end: number
  runs: Map<number, { offsets: number[]; next: number }>
}

function indexParagraph(text: string, start: number, limit: number): Paragraph {
  BLANK_LINE.lastIndex = start
  const blankLine = BLANK_LINE.exec(text)
  const end = blankLine === null || blankLine.index > limit ? limit : blankLine.index
  const runs: Paragraph['runs'] = new Map()
  BACKTICKS.lastIndex = start
  let run: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((run = BACKTICKS.exec(text)) !== null && run.index < end) {
    const length = run[0].length
    const entry = runs.get(length)
    if (entry === undefined) runs.set(length, { offsets: [run.index], next: 0 })
    else entry.offsets.push(run.index)
  }
  return { end, runs }
}

/** Offset of the first run of exactly `length` backticks after `after` in the paragraph, or -1. */
function nextRun(paragraph: Paragraph, length: number, after: number): number {
  const entry = paragraph.runs.get(length)
  if (entry === undefined) return -1
  while (entry.next < entry.offsets.length && entry.offsets[entry.next]! <= after) entry.next++
  return entry.next < entry.offsets.length ? entry.offsets[entry.next]! : -1
}

function blank(text: string, ranges: SourceRange[]): string {
  if (ranges.length === 0) return text
  const parts: string[] = []
  let last = 0
  for (const { start, end } of ranges) {
    parts.push(text.slice(last, start), text.slice(start, end).replace(/[^\n]/g, ' '))
    last = end
  }
  parts.push(text.slice(last))
  return parts.join('')
}
