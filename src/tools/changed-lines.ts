/** The lines a rewrite changes, for the structure tool's dry run (link lines before and after). */
import { structuredPatch } from 'diff'

export interface ChangedLine {
  /** 1-based line number before the change. */
  line: number
  before: string
  after: string
}

/** Each changed line of `before` with its new text (a rewrite of links keeps the line count). */
export function changedLines(before: string, after: string): ChangedLine[] {
  const patch = structuredPatch('', '', before, after, undefined, undefined, { context: 0 })
  return patch.hunks.flatMap((hunk) => {
    const removed = hunk.lines.filter((line) => line.startsWith('-')).map((line) => line.slice(1))
    const added = hunk.lines.filter((line) => line.startsWith('+')).map((line) => line.slice(1))
    const count = Math.max(removed.length, added.length)
    return Array.from({ length: count }, (_, index) => ({
      line: hunk.oldStart + Math.min(index, Math.max(removed.length - 1, 0)),
      before: removed[index] ?? '',
      after: added[index] ?? '',
    }))
  })
}
