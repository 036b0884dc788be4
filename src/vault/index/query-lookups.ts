/**
 * What queries look up beside the notes themselves: backlinks, tags, aliases, how many files each
 * folder holds, and the link and task totals. The index builds them on the first query that asks
 * (a warm start answering a name lookup never does) and from then on reports every change here.
 */
import type { IndexedNote } from './indexed-note.ts'
import { addOnceToListMap, addToSetMap, deleteFromListMap, deleteFromSetMap } from './multi-map.ts'

export interface LookupTotals {
  links: number
  unresolved: number
  open: number
  done: number
  other: number
}

export type QueryLookups = ReturnType<typeof createQueryLookups>

/** Whether a link counts as a backlink of what it resolves to (a note's own heading links do not). */
const isBacklink = (note: IndexedNote, target: string, resolved: string) =>
  resolved !== note.path || target !== ''

export function createQueryLookups() {
  const folderFileCounts = new Map<string, number>()
  // Lists, not sets: each note adds itself once per distinct target, and push is what builds cost.
  const incoming = new Map<string, string[]>()
  const notesByTag = new Map<string, Set<string>>()
  const tagDisplay = new Map<string, string>()
  const notesByAlias = new Map<string, Set<string>>()
  const totals: LookupTotals = { links: 0, unresolved: 0, open: 0, done: 0, other: 0 }

  function countFolders(filePath: string, delta: number): void {
    let slash = filePath.lastIndexOf('/')
    while (slash > 0) {
      const folder = filePath.slice(0, slash)
      const count = (folderFileCounts.get(folder) ?? 0) + delta
      if (count <= 0) folderFileCounts.delete(folder)
      else folderFileCounts.set(folder, count)
      slash = folder.lastIndexOf('/')
    }
  }

  function countTasks(note: IndexedNote, sign: 1 | -1): void {
    totals.open += sign * note.openTaskCount
    totals.done += sign * note.doneTaskCount
    totals.other += sign * (note.taskCount - note.openTaskCount - note.doneTaskCount)
  }

  return {
    addFile: (filePath: string) => countFolders(filePath, 1),
    removeFile: (filePath: string) => countFolders(filePath, -1),

    /** A note with its links resolved (note.resolved). */
    addNote(note: IndexedNote): void {
      const source = note.path
      const { linkTargets, tags, aliases } = note.parsed
      const resolvedLinks = note.resolved
      let unresolved = 0
      for (let i = 0; i < linkTargets.length; i++) {
        const resolved = resolvedLinks[i]
        if (resolved === undefined) unresolved++
        else if (isBacklink(note, linkTargets[i] as string, resolved))
          addOnceToListMap(incoming, resolved, source)
      }
      totals.links += resolvedLinks.length
      totals.unresolved += unresolved
      for (const tag of tags) {
        const lower = tag.toLowerCase()
        if (!tagDisplay.has(lower)) tagDisplay.set(lower, tag)
        addToSetMap(notesByTag, lower, source)
      }
      for (const alias of aliases) addToSetMap(notesByAlias, alias.toLowerCase(), source)
      countTasks(note, 1)
    },

    /** The note exactly as it was added (same links and resolutions). */
    removeNote(note: IndexedNote): void {
      const source = note.path
      const { linkTargets, tags, aliases } = note.parsed
      const targets = new Set<string>()
      let unresolved = 0
      for (let i = 0; i < linkTargets.length; i++) {
        const resolved = note.resolved[i]
        if (resolved === undefined) unresolved++
        else if (isBacklink(note, linkTargets[i] as string, resolved)) targets.add(resolved)
      }
      totals.links -= note.resolved.length
      totals.unresolved -= unresolved
      for (const target of targets) deleteFromListMap(incoming, target, source)
      for (const tag of tags) {
        const lower = tag.toLowerCase()
        deleteFromSetMap(notesByTag, lower, source)
        if (!notesByTag.has(lower)) tagDisplay.delete(lower)
      }
      for (const alias of aliases) deleteFromSetMap(notesByAlias, alias.toLowerCase(), source)
      countTasks(note, -1)
    },

    hasFilesIn: (folder: string) => folderFileCounts.has(folder),
    foldersWithFiles: () => folderFileCounts.keys(),
    backlinkSources: (filePath: string): readonly string[] => incoming.get(filePath) ?? [],
    notesWithTag: (tagLower: string): ReadonlySet<string> => notesByTag.get(tagLower) ?? new Set(),
    /** Lower-cased tag → first-seen casing. */
    tags: (): ReadonlyMap<string, string> => tagDisplay,
    notesWithAlias: (aliasLower: string): ReadonlySet<string> => notesByAlias.get(aliasLower) ?? new Set(),
    totals: (): Readonly<LookupTotals> => totals,
  }
}
