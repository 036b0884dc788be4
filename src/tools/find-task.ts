/**
 * Which task `complete_task` means: a true 1-based line number, or text matched exactly (case-
 * insensitively) among the open tasks, then as a unique substring. Pure; messages name the
 * candidates so the model can retry with a line number.
 */
import { InvalidInputError, NotFoundError } from '../errors.ts'
import type { Task } from '../vault/index.ts'

const MAX_LISTED = 20

const describe = (task: Task) => `'${task.text}' (line ${task.line})`

function listTasks(tasks: Task[]): string {
  const shown = tasks.slice(0, MAX_LISTED).map(describe).join(', ')
  return tasks.length > MAX_LISTED ? `${shown}, and ${tasks.length - MAX_LISTED} more` : shown
}

function openTasksHint(open: Task[], notePath: string): string {
  return open.length === 0
    ? `${notePath} has no open tasks.`
    : `Open tasks in ${notePath}: ${listTasks(open)}.`
}

/** The identifier as text: trimmed, without a copied `- [ ] ` prefix. */
function identifierText(identifier: string): string {
  return identifier
    .trim()
    .replace(/^(?:[-*+]|\d{1,9}[.)])\s+\[.\]\s*/, '')
    .trim()
}

function findByLine(tasks: Task[], line: number, notePath: string): Task {
  const task = tasks.find((candidate) => candidate.line === line)
  if (task === undefined) {
    const open = tasks.filter((candidate) => !candidate.completed)
    throw new NotFoundError(`No task on line ${line} of ${notePath}. ${openTasksHint(open, notePath)}`)
  }
  return task
}

function findByText(tasks: Task[], wanted: string, notePath: string): Task {
  const open = tasks.filter((task) => !task.completed)
  const lower = wanted.toLowerCase()
  const exact = open.filter((task) => task.text.toLowerCase() === lower)
  const matches = exact.length > 0 ? exact : open.filter((task) => task.text.toLowerCase().includes(lower))
  if (matches.length === 1) return matches[0] as Task
  if (matches.length > 1) {
    throw new InvalidInputError(
      `Multiple tasks match '${wanted}': ${listTasks(matches)}. Give the line number as task_identifier.`,
    )
  }
  const done = tasks.find((task) => task.completed && task.text.toLowerCase().includes(lower))
  const doneHint = done === undefined ? '' : ` ${describe(done)} is already done.`
  throw new NotFoundError(
    `No open task matches '${wanted}' in ${notePath}.${doneHint} ${openTasksHint(open, notePath)}`,
  )
}

/**
 * The task `identifier` names. A number, or text of digits only, is a line number when a task sits
 * on that line. Throws NotFoundError (listing the open tasks) or InvalidInputError (several match).
 */
export function findTask(tasks: Task[], identifier: string | number, notePath: string): Task {
  if (typeof identifier === 'number') return findByLine(tasks, identifier, notePath)
  const wanted = identifierText(identifier)
  if (wanted === '') {
    throw new InvalidInputError('task_identifier is empty: give the task line number or some of its text.')
  }
  const asLine = /^\d+$/.test(wanted) ? Number(wanted) : undefined
  if (asLine !== undefined && tasks.some((task) => task.line === asLine))
    return findByLine(tasks, asLine, notePath)
  return findByText(tasks, wanted, notePath)
}

/** The note text with `task` checked: its status character becomes `x`, nothing else changes. */
export function checkTask(text: string, task: Task): string {
  return `${text.slice(0, task.statusOffset)}x${text.slice(task.statusOffset + 1)}`
}
