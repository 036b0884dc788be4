/**
 * Everything the index keeps of a note, computed from its bytes alone (pure, so it can run in a
 * worker thread): hash, parse, and the UTF-8 text and its lower-cased copy for search.
 */
import { hashContent } from '../disk/content-hash.ts'
import { type DecodedNote, decodeNote } from '../parse/line-endings.ts'
import { type IndexParse, parseNoteForIndex } from '../parse/parse-note.ts'
import type { NoteLink, ParsedNote } from '../parse/types.ts'
import { lowerCaseUtf8 } from './lower-case-utf8.ts'
import {
  LINK_EMBED,
  LINK_END,
  LINK_FIELDS,
  LINK_FLAGS,
  LINK_LINE,
  LINK_MARKDOWN,
  LINK_START,
} from './note-columns.ts'

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

/**
 * The note's text is kept once, lower-cased for search, plus the bytes lower-casing changed
 * (usually a few capitals): the original comes back by patching them in. Only when lower-casing
 * changes the byte length (a few scripts) or the file is not valid UTF-8 is the original kept too.
 */
export interface NoteAnalysis extends NoteText {
  hash: string
  parsed: IndexedParse
}

/** A note's hash and full parse, and its text as the index keeps it (see NoteAnalysis). */
export interface FullAnalysis extends NoteText {
  hash: string
  note: IndexParse
}

export interface NoteText {
  /** UTF-8 lower-cased text without BOM. */
  lower: Uint8Array
  /** Offsets in `lower` whose original byte differs, and those bytes. */
  caseOffsets?: Uint32Array
  caseBytes?: Uint8Array
  /** The original UTF-8 text, only when it cannot be rebuilt from `lower` and the case bytes. */
  content?: Uint8Array
}

const encoder = new TextEncoder()

/** Analyses a note's raw bytes; `notePath` gives the title fallback. */
export function analyzeNote(notePath: string, bytes: Uint8Array): NoteAnalysis {
  const { note, ...rest } = analyzeNoteFully(notePath, bytes)
  return { ...rest, parsed: slimParse(note) }
}

/** analyzeNote with the whole parse (the batch analyser packs what it needs itself). */
export function analyzeNoteFully(notePath: string, bytes: Uint8Array): FullAnalysis {
  const decoded = decodeNote(bytes)
  return {
    hash: hashContent(bytes),
    note: parseNoteForIndex(decoded.text, notePath),
    ...analyzeNoteText(bytes, decoded),
  }
}

const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf

/**
 * The text of a note as the index keeps it (see NoteAnalysis), from its raw bytes. Without
 * `decoded`, valid UTF-8 is never decoded to a string (lowerCaseUtf8 refuses invalid bytes):
 * the warm start reads texts back this way without parsing them.
 */
export function analyzeNoteText(bytes: Uint8Array, decoded?: DecodedNote): NoteText {
  if (decoded === undefined || !decoded.hasInvalidBytes) {
    // The file's own bytes are the UTF-8 text already (minus a BOM).
    const content = hasBom(bytes) ? bytes.subarray(3) : bytes
    const fast = lowerCaseUtf8(content)
    if (fast !== undefined) {
      if (fast.caseOffsets.length === 0) return { lower: content }
      return { lower: fast.lower, caseOffsets: fast.caseOffsets, caseBytes: fast.caseBytes }
    }
  }
  // The few texts whose lower case changes length or depends on context, or invalid UTF-8: through strings.
  const { text, bom, hasInvalidBytes } = decoded ?? decodeNote(bytes)
  // Only invalid bytes are re-encoded (as U+FFFD).
  const content = hasInvalidBytes ? encoder.encode(text) : bom ? bytes.subarray(3) : bytes
  const lowerText = text.toLowerCase()
  if (lowerText === text) return { lower: content }
  const lower = encoder.encode(lowerText)
  if (lower.length !== content.length) return { lower, content }
  let differing = 0
  for (let i = 0; i < lower.length; i++) if (lower[i] !== content[i]) differing++
  const caseOffsets = new Uint32Array(differing)
  const caseBytes = new Uint8Array(differing)
  for (let i = 0, j = 0; i < lower.length; i++) {
    if (lower[i] !== content[i]) {
      caseOffsets[j] = i
      caseBytes[j++] = content[i] as number
    }
  }
  return { lower, caseOffsets, caseBytes }
}

/** The original UTF-8 text of an analysed note (without BOM). */
export function originalBytes(
  note: Pick<NoteText, 'lower' | 'caseOffsets' | 'caseBytes' | 'content'>,
): Buffer {
  if (note.content !== undefined)
    return Buffer.from(note.content.buffer, note.content.byteOffset, note.content.byteLength)
  const bytes = Buffer.from(note.lower)
  const offsets = note.caseOffsets
  const values = note.caseBytes
  if (offsets !== undefined && values !== undefined) {
    for (let i = 0; i < offsets.length; i++) bytes[offsets[i] as number] = values[i] as number
  }
  return bytes
}

/**
 * A copy of `text` that does not keep its source alive: V8 makes substrings views into the
 * whole note, so every kept link target or tag would otherwise pin its note's full text.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1)
}

/** The link columns of IndexedParse.linkData: line, range start, range end, flags per link. */
export function packLinkData(links: readonly NoteLink[]): Int32Array<ArrayBuffer> {
  const linkData = new Int32Array(links.length * LINK_FIELDS)
  links.forEach((link, i) => {
    const at = i * LINK_FIELDS
    linkData[at + LINK_LINE] = link.line
    linkData[at + LINK_START] = link.range.start
    linkData[at + LINK_END] = link.range.end
    linkData[at + LINK_FLAGS] = (link.embed ? LINK_EMBED : 0) | (link.kind === 'markdown' ? LINK_MARKDOWN : 0)
  })
  return linkData
}

function slimParse(parsed: IndexParse): IndexedParse {
  const title = detach(parsed.title)
  const aliases = parsed.aliases.map(detach)
  const tags = parsed.tags.map(detach)
  const links = parsed.links
  const tasks = parsed.tasks.map((task) => ({ ...task, text: detach(task.text) }))
  const linkData = packLinkData(links)
  const slim: IndexedParse = {
    title,
    aliases,
    tags,
    tasks,
    linkTargets: links.map((link) => detach(link.target)),
    linkData,
  }
  if (parsed.frontmatter.error !== undefined) slim.frontmatterError = parsed.frontmatter.error
  return slim
}
