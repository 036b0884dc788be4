/**
 * Tag lookups over the index: notes carrying tags (a tag matches its children) and tag counts.
 * Tags are compared case-insensitively without the leading `#`.
 */
import { comparePaths } from './compare-paths.ts'
import type { NoteIndex } from './note-index.ts'
import type { Scope } from './scope.ts'

/** `#Project/Alpha ` → `project/alpha`. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, '').normalize('NFC').toLowerCase()
}

function notesWithTagOrChildren(index: NoteIndex, tagLower: string): Set<string> {
  const found = new Set(index.notesWithTag(tagLower))
  const prefix = `${tagLower}/`
  for (const known of index.tags().keys()) {
    if (known.startsWith(prefix)) for (const notePath of index.notesWithTag(known)) found.add(notePath)
  }
  return found
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
  const sets = wanted.map((tag) => notesWithTagOrChildren(index, tag))
  const matches = (notePath: string) =>
    match === 'all' ? sets.every((set) => set.has(notePath)) : sets.some((set) => set.has(notePath))
  const largest = Math.max(...sets.map((set) => set.size))
  if (largest * 8 > index.noteCount()) {
    // Many matches: walking the sorted notes beats sorting the matches.
    const paths = index.sortedNotePaths()
    const result: string[] = []
    scope.forEachPosition((position) => {
      const notePath = paths[position] as string
      if (matches(notePath)) result.push(notePath)
    })
    return result
  }
  const candidates = new Set(sets.flatMap((set) => [...set]))
  return [...candidates]
    .filter((notePath) => matches(notePath) && scope.includes(notePath))
    .sort(comparePaths)
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
