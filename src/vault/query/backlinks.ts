/** Backlinks: the notes whose links resolve to a note, with those links. */

import { type NoteIndex, type ResolvedLink, resolvedLinks } from '../index/note-index.ts'
import { comparePaths } from '../paths/compare-paths.ts'
import type { Scope } from './scope.ts'

export interface Backlink {
  path: string
  links: ResolvedLink[]
}

/** Notes in scope linking to `target`, in path order; `withLinks` adds the links themselves. */
export function getBacklinks(index: NoteIndex, target: string, scope: Scope, withLinks = false): Backlink[] {
  const sources = [...index.backlinkSources(target)]
    .filter((source) => scope.includes(source))
    .sort(comparePaths)
  return sources.map((source) => ({
    path: source,
    links: withLinks ? resolvedLinksTo(index, source, target) : [],
  }))
}

function resolvedLinksTo(index: NoteIndex, source: string, target: string): ResolvedLink[] {
  const note = index.getNote(source)
  return note === undefined ? [] : resolvedLinks(note).filter((entry) => entry.resolved === target)
}
