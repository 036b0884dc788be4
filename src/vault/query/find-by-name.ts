/**
 * Finds notes by name the way a wikilink names them: normalised names compared in tiers (exact
 * file name, alias, file name contains, title equals or contains).
 */
import { InvalidInputError } from '../../errors.ts'
import type { IndexedNote, NameKeys } from '../index/indexed-note.ts'
import type { NoteIndex } from '../index/note-index.ts'
import type { Scope } from './scope.ts'

export type NameMatchTier = 'filename' | 'alias' | 'filename_contains' | 'title'

export interface NameMatch {
  path: string
  tier: NameMatchTier
}

const MD_EXTENSION = /\.md$/i
const PLAIN_NAME = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/

/**
 * Normalises a name for comparison: no `.md`, no leading `_`, no `. , ? ! ' ’`, case-folded,
 * `-` `_` and spaces treated alike, runs of spaces collapsed.
 */
export function normalizeName(name: string): string {
  // Most names are plain words: the rules below would change only their case (and `.md`).
  const bare = MD_EXTENSION.test(name) ? name.slice(0, -3) : name
  if (PLAIN_NAME.test(bare)) return bare.toLowerCase()
  return name
    .normalize('NFC')
    .replace(/\.md$/i, '')
    .replace(/^_+/, '')
    .replace(/[.,?!'’]/g, '')
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim()
}

/**
 * Every note's normalised name and title joined into one string each ('\n' never occurs inside
 * a normalised name), so a query is a few indexOf scans instead of 50k string compares.
 */
interface NameTable {
  names: string
  nameStarts: Int32Array
  titles: string
  titleStarts: Int32Array
  aliases: Map<string, number[]>
}

const tableCache = new WeakMap<NoteIndex, { version: number; table: NameTable }>()

/** The note's keys, computed once per indexed version of the note (kept on it, see IndexedNote.nameKeys). */
function keysOf(note: IndexedNote): NameKeys {
  if (note.nameKeys !== undefined) return note.nameKeys
  const fileName = note.path.slice(note.path.lastIndexOf('/') + 1)
  const name = normalizeName(fileName)
  const { title, aliases } = note.parsed
  // Most titles are the file name without `.md` (the title a note gets without one): they
  // normalise the same, unless the title itself ends in `.md`.
  const isFileTitle =
    (title === fileName ||
      (title.length === fileName.length - 3 && MD_EXTENSION.test(fileName) && fileName.startsWith(title))) &&
    !MD_EXTENSION.test(title)
  note.nameKeys = {
    name,
    title: isFileTitle ? name : normalizeName(title),
    aliases: aliases.length === 0 ? aliases : aliases.map(normalizeName),
  }
  return note.nameKeys
}

function joined(values: string[]): { text: string; starts: Int32Array } {
  const starts = new Int32Array(values.length + 1)
  let offset = 0
  values.forEach((value, position) => {
    starts[position] = offset
    offset += value.length + 1
  })
  starts[values.length] = offset
  return { text: values.join('\n'), starts }
}

function nameTable(index: NoteIndex): NameTable {
  const cached = tableCache.get(index)
  if (cached !== undefined && cached.version === index.version()) return cached.table
  const keys = index.sortedNotes().map((note) => keysOf(note))
  const names = joined(keys.map((key) => key.name))
  const titles = joined(keys.map((key) => key.title))
  const aliases = new Map<string, number[]>()
  keys.forEach((key, position) => {
    for (const alias of key.aliases) aliases.set(alias, [...(aliases.get(alias) ?? []), position])
  })
  const table = {
    names: names.text,
    nameStarts: names.starts,
    titles: titles.text,
    titleStarts: titles.starts,
    aliases,
  }
  tableCache.set(index, { version: index.version(), table })
  return table
}

/** The position whose slot in `starts` holds `offset`. */
function positionAt(starts: Int32Array, offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high - 1) {
    const middle = (low + high) >>> 1
    if ((starts[middle] as number) <= offset) low = middle
    else high = middle
  }
  return low
}

/** Calls `visit(position, isWhole)` once per entry of the joined text containing `wanted`. */
function scan(
  text: string,
  starts: Int32Array,
  wanted: string,
  visit: (position: number, isWhole: boolean) => void,
): void {
  let at = text.indexOf(wanted)
  while (at !== -1) {
    const position = positionAt(starts, at)
    const start = starts[position] as number
    const end = (starts[position + 1] as number) - 1
    visit(position, at === start && at + wanted.length === end)
    at = text.indexOf(wanted, end + 1)
  }
}

const TIER_ORDER: Record<NameMatchTier, number> = { filename: 0, alias: 1, filename_contains: 2, title: 3 }

/** All matches in scope, best tier first, then shorter path, then path order. Throws on an empty query. */
export function findByName(index: NoteIndex, query: string, scope: Scope): NameMatch[] {
  const wanted = normalizeName(query)
  if (wanted === '') {
    throw new InvalidInputError(`The name "${query}" is empty once normalised; give part of a note's name.`)
  }
  const table = nameTable(index)
  const best = new Map<number, NameMatchTier>()
  const offer = (position: number, tier: NameMatchTier) => {
    const current = best.get(position)
    if (current === undefined || TIER_ORDER[tier] < TIER_ORDER[current]) best.set(position, tier)
  }
  scan(table.names, table.nameStarts, wanted, (position, isWhole) =>
    offer(position, isWhole ? 'filename' : 'filename_contains'),
  )
  for (const position of table.aliases.get(wanted) ?? []) offer(position, 'alias')
  scan(table.titles, table.titleStarts, wanted, (position) => offer(position, 'title'))
  const paths = index.sortedNotePaths()
  const matches: (NameMatch & { position: number })[] = []
  for (const [position, tier] of best) {
    if (scope.hasPosition(position)) matches.push({ path: paths[position] as string, tier, position })
  }
  matches.sort(
    (a, b) =>
      TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.path.length - b.path.length || a.position - b.position,
  )
  return matches.map(({ path, tier }) => ({ path, tier }))
}
