/** What the index holds for each file and note, and the two views built from a note on demand. */

import type { NoteLink } from '../parse/types.ts'
import { type IndexedParse, originalBytes } from './analyze-note.ts'
import {
  LINK_EMBED,
  LINK_END,
  LINK_FIELDS,
  LINK_FLAGS,
  LINK_LINE,
  LINK_MARKDOWN,
  LINK_START,
} from './note-columns.ts'

export interface FileInfo {
  /** Vault-relative, NFC. */
  path: string
  /** The name on disk when it differs from `path` (NFD names from macOS). */
  diskPath?: string
  size: number
  mtimeMs: number
}

/** A link of an indexed note: its place and target (no alias or subpath), and what it resolves to. */
export interface ResolvedLink {
  link: Pick<NoteLink, 'kind' | 'embed' | 'target' | 'line' | 'range'>
  /** The file it resolves to, undefined when unresolved. */
  resolved: string | undefined
}

/** A note's name, title and aliases normalised for find_by_name (see vault/query/find-by-name.ts). */
export interface NameKeys {
  name: string
  title: string
  aliases: string[]
}

export interface IndexedNote extends FileInfo {
  hash: string
  parsed: IndexedParse
  /** What each link (parsed.linkTargets) resolves to; undefined when unresolved. */
  resolved: (string | undefined)[]
  /** The lower-cased text as UTF-8 (without BOM), for case-insensitive search; see noteBytes for the original. */
  lower: Buffer
  caseOffsets?: Uint32Array
  caseBytes?: Uint8Array
  content?: Uint8Array
  taskCount: number
  /** Tasks with status ' ', and with status 'x' or 'X' (the rest have another status). */
  openTaskCount: number
  doneTaskCount: number
  /**
   * Set by find_by_name on its first lookup of this version of the note: a slot on the note costs
   * less than a 50k-entry WeakMap beside it (a note replaced by an edit starts without one).
   */
  nameKeys: NameKeys | undefined
}

/** The original UTF-8 text of an indexed note (without BOM), rebuilt from its lower-cased copy. */
export function noteBytes(note: IndexedNote): Buffer {
  return originalBytes(note)
}

/** The links of an indexed note as objects (built on demand from the compact columns). */
export function resolvedLinks(note: IndexedNote): ResolvedLink[] {
  const { linkTargets, linkData } = note.parsed
  return linkTargets.map((target, i) => {
    const at = i * LINK_FIELDS
    const flags = linkData[at + LINK_FLAGS] as number
    return {
      link: {
        kind: flags & LINK_MARKDOWN ? 'markdown' : 'wikilink',
        embed: (flags & LINK_EMBED) !== 0,
        target,
        line: linkData[at + LINK_LINE] as number,
        range: { start: linkData[at + LINK_START] as number, end: linkData[at + LINK_END] as number },
      },
      resolved: note.resolved[i],
    }
  })
}
