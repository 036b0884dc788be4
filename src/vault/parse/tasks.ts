import { createLineLocator, type LineLocator } from './line-locator.ts'
import { createLinePattern, matchLineStarts } from './line-pattern.ts'
import type { Task } from './types.ts'

// Quote markers, indentation, a list marker, spaces, `[c]`, then a space or the end of the line.
// Only spaces and tabs are matched between parts so an empty task never reaches the next line.
const TASK = createLinePattern(
  '((?:[ \\t]*>[ \\t]?)*)([ \\t]*)([-*+]|\\d{1,9}[.)])([ \\t]+)\\[([^\\r\\n])\\](?=[ \\t\\r\\n]|$)([^\\r\\n]*)',
)

/** Task list items in `text` from `from` (a line start; code must be blanked out), in order. */
/** How Obsidian counts a task status: ' ' open, 'x' or 'X' done, any other character another status. */
export function taskState(status: string): 'open' | 'done' | 'other' {
  return status === ' ' ? 'open' : status === 'x' || status === 'X' ? 'done' : 'other'
}

/** How many of `tasks` are in `state`. */
export function countTasksIn(tasks: readonly Task[], state: 'open' | 'done' | 'other'): number {
  let count = 0
  for (const task of tasks) if (taskState(task.status) === state) count++
  return count
}

export function extractTasks(text: string, from = 0, lineAt: LineLocator = createLineLocator(text)): Task[] {
  const tasks: Task[] = []
  matchLineStarts(TASK, text, from, (match, lineStart) => {
    const quotes = match[1]!
    const indent = match[2]!
    const marker = match[3]!
    const status = match[5]!
    tasks.push({
      line: lineAt(lineStart),
      text: match[6]!.trim(),
      status,
      completed: status !== ' ',
      marker,
      indent: indentWidth(indent),
      statusOffset: lineStart + quotes.length + indent.length + marker.length + match[4]!.length + 1,
    })
  })
  return tasks
}

/** Columns of leading whitespace, a tab counting as four. */
function indentWidth(indent: string): number {
  let width = 0
  for (let i = 0; i < indent.length; i++) width += indent.charCodeAt(i) === 9 ? 4 : 1
  return width
}
