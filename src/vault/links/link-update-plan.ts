/**
 * Plans the link rewrites a move needs: every link that resolved to a moved file, every link of
 * a moved note, and every link a moved file's new name could capture, must still resolve to the
 * same file afterwards. Pure: works on texts and resolution tables, writes nothing.
 */

import { parseNote } from '../parse/parse-note.ts'
import type { NoteLink } from '../parse/types.ts'
import { isNotePath } from '../paths/note-path.ts'
import type { NewLinkFormat } from '../vault-settings.ts'
import { renderLink } from './link-render.ts'
import { type LinkTargetTable, resolveLinkPath } from './resolve-link.ts'

export interface FileMove {
  from: string
  to: string
}

const nameOf = (filePath: string) => filePath.slice(filePath.lastIndexOf('/') + 1)
const folderOf = (filePath: string) =>
  filePath.includes('/') ? filePath.slice(0, filePath.lastIndexOf('/')) : ''

/** The resolution table as it will be once `moves` are done (an overlay over `base`). */
export function tableAfterMoves(base: LinkTargetTable, moves: readonly FileMove[]): LinkTargetTable {
  const removed = new Set(moves.map((move) => move.from.toLowerCase()))
  const added = new Map(moves.map((move) => [move.to.toLowerCase(), move.to]))
  const addedByName = new Map<string, string[]>()
  for (const move of moves) {
    const name = nameOf(move.to).toLowerCase()
    addedByName.set(name, [...(addedByName.get(name) ?? []), move.to])
  }
  const removedPaths = new Set(moves.map((move) => move.from))
  return {
    pathOf(pathLower) {
      return added.get(pathLower) ?? (removed.has(pathLower) ? undefined : base.pathOf(pathLower))
    },
    pathsNamed(nameLower) {
      const kept = [...(base.pathsNamed(nameLower) ?? [])].filter((filePath) => !removedPaths.has(filePath))
      const all = [...kept, ...(addedByName.get(nameLower) ?? [])]
      return all.length === 0 ? undefined : all
    },
  }
}

/** `to` written relative to the folder `from`. */
function relativePath(fromFolder: string, to: string): string {
  const fromParts = fromFolder === '' ? [] : fromFolder.split('/')
  const toParts = to.split('/')
  let shared = 0
  while (shared < fromParts.length && shared < toParts.length - 1 && fromParts[shared] === toParts[shared])
    shared++
  const ups = fromParts.length - shared
  const rest = toParts.slice(shared).join('/')
  return ups === 0 ? rest : `${'../'.repeat(ups)}${rest}`
}

export interface LinkStyle {
  newLinkFormat: NewLinkFormat
}

/**
 * The link path text to write for `link` so that, from `source`, it resolves to `target` in
 * `table`: the vault's link format, the link's own habits (extension, folder-qualified), and a
 * full path whenever a shorter form would be ambiguous.
 */
export function chooseLinkText(
  link: NoteLink,
  target: string,
  source: string,
  table: LinkTargetTable,
  style: LinkStyle,
): string {
  const isNote = isNotePath(target)
  const keepExtension = !isNote || link.kind === 'markdown' || /\.md$/i.test(link.target)
  const shape = (filePath: string) => (keepExtension ? filePath : filePath.slice(0, -3))
  const candidates: string[] = []
  if (style.newLinkFormat === 'relative') candidates.push(relativePath(folderOf(source), target))
  else if (style.newLinkFormat === 'absolute' || link.target.includes('/')) candidates.push(target)
  else candidates.push(nameOf(target), target)
  for (const candidate of candidates) {
    const text = shape(candidate)
    if (resolveLinkPath(text, source, table).path === target) return text
  }
  return target
}

export interface NoteRewriteInput {
  text: string
  /** Where the note is now, and where it will be. */
  sourceBefore: string
  sourceAfter: string
  before: LinkTargetTable
  after: LinkTargetTable
  /** Where a file will be after the moves (identity for files that stay). */
  finalPath: (filePath: string) => string
  style: LinkStyle
}

export interface NoteRewrite {
  text: string
  linksUpdated: number
}

/** Rewrites the links of one note that would otherwise stop resolving to their file. */
export function planNoteRewrite(input: NoteRewriteInput): NoteRewrite {
  const { text, sourceBefore, sourceAfter, before, after, finalPath, style } = input
  const edits: { start: number; end: number; replacement: string }[] = []
  for (const link of parseNote(text, sourceBefore).links) {
    if (link.target === '') continue
    const previous = resolveLinkPath(link.target, sourceBefore, before).path
    if (previous === undefined) continue
    const wanted = finalPath(previous)
    if (resolveLinkPath(link.target, sourceAfter, after).path === wanted) continue
    const replacement = renderLink(link, chooseLinkText(link, wanted, sourceAfter, after, style))
    edits.push({ start: link.range.start, end: link.range.end, replacement })
  }
  if (edits.length === 0) return { text, linksUpdated: 0 }
  let result = text
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end)
  }
  return { text: result, linksUpdated: edits.length }
}

/** Rewrites the `file` references of a `.canvas` (JSON Canvas) file for moved files; bytes elsewhere unchanged. */
export function planCanvasRewrite(text: string, finalPath: (filePath: string) => string): NoteRewrite {
  let linksUpdated = 0
  const rewritten = text.replace(
    /("file"\s*:\s*)("(?:[^"\\]|\\.)*")/g,
    (whole, key: string, literal: string) => {
      let value: unknown
      try {
        value = JSON.parse(literal)
      } catch {
        return whole
      }
      if (typeof value !== 'string') return whole
      const moved = finalPath(value)
      if (moved === value) return whole
      linksUpdated++
      return `${key}${JSON.stringify(moved)}`
    },
  )
  return { text: rewritten, linksUpdated }
}
