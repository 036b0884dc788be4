/**
 * Tag lookups over the index: notes carrying tags (a tag matches its children) and tag counts.
 * Tags are compared case-insensitively without the leading `#`.
 */

import type { NoteIndex } from '../index/note-index.ts'
import { comparePaths } from '../paths/compare-paths.ts'
import type { Scope } from './scope.ts'

/** `#Project/Alpha ` → `project/alpha`. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, '').normalize('NFC').toLowerCase()
}

// Sorted notes per tag (children included), rebuilt when the index changes: sorting the notes of
// a common tag costs more than the whole lookup budget at 50k notes.
const sortedCache = new WeakMap<NoteIndex, { version: number; byTag: Map<string, string[]> }>()

function sortedNotesWithTag(index: NoteIndex, tagLower: string): string[] {
  let cache = sortedCache.get(index)
  if (cache === undefined || cache.version !== index.version()) {
    cache = { version: index.version(), byTag: new Map() }
    sortedCache.set(index, cache)
  }
  const cached = cache.byTag.get(tagLower)
  if (cached !== undefined) return cached
  const found = new Set(index.notesWithTag(tagLower))
  const prefix = `${tagLower}/`
  for (const known of index.tags().keys()) {
    if (known.startsWith(prefix)) for (const notePath of index.notesWithTag(known)) found.add(notePath)
  }
  const sorted = [...found].sort(comparePaths)
  cache.byTag.set(tagLower, sorted)
  return sorted
}

/** Note paths in scope carrying any (or all) of `tags`, in path order. */
export function findByTag(
  index: NoteIndex,
  tags: readonly string[],
  match: 'any' | 'all',
  scope: Scope,
): string[] {
  const wanted = [...new Set(tags.map(normalizeTag).filter((tag) => tag !== ''))]
  if (wanted.length === 0) return []
  const lists = wanted.map((tag) => sortedNotesWithTag(index, tag))
  let result: readonly string[]
  if (lists.length === 1) result = lists[0] as string[]
  else if (match === 'all') {
    const [smallest, ...rest] = [...lists].sort((a, b) => a.length - b.length) as [string[], ...string[][]]
    const others = rest.map((list) => new Set(list))
    result = smallest.filter((notePath) => others.every((set) => set.has(notePath)))
  } else result = [...new Set(lists.flat())].sort(comparePaths)
  if (scope.kind === 'vault' && scope.excluded().size === 0) return [...result]
  return result.filter((notePath) => scope.includes(notePath))
}

export interface TagCount {
  tag: string
  count: number
}

/** Every tag in scope with the number of notes carrying it, by count desc then name. */
export function countTags(index: NoteIndex, scope: Scope): TagCount[] {
  const counts = new Map<string, number>()
  if (scope.kind === 'vault') {
    for (const tagLower of index.tags().keys()) counts.set(tagLower, index.notesWithTag(tagLower).size)
    for (const notePath of scope.excluded()) {
      for (const tag of index.getNote(notePath)?.parsed.tags ?? []) {
        const lower = tag.toLowerCase()
        counts.set(lower, (counts.get(lower) ?? 1) - 1)
      }
    }
  } else {
    for (const notePath of scope.paths()) {
      for (const tag of index.getNote(notePath)?.parsed.tags ?? []) {
        const lower = tag.toLowerCase()
        counts.set(lower, (counts.get(lower) ?? 0) + 1)
      }
    }
  }
  const display = index.tags()
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([lower, count]) => ({ tag: display.get(lower) ?? lower, count }))
    .sort((a, b) => b.count - a.count || comparePaths(a.tag.toLowerCase(), b.tag.toLowerCase()))
}
