/**
 * Everything the index keeps of a note, computed from its bytes alone (pure, so it can run in a
 * worker thread): hash, parse, and the UTF-8 text and its lower-cased copy for search.
 */
import { hashContent } from './content-hash.ts'
import { decodeNote } from './line-endings.ts'
import { parseNote } from './parse-note.ts'
import type { ParsedNote } from './types.ts'

export interface NoteAnalysis {
  hash: string
  parsed: ParsedNote
  /** UTF-8 text without BOM. */
  content: Uint8Array
  /** UTF-8 lower-cased text; the same object as `content` when lower-casing changes nothing. */
  lower: Uint8Array
}

const encoder = new TextEncoder()

/** Analyses a note's raw bytes; `notePath` gives the title fallback. */
export function analyzeNote(notePath: string, bytes: Uint8Array): NoteAnalysis {
  const { text } = decodeNote(bytes)
  const lowerText = text.toLowerCase()
  const content = encoder.encode(text)
  return {
    hash: hashContent(bytes),
    parsed: parseNote(text, notePath),
    content,
    lower: lowerText === text ? content : encoder.encode(lowerText),
  }
}
