/**
 * Everything the index keeps of a note, computed from its bytes alone (pure, so it can run in a
 * worker thread): hash, parse, and the UTF-8 text and its lower-cased copy for search.
 */
import { hashContent } from './content-hash.ts'
import { decodeNote } from './line-endings.ts'
import { parseNote } from './parse-note.ts'
import type { ParsedNote } from './types.ts'

/**
 * What the index keeps of a parse. Links are columns (targets, and four integers each) rather
 * than objects: at 50k notes that is 650k objects fewer to build, clone between threads and keep.
 * Frontmatter values, headings, block ids and link aliases are read from disk when needed.
 */
export type IndexedParse = Pick<ParsedNote, 'title' | 'aliases' | 'tags' | 'tasks'> & {
  linkTargets: string[]
  /** Per link: line, range start, range end, flags (LINK_EMBED | LINK_MARKDOWN). */
  linkData: Int32Array
  /** Set when the frontmatter is not valid YAML. */
  frontmatterError?: string
}

export const LINK_EMBED = 1
export const LINK_MARKDOWN = 2

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
  const linkData = new Int32Array(links.length * 4)
  links.forEach((link, i) => {
    linkData[i * 4] = link.line
    linkData[i * 4 + 1] = link.range.start
    linkData[i * 4 + 2] = link.range.end
    linkData[i * 4 + 3] = (link.embed ? LINK_EMBED : 0) | (link.kind === 'markdown' ? LINK_MARKDOWN : 0)
  })
  const slim: IndexedParse = {
    title,
    aliases,
    tags,
    tasks,
    linkTargets: links.map((link) => link.target),
    linkData,
  }
  if (parsed.frontmatter.error !== undefined) slim.frontmatterError = parsed.frontmatter.error
  return slim
}
