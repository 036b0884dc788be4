/** The items of query results: only the fields that apply, never null or empty ones. */
import { type NoteIndex, noteBytes } from '../vault/index.ts'

export interface QueryItem {
  path?: string
  title?: string
  snippet?: string
  line_number?: number
  match_count?: number
  tags?: string[]
  aliases?: string[]
  modified?: string
  task_text?: string
  task_status?: string
  task_completed?: boolean
  count?: number
  link_text?: string
}

/** Drops undefined, null, empty strings and empty lists (token economy). */
export function compact<T extends object>(item: T): Partial<T> {
  const result: Partial<T> = {}
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value) && value.length === 0) continue
    result[key as keyof T] = value
  }
  return result
}

/** A note as a result item: path and title; detailed adds tags, aliases and the modified time. */
export function describeNote(index: NoteIndex, notePath: string, detailed: boolean): QueryItem {
  const note = index.getNote(notePath)
  if (note === undefined) return { path: notePath }
  if (!detailed) return { path: notePath, title: note.parsed.title }
  return {
    path: notePath,
    title: note.parsed.title,
    tags: note.parsed.tags,
    aliases: note.parsed.aliases,
    modified: new Date(note.mtimeMs).toISOString(),
  }
}

/** The note at `notePath`, accepting a path without `.md` or in another case. */
export function findNotePath(index: NoteIndex, notePath: string): string | undefined {
  for (const candidate of [notePath, `${notePath}.md`]) {
    if (index.getNote(candidate)) return candidate
    const other = index.pathOfLower(candidate.toLowerCase())
    if (other !== undefined && index.getNote(other)) return other
  }
  return undefined
}

/** The text of a note between two UTF-16 offsets, and the text of one of its lines. */
export function noteText(index: NoteIndex, notePath: string): string {
  const note = index.getNote(notePath)
  return note === undefined ? '' : noteBytes(note).toString('utf8')
}
