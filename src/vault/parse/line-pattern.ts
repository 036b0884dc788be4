/**
 * A regular expression tried at the start of every line. A leading `\n` in the scanning pattern
 * lets the engine jump between newlines instead of testing `^` at every character.
 */
export interface LinePattern {
  first: RegExp
  rest: RegExp
}

/** Builds a LinePattern from a regex source that matches from a line's first character. */
export function createLinePattern(source: string): LinePattern {
  return { first: new RegExp(source, 'y'), rest: new RegExp(`\\n(?:${source})`, 'g') }
}

/**
 * Calls `visit` for each line from `from` (a line start) that matches, in order, with the offset
 * of the line's first character. Group numbers are those of the source pattern.
 */
export function matchLineStarts(
  pattern: LinePattern,
  text: string,
  from: number,
  visit: (match: RegExpExecArray, lineStart: number) => void,
): void {
  const isLineStart = from === 0 || text.charCodeAt(from - 1) === 10
  const start = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from
  if (isLineStart) {
    pattern.first.lastIndex = start
    const match = pattern.first.exec(text)
    if (match !== null) visit(match, start)
  }
  pattern.rest.lastIndex = start
  let match: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((match = pattern.rest.exec(text)) !== null) visit(match, match.index + 1)
}
