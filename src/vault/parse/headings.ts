import { createLineLocator, type LineLocator } from './line-locator.ts'
import type { Heading } from './types.ts'

// Scanning for the `#` run (a literal) is faster than testing every line start.
const ATX_HEADING = /#{1,6}[ \t]+([^\r\n]*)/g
const CLOSING_HASHES = /(?:^|[ \t]+)#+[ \t]*$|[ \t]+$/
// Obsidian: block ids are Latin letters, digits and dashes, written ` ^id` at the end of a line.
const BLOCK_ID = /\^([A-Za-z0-9-]+)[ \t]*(?=\r?\n|$)/g

/** ATX headings (`## Text`) in `text` from `from` (a line start; code must be blanked out). */
export function extractHeadings(
  text: string,
  from = 0,
  lineAt: LineLocator = createLineLocator(text),
): Heading[] {
  const headings: Heading[] = []
  ATX_HEADING.lastIndex = from
  let match: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((match = ATX_HEADING.exec(text)) !== null) {
    if (!startsLine(text, match.index, from)) continue
    const heading = match[1]!.replace(CLOSING_HASHES, '')
    if (heading !== '') headings.push({ level: hashRun(match[0]), text: heading, line: lineAt(match.index) })
  }
  return headings
}

/** True when only up to three spaces separate `offset` from the start of its line. */
function startsLine(text: string, offset: number, from: number): boolean {
  for (let i = offset - 1, spaces = 0; i >= from; i--, spaces++) {
    const code = text.charCodeAt(i)
    if (code === 10 || (code === 0xfeff && i === 0)) return true
    if (code !== 32 || spaces === 3) return false
  }
  return true
}

function hashRun(source: string): number {
  let count = 0
  while (source.charCodeAt(count) === 35) count++
  return count
}

/** Block ids (`^id` ending a line) in `text` from `from`, without the caret, in order. */
export function extractBlockIds(text: string, from = 0): string[] {
  const ids: string[] = []
  BLOCK_ID.lastIndex = from
  let match: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((match = BLOCK_ID.exec(text)) !== null) {
    const before = match.index === from ? 10 : text.charCodeAt(match.index - 1)
    if (before === 32 || before === 9 || before === 10) ids.push(match[1]!)
  }
  return ids
}
