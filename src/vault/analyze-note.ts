/**
 * Everything the index keeps of a note, computed from its bytes alone (pure, so it can run in a
 * worker thread): hash, parse, and the UTF-8 text and its lower-cased copy for search.
 */
import { hashContent } from './content-hash.ts'
import { decodeNote } from './line-endings.ts'
import { parseNote } from './parse-note.ts'
import type { ParsedNote } from './types.ts'

/** What the index keeps of a parse: frontmatter values, headings and block ids are read from disk when needed. */
export type IndexedParse = Pick<ParsedNote, 'title' | 'aliases' | 'tags' | 'links' | 'tasks'> & {
  /** Set when the frontmatter is not valid YAML. */
  frontmatterError?: string
}

export interface NoteAnalysis {
  hash: string
  parsed: IndexedParse
  /** UTF-8 text without BOM. */
  content: Uint8Array
  /** UTF-8 lower-cased text; the same object as `content` when lower-casing changes nothing. */
  lower: Uint8Array
}

const encoder = new TextEncoder()

/** Analyses a note's raw bytes; `notePath` gives the title fallback. */
export function analyzeNote(notePath: string, bytes: Uint8Array): NoteAnalysis {
  const { text, bom, hasInvalidBytes } = decodeNote(bytes)
  const lowerText = text.toLowerCase()
  // The file's own bytes are the UTF-8 text already (minus a BOM); re-encode only invalid ones.
  const content = hasInvalidBytes ? encoder.encode(text) : bom ? bytes.subarray(3) : bytes
  return {
    hash: hashContent(bytes),
    parsed: slimParse(parseNote(text, notePath)),
    content,
    lower: lowerText === text ? content : encoder.encode(lowerText),
  }
}

function slimParse(parsed: ParsedNote): IndexedParse {
  const { title, aliases, tags, links, tasks } = parsed
  const error = parsed.frontmatter.error
  return error === undefined
    ? { title, aliases, tags, links, tasks }
    : { title, aliases, tags, links, tasks, frontmatterError: error }
}
