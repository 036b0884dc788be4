/** "Did you mean …?" for a path that names no note: close names from the index. */
import { createScope, findByName, type NoteIndex } from '../vault/index.ts'

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number
    previous[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number
      previous[j] = Math.min(
        above + 1,
        (previous[j - 1] as number) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      diagonal = above
    }
  }
  return previous[b.length] as number
}

/** Up to three existing note paths close to `wanted` (same name elsewhere, or a near spelling). */
export function suggestNotes(index: NoteIndex, wanted: string): string[] {
  const name = wanted.slice(wanted.lastIndexOf('/') + 1).replace(/\.md$/i, '')
  const suggestions = new Set<string>()
  if (name.trim() !== '') {
    try {
      for (const match of findByName(index, name, createScope(index, {})).slice(0, 3))
        suggestions.add(match.path)
    } catch {
      // An empty normalised name has no suggestions.
    }
  }
  if (suggestions.size < 3) {
    const target = wanted.toLowerCase().replace(/\.md$/, '')
    const folder = wanted.includes('/') ? wanted.slice(0, wanted.lastIndexOf('/') + 1) : ''
    const scored: [number, string][] = []
    for (const notePath of createScope(index, folder === '' ? {} : { path: folder.slice(0, -1) }).paths()) {
      const distance = editDistance(target, notePath.toLowerCase().replace(/\.md$/, ''))
      if (distance <= Math.max(2, Math.floor(target.length / 4))) scored.push([distance, notePath])
    }
    scored.sort((a, b) => a[0] - b[0])
    for (const [, notePath] of scored.slice(0, 3)) suggestions.add(notePath)
  }
  return [...suggestions].slice(0, 3)
}

/** "Note not found: P. Did you mean A?" with a hint to search when nothing is close. */
export function notFoundMessage(index: NoteIndex, notePath: string): string {
  const suggestions = suggestNotes(index, notePath)
  if (suggestions.length === 0) {
    return `Note not found: ${notePath}. Use obsidian_query_vault find_by_name or search_text to find it.`
  }
  return `Note not found: ${notePath}. Did you mean ${suggestions.join(', ')}?`
}
