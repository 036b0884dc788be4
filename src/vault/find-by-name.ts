/**
 * Finds notes by name the way a wikilink names them: normalised names compared in tiers (exact
 * file name, alias, file name contains, title equals or contains).
 */
import { InvalidInputError } from '../errors.ts'
import type { IndexedNote, NoteIndex } from './note-index.ts'
import type { Scope } from './scope.ts'

export type NameMatchTier = 'filename' | 'alias' | 'filename_contains' | 'title'

export interface NameMatch {
  path: string
  tier: NameMatchTier
}

/**
 * Normalises a name for comparison: no `.md`, no leading `_`, no `. , ? ! ' ’`, case-folded,
 * `-` `_` and spaces treated alike, runs of spaces collapsed.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/\.md$/i, '')
    .replace(/^_+/, '')
    .replace(/[.,?!'’]/g, '')
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim()
}

interface NameKeys {
  name: string
  title: string
  aliases: string[]
}

const keysCache = new WeakMap<IndexedNote, NameKeys>()
// Keys of every note in index order, rebuilt (from the per-note cache) when the index changes.
const indexCache = new WeakMap<NoteIndex, { version: number; keys: NameKeys[] }>()

function keysInOrder(index: NoteIndex): NameKeys[] {
  const cached = indexCache.get(index)
  if (cached !== undefined && cached.version === index.version()) return cached.keys
  const keys = index.sortedNotes().map(keysOf)
  indexCache.set(index, { version: index.version(), keys })
  return keys
}

function keysOf(note: IndexedNote): NameKeys {
  let keys = keysCache.get(note)
  if (keys === undefined) {
    const fileName = note.path.slice(note.path.lastIndexOf('/') + 1)
    keys = {
      name: normalizeName(fileName),
      title: normalizeName(note.parsed.title),
      aliases: note.parsed.aliases.map(normalizeName),
    }
    keysCache.set(note, keys)
  }
  return keys
}

const TIER_ORDER: Record<NameMatchTier, number> = { filename: 0, alias: 1, filename_contains: 2, title: 3 }

/** All matches in scope, best tier first, then shorter path, then path order. Throws on an empty query. */
export function findByName(index: NoteIndex, query: string, scope: Scope): NameMatch[] {
  const wanted = normalizeName(query)
  if (wanted === '') {
    throw new InvalidInputError(`The name "${query}" is empty once normalised; give part of a note's name.`)
  }
  const matches: NameMatch[] = []
  const allKeys = keysInOrder(index)
  const paths = index.sortedNotePaths()
  scope.forEachPosition((position) => {
    const keys = allKeys[position] as NameKeys
    let tier: NameMatchTier | undefined
    if (keys.name === wanted) tier = 'filename'
    else if (keys.aliases.includes(wanted)) tier = 'alias'
    else if (keys.name.includes(wanted)) tier = 'filename_contains'
    else if (keys.title.includes(wanted)) tier = 'title'
    if (tier !== undefined) matches.push({ path: paths[position] as string, tier })
  })
  // Paths arrive in code-point order and the sort is stable, so ties keep that order.
  return matches.sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.path.length - b.path.length)
}
