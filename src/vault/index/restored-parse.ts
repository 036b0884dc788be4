/**
 * The parse of a note restored from a snapshot, with its links and tasks left as columns until
 * they are asked for. Most warm starts answer a name lookup or a text search and never read a
 * link or a task: at 50k notes, building 650k links' arrays and every task object and text up
 * front was a third of a read-only CLI call.
 */
import type { Task } from '../parse/types.ts'
import type { IndexedParse } from './analyze-note.ts'
import { LINK_FIELDS } from './note-columns.ts'

/** Per task in TaskColumns.ints: line, status id, marker id, indent, status offset, text start, text end. */
export const TASK_COLUMNS = 7

/** Every restored note's tasks: integer columns, the strings they refer to, and the texts as UTF-8. */
export interface TaskColumns {
  ints: Int32Array
  strings: readonly string[]
  texts: Buffer
}

/**
 * Every restored note's links: per link its target (an id in `strings`) and what it resolved to
 * when the snapshot was taken (file id + 1 in `paths`, 0 for nothing), and their positions
 * (LINK_FIELDS per link, as IndexedParse.linkData).
 */
export interface LinkColumns {
  targets: Int32Array
  resolutions: Int32Array
  data: Int32Array
  strings: readonly string[]
  paths: readonly string[]
  /** Notes with links not decoded yet: once none is left, the two id columns are let go. */
  undecoded: number
}

export interface RestoredParseInput
  extends Omit<IndexedParse, 'tasks' | 'frontmatterError' | 'linkTargets' | 'linkData'> {
  frontmatterError: string | undefined
  taskColumns: TaskColumns
  /** The note's first task in the columns, and how many it has. */
  firstTask: number
  taskCount: number
  linkColumns: LinkColumns
  /** The note's first link in the columns, and how many it has. */
  firstLink: number
  linkCount: number
}

const NO_IDS = new Int32Array(0)

function decodeLinks(columns: LinkColumns, first: number, count: number) {
  const { targets, resolutions, strings, paths } = columns
  const linkTargets = new Array<string>(count)
  const resolved = new Array<string | undefined>(count)
  for (let i = 0; i < count; i++) {
    linkTargets[i] = strings[targets[first + i] as number] as string
    const file = resolutions[first + i] as number
    resolved[i] = file === 0 ? undefined : paths[file - 1]
  }
  if (--columns.undecoded === 0) {
    columns.targets = NO_IDS
    columns.resolutions = NO_IDS
  }
  return { linkTargets, resolved }
}

/** `count` tasks from task number `first`, their texts as `text` makes them from a byte range. */
function readTasks<T extends string | Uint8Array>(
  { ints, strings }: TaskColumns,
  first: number,
  count: number,
  text: (start: number, end: number) => T,
): (Omit<Task, 'text'> & { text: T })[] {
  const tasks = new Array<Omit<Task, 'text'> & { text: T }>(count)
  for (let i = 0; i < count; i++) {
    const at = (first + i) * TASK_COLUMNS
    const status = strings[ints[at + 1] as number] as string
    tasks[i] = {
      line: ints[at] as number,
      text: text(ints[at + 5] as number, ints[at + 6] as number),
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
export interface StoredTask extends Omit<Task, 'text'> {
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
  declare frontmatterError?: string
  #tasks: Task[] | undefined
  readonly #columns: TaskColumns
  readonly #first: number
  readonly #count: number
  #links: { linkTargets: string[]; resolved: (string | undefined)[] } | undefined
  #linkData: Int32Array | undefined
  readonly #linkColumns: LinkColumns
  readonly #firstLink: number
  readonly #linkCount: number

  constructor(input: RestoredParseInput) {
    this.title = input.title
    this.aliases = input.aliases
    this.tags = input.tags
    if (input.frontmatterError !== undefined) this.frontmatterError = input.frontmatterError
    this.#columns = input.taskColumns
    this.#first = input.firstTask
    this.#count = input.taskCount
    this.#linkColumns = input.linkColumns
    this.#firstLink = input.firstLink
    this.#linkCount = input.linkCount
  }

  #decodedLinks(): { linkTargets: string[]; resolved: (string | undefined)[] } {
    this.#links ??=
      this.#linkCount === 0
        ? { linkTargets: [], resolved: [] }
        : decodeLinks(this.#linkColumns, this.#firstLink, this.#linkCount)
    return this.#links
  }

  get linkTargets(): string[] {
    return this.#decodedLinks().linkTargets
  }

  /** What the links resolved to when the snapshot was taken (RestoredNote.resolved until re-resolved). */
  restoredResolutions(): (string | undefined)[] {
    return this.#decodedLinks().resolved
  }

  get linkData(): Int32Array {
    this.#linkData ??= this.#linkColumns.data.subarray(
      this.#firstLink * LINK_FIELDS,
      (this.#firstLink + this.#linkCount) * LINK_FIELDS,
    )
    return this.#linkData
  }

  storedTasks(): readonly StoredTask[] {
    if (this.#tasks !== undefined) return this.#tasks
    const { texts } = this.#columns
    return readTasks(this.#columns, this.#first, this.#count, (start, end) => texts.subarray(start, end))
  }

  get tasks(): Task[] {
    const { texts } = this.#columns
    this.#tasks ??=
      this.#count === 0
        ? []
        : readTasks(this.#columns, this.#first, this.#count, (start, end) =>
            texts.toString('utf8', start, end),
          )
    return this.#tasks
  }
}
