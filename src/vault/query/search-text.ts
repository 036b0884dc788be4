/**
 * Full-text search over the index's lower-cased copies of every note: no file is read. A note
 * matches when its text (frontmatter included) contains the query, case-insensitively.
 */

import { type IndexedNote, type NoteIndex, noteBytes } from '../index/note-index.ts'
import { comparePaths } from '../paths/compare-paths.ts'
import type { Scope } from './scope.ts'

export interface TextSearchOptions {
  query: string
  scope: Scope
  limit: number
  /** Add up to three snippets per note. */
  detailed?: boolean
}

export interface TextSearchHit {
  path: string
  title: string
  /** 1-based line of the first hit. */
  lineNumber: number
  matchCount: number
  /** The query occurs in the file name or title. */
  inName: boolean
  snippets?: { lineNumber: number; text: string }[]
}

export interface TextSearchResult {
  totalCount: number
  hits: TextSearchHit[]
}

const SNIPPET_CHARS = 200
const NEWLINE = 0x0a

function countHits(haystack: Buffer, needle: Buffer): number {
  let count = 0
  let at = haystack.indexOf(needle)
  while (at !== -1) {
    count++
    at = haystack.indexOf(needle, at + needle.length)
  }
  return count
}

function lineNumberAt(buffer: Buffer, offset: number): number {
  let line = 1
  let at = buffer.indexOf(NEWLINE)
  while (at !== -1 && at < offset) {
    line++
    at = buffer.indexOf(NEWLINE, at + 1)
  }
  return line
}

/** The text of 1-based line `lineNumber` of `buffer`. */
function lineText(buffer: Buffer, lineNumber: number): string {
  let start = 0
  for (let line = 1; line < lineNumber; line++) {
    const next = buffer.indexOf(NEWLINE, start)
    if (next === -1) return ''
    start = next + 1
  }
  const end = buffer.indexOf(NEWLINE, start)
  return buffer.toString('utf8', start, end === -1 ? buffer.length : end).replace(/\r$/, '')
}

function centre(line: string, queryLower: string): string {
  if (line.length <= SNIPPET_CHARS) return line.trim()
  const at = Math.max(0, line.toLowerCase().indexOf(queryLower))
  const start = Math.max(
    0,
    Math.min(at - Math.floor((SNIPPET_CHARS - queryLower.length) / 2), line.length - SNIPPET_CHARS),
  )
  const text = line.slice(start, start + SNIPPET_CHARS).trim()
  return `${start > 0 ? '…' : ''}${text}${start + SNIPPET_CHARS < line.length ? '…' : ''}`
}

function snippetsOf(
  note: IndexedNote,
  needle: Buffer,
  queryLower: string,
): { lineNumber: number; text: string }[] {
  const snippets: { lineNumber: number; text: string }[] = []
  const original = noteBytes(note)
  let at = note.lower.indexOf(needle)
  let lastLine = 0
  while (at !== -1 && snippets.length < 3) {
    const lineNumber = lineNumberAt(note.lower, at)
    if (lineNumber !== lastLine) {
      snippets.push({ lineNumber, text: centre(lineText(original, lineNumber), queryLower) })
      lastLine = lineNumber
    }
    at = note.lower.indexOf(needle, at + needle.length)
  }
  return snippets
}

const baseName = (notePath: string) => notePath.slice(notePath.lastIndexOf('/') + 1).replace(/\.md$/i, '')

/** Ranks: a hit in the file name or title first, then more hits, then path order. */
export function searchText(
  index: NoteIndex,
  { query, scope, limit, detailed = false }: TextSearchOptions,
): TextSearchResult {
  const queryLower = query.toLowerCase()
  const needle = Buffer.from(queryLower, 'utf8')
  const found: { note: IndexedNote; count: number; inName: boolean }[] = []
  for (const notePath of scope.paths()) {
    const note = index.getNote(notePath)
    if (note === undefined) continue
    const count = countHits(note.lower, needle)
    if (count === 0) continue
    const inName =
      baseName(notePath).toLowerCase().includes(queryLower) ||
      note.parsed.title.toLowerCase().includes(queryLower)
    found.push({ note, count, inName })
  }
  found.sort(
    (a, b) =>
      Number(b.inName) - Number(a.inName) || b.count - a.count || comparePaths(a.note.path, b.note.path),
  )
  const hits = found.slice(0, limit).map(({ note, count, inName }): TextSearchHit => {
    const hit: TextSearchHit = {
      path: note.path,
      title: note.parsed.title,
      lineNumber: lineNumberAt(note.lower, note.lower.indexOf(needle)),
      matchCount: count,
      inName,
    }
    if (detailed) hit.snippets = snippetsOf(note, needle, queryLower)
    return hit
  })
  return { totalCount: found.length, hits }
}
