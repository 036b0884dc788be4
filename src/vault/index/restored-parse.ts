/**
 * The parse of a note restored from a snapshot, with its tasks left as columns until they are
 * asked for. Most warm starts answer a name lookup or a text search and never read a task: at 50k
 * notes, building every task object and text up front was a fifth of a read-only CLI call.
 */
import type { Task } from '../parse/types.ts'
import type { IndexedParse } from './analyze-note.ts'

/** Per task in TaskColumns.ints: line, status id, marker id, indent, status offset, text start, text end. */
export const TASK_COLUMNS = 7

/** Every restored note's tasks: integer columns, the strings they refer to, and the texts as UTF-8. */
export interface TaskColumns {
  ints: Int32Array
  strings: readonly string[]
  texts: Buffer
}

export interface RestoredParseInput extends Omit<IndexedParse, 'tasks' | 'frontmatterError'> {
  frontmatterError: string | undefined
  taskColumns: TaskColumns
  /** The note's first task in the columns, and how many it has. */
  firstTask: number
  taskCount: number
}

function decodeTasks({ ints, strings, texts }: TaskColumns, first: number, count: number): Task[] {
  const tasks = new Array<Task>(count)
  for (let i = 0; i < count; i++) {
    const at = (first + i) * TASK_COLUMNS
    const status = strings[ints[at + 1] as number] as string
    tasks[i] = {
      line: ints[at] as number,
      text: texts.toString('utf8', ints[at + 5], ints[at + 6]),
      status,
      completed: status !== ' ',
      marker: strings[ints[at + 2] as number] as string,
      indent: ints[at + 3] as number,
      statusOffset: ints[at + 4] as number,
    }
  }
  return tasks
}

/** A task as a snapshot stores it: the text of a task never decoded stays UTF-8 bytes. */
export interface StoredTask extends Omit<Task, 'text' | 'completed'> {
  text: string | Uint8Array
}

/** A note's tasks for a snapshot, without decoding a restored note's tasks (nor keeping them decoded). */
export function storedTasks(parsed: IndexedParse): readonly StoredTask[] {
  return parsed instanceof RestoredParse ? parsed.storedTasks() : parsed.tasks
}

export class RestoredParse implements IndexedParse {
  title: string
  aliases: string[]
  tags: string[]
  linkTargets: string[]
  linkData: Int32Array
  declare frontmatterError?: string
  #tasks: Task[] | undefined
  readonly #columns: TaskColumns
  readonly #first: number
  readonly #count: number

  constructor(input: RestoredParseInput) {
    this.title = input.title
    this.aliases = input.aliases
    this.tags = input.tags
    this.linkTargets = input.linkTargets
    this.linkData = input.linkData
    if (input.frontmatterError !== undefined) this.frontmatterError = input.frontmatterError
    this.#columns = input.taskColumns
    this.#first = input.firstTask
    this.#count = input.taskCount
  }

  storedTasks(): readonly StoredTask[] {
    if (this.#tasks !== undefined) return this.#tasks
    const { ints, strings, texts } = this.#columns
    const tasks = new Array<StoredTask>(this.#count)
    for (let i = 0; i < this.#count; i++) {
      const at = (this.#first + i) * TASK_COLUMNS
      tasks[i] = {
        line: ints[at] as number,
        text: texts.subarray(ints[at + 5], ints[at + 6]),
        status: strings[ints[at + 1] as number] as string,
        marker: strings[ints[at + 2] as number] as string,
        indent: ints[at + 3] as number,
        statusOffset: ints[at + 4] as number,
      }
    }
    return tasks
  }

  get tasks(): Task[] {
    this.#tasks ??= this.#count === 0 ? [] : decodeTasks(this.#columns, this.#first, this.#count)
    return this.#tasks
  }
}
