/**
 * Which notes a query looks at: a folder or a single note (`path`), minus excluded folders.
 * `_jasque/` is always excluded; user exclusions come from the preferences note.
 */

import type { NoteIndex } from '../index/note-index.ts'
import { folderRange, sortedIndexOf } from '../paths/compare-paths.ts'

export interface ScopeOptions {
  /** A folder or a note path; '' or undefined = the whole vault. Already normalised. */
  path?: string
  /** Excluded folders from the vault root, compared case-insensitively. */
  exclude?: readonly string[]
}

export interface Scope {
  kind: 'vault' | 'folder' | 'note' | 'missing'
  path: string
  /** Note paths in scope, in code-point order. */
  paths(): Generator<string>
  /**
   * Calls `visit` with the position (in index.sortedNotes()) of each note in scope, in path
   * order, until it returns false. The fast way for queries that touch every note.
   */
  forEachPosition(visit: (position: number) => boolean | undefined): void
  /** Number of notes in scope. */
  count(): number
  includes(notePath: string): boolean
  /** Whether the note at `position` of index.sortedNotes() is in scope. */
  hasPosition(position: number): boolean
  /** Notes of the vault or folder that an exclusion removes from the scope. */
  excluded(): ReadonlySet<string>
}

/** The folder Jasque keeps its own notes in; never searched. */
export const JASQUE_FOLDER = '_jasque'

/** Normalises an exclusion the way they are compared: trimmed, no outer slashes, lower case. */
export function normalizeExclusion(folder: string): string {
  return folder
    .trim()
    .replace(/\\/g, '/')
    .replace(/^\/+|\/+$/g, '')
    .normalize('NFC')
    .toLowerCase()
}

/**
 * Builds a scope. Exclusions are dropped when `path` itself points inside an excluded folder
 * (the caller asked for it explicitly). A path that is neither a note nor a folder gives kind
 * 'missing' with no notes.
 */
export function createScope(index: NoteIndex, { path = '', exclude = [] }: ScopeOptions): Scope {
  const pathLower = path.toLowerCase()
  const exclusions = [JASQUE_FOLDER, ...exclude]
    .map(normalizeExclusion)
    .filter((folder) => folder !== '' && !(pathLower === folder || pathLower.startsWith(`${folder}/`)))
  const kind: Scope['kind'] =
    path === '' ? 'vault' : index.getNote(path) ? 'note' : index.hasFolder(path) ? 'folder' : 'missing'
  const sorted = index.sortedNotePaths()
  const [start, end] = kind === 'folder' ? folderRange(sorted, path) : [0, sorted.length]

  // Excluded folders as [start, end) ranges of the sorted note list, merged and ordered.
  let ranges: [number, number][] | undefined
  const excludedRanges = (): [number, number][] => {
    if (ranges !== undefined) return ranges
    const found: [number, number][] = []
    if (exclusions.length > 0 && (kind === 'vault' || kind === 'folder')) {
      for (const folder of index.folders()) {
        if (exclusions.includes(folder.toLowerCase())) found.push(folderRange(sorted, folder))
      }
    }
    found.sort((a, b) => a[0] - b[0])
    ranges = []
    for (const range of found) {
      const last = ranges[ranges.length - 1]
      if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
      else ranges.push([range[0], range[1]])
    }
    return ranges
  }
  let excludedSet: Set<string> | undefined
  const excluded = (): ReadonlySet<string> => {
    if (excludedSet !== undefined) return excludedSet
    excludedSet = new Set()
    for (const [from, to] of excludedRanges()) {
      for (let i = Math.max(from, start); i < Math.min(to, end); i++) excludedSet.add(sorted[i] as string)
    }
    return excludedSet
  }

  function forEachPosition(visit: (position: number) => boolean | undefined): void {
    if (kind === 'missing') return
    if (kind === 'note') {
      const at = sortedIndexOf(sorted, path)
      if (sorted[at] === path) visit(at)
      return
    }
    let i = start
    for (const [from, to] of excludedRanges()) {
      for (; i < Math.min(from, end); i++) if (visit(i) === false) return
      i = Math.max(i, to)
    }
    for (; i < end; i++) if (visit(i) === false) return
  }

  function* paths(): Generator<string> {
    if (kind === 'missing') return
    if (kind === 'note') {
      yield path
      return
    }
    let i = start
    for (const [from, to] of excludedRanges()) {
      for (; i < Math.min(from, end); i++) yield sorted[i] as string
      i = Math.max(i, to)
    }
    for (; i < end; i++) yield sorted[i] as string
  }

  return {
    kind,
    path,
    paths,
    forEachPosition,
    excluded,
    count: () => (kind === 'missing' ? 0 : kind === 'note' ? 1 : end - start - excluded().size),
    hasPosition(position: number): boolean {
      if (kind === 'missing') return false
      if (kind === 'note') return sorted[position] === path
      if (position < start || position >= end) return false
      return !excludedRanges().some(([from, to]) => position >= from && position < to)
    },
    includes(notePath: string): boolean {
      if (kind === 'missing') return false
      if (kind === 'note') return notePath === path
      if (kind === 'folder' && !notePath.startsWith(`${path}/`)) return false
      return !excluded().has(notePath)
    },
  }
}
