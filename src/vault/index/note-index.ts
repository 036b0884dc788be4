/**
 * The in-memory index of a vault: every visible file, every parsed note, and the lookups the tools
 * need (by path, name, alias, tag, backlinks) kept up to date incrementally. Holds no IO: callers
 * read files and feed bytes in. What is derived from files and notes is built on first need (see
 * ensureResolution, ensureLookups, keyIndex): a warm start that answers a name lookup or a text
 * search never needs it (at 50k notes, a quarter of a read-only CLI call).
 */

import { type LinkTargetTable, resolveFixedTarget, resolveLinkPath } from '../links/resolve-link.ts'
import { countTasksIn } from '../parse/tasks.ts'
import { comparePaths, sortedIndexOf } from '../paths/compare-paths.ts'
import { isNotePath } from '../paths/note-path.ts'
import { parentFolders } from '../paths/parent-folders.ts'
import { analyzeNote, type IndexedParse, type NoteAnalysis } from './analyze-note.ts'
import type { FileInfo, IndexedNote } from './indexed-note.ts'
import { addOnceToListMap, addToListMap, deleteFromListMap } from './multi-map.ts'
import { createQueryLookups, type QueryLookups } from './query-lookups.ts'
import type { RestoredNote } from './restored-note.ts'

export interface NoteIndexStats {
  notes: number
  files: number
  folders: number
  links: number
  unresolvedLinks: number
  tags: number
  tasks: { open: number; done: number; other: number }
}

/** Lower-cased last path segment without `.md`: the key a link and a file meet on. */
export function linkKey(pathOrTarget: string): string {
  const lower = pathOrTarget.toLowerCase()
  const name = lower.slice(lower.lastIndexOf('/') + 1)
  return name.endsWith('.md') ? name.slice(0, -3) : name
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
const fileName = (filePath: string) => filePath.slice(filePath.lastIndexOf('/') + 1)

export {
  type FileInfo,
  type IndexedNote,
  noteBytes,
  type ResolvedLink,
  resolvedLinks,
} from './indexed-note.ts'

export type NoteIndex = ReturnType<typeof createNoteIndex>

/** Creates an empty index. */
export function createNoteIndex() {
  const files = new Map<string, FileInfo>()
  const notes = new Map<string, IndexedNote>()
  // Lists, not sets: almost every name has one file, and 50k one-entry sets cost 5 MB more.
  const pathsByName = new Map<string, string[]>()
  const sortedNotes: string[] = []
  // The same notes, same order: queries walk this array instead of looking paths up.
  const sortedEntries: IndexedNote[] = []
  let version = 0
  // Changes only when a file appears or disappears: link resolutions stay valid while it holds.
  let fileSetVersion = 0
  let folderCache: { version: number; folders: string[] } | undefined
  const explicitFolders = new Set<string>()
  // Built on first need (a file appearing or disappearing, a move), then kept up to date.
  let sourcesByKey: Map<string, string[]> | undefined

  // One copy of each repeated string (link targets, tags): 650k targets at 50k notes are mostly
  // the same few thousand names, and each note's copy would otherwise be kept.
  let pool = new Map<string, string>()
  function internAll(values: string[]): void {
    if (pool.size > 1_000_000) pool = new Map()
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as string
      const known = pool.get(value)
      if (known === undefined) pool.set(value, value)
      else values[i] = known
    }
  }

  // Files, notes and explicit folders are always current. What is derived from them is built on
  // first need, then kept up to date by every change: the resolution table (paths by lower case
  // and by name) once a link must be resolved; the query lookups (folder counts, backlinks, tags,
  // aliases, totals) once a query asks; the link keys (sourcesByKey) once a file appears or goes.
  let resolution = false
  let lookups: QueryLookups | undefined
  function ensureResolution(): void {
    if (resolution) return
    resolution = true
    for (const info of files.values()) addFileResolution(info)
  }
  function ensureLookups(): QueryLookups {
    if (lookups !== undefined) return lookups
    const built = createQueryLookups()
    for (const info of files.values()) built.addFile(info.path)
    for (const note of sortedEntries) built.addNote(note)
    lookups = built
    return built
  }

  // By name, then by the whole path: a map of every lower-cased path beside pathsByName cost a
  // 50k-entry map and 50k strings for lookups that are mostly cached (fixedTargets).
  function pathOfLower(pathLower: string): string | undefined {
    const named = pathsByName.get(fileName(pathLower))
    if (named === undefined) return undefined
    for (const candidate of named) if (candidate.toLowerCase() === pathLower) return candidate
    return undefined
  }

  const table = {
    pathOf: pathOfLower,
    pathsNamed: (nameLower: string) => pathsByName.get(nameLower),
  }

  // Most links resolve the same from every note (resolveFixedTarget): cached, null for none
  // (targets are interned, so a lookup hashes nothing new) until a file appears or disappears.
  const fixedTargets = new Map<string, string | null>()
  function resolveLinks(source: string, parsed: IndexedParse): (string | undefined)[] {
    return parsed.linkTargets.map((target) => {
      let fixed = fixedTargets.get(target)
      if (fixed === undefined) {
        fixed = resolveFixedTarget(target, table)
        if (fixed === undefined) return resolveLinkPath(target, source, table).path
        fixedTargets.set(target, fixed)
      }
      return fixed ?? undefined
    })
  }

  // The keys of a note's links (each once: notes repeat links, and map work dominates).
  function linkKeys(note: IndexedNote): Set<string> {
    const keys = new Set<string>()
    for (const target of note.parsed.linkTargets) keys.add(linkKey(target))
    return keys
  }

  /** Adds a note (links resolved) to whatever is built of the query lookups and the link keys. */
  function attachNote(note: IndexedNote): void {
    lookups?.addNote(note)
    const byKey = sourcesByKey
    if (byKey === undefined) return
    for (const target of note.parsed.linkTargets) addOnceToListMap(byKey, linkKey(target), note.path)
  }

  /** Takes a note out of them again, exactly as it was added. */
  function detachNote(note: IndexedNote): void {
    lookups?.removeNote(note)
    const byKey = sourcesByKey
    if (byKey === undefined) return
    for (const key of linkKeys(note)) deleteFromListMap(byKey, key, note.path)
  }

  function keyIndex(): Map<string, string[]> {
    if (sourcesByKey !== undefined) return sourcesByKey
    const built = new Map<string, string[]>()
    for (const note of notes.values()) for (const key of linkKeys(note)) addToListMap(built, key, note.path)
    sourcesByKey = built
    return built
  }

  /** Re-resolves the links of every note that has a link which could name a file with `key`. */
  function reresolve(key: string): void {
    if (notes.size === 0) return
    const sources = keyIndex().get(key)
    if (sources === undefined) return
    ensureResolution()
    for (const source of [...sources]) {
      const note = notes.get(source)
      if (note === undefined) continue
      detachNote(note)
      note.resolved = resolveLinks(source, note.parsed)
      attachNote(note)
    }
  }

  /** Registers a file (note or attachment) by path; returns true when it is new. */
  function addFile(info: FileInfo): boolean {
    version++
    const existing = files.get(info.path)
    files.set(info.path, info)
    if (existing !== undefined) return false
    fileSetVersion++
    // Map.clear allocates a new table even when empty: 100k of them at a warm start.
    if (fixedTargets.size > 0) fixedTargets.clear()
    if (resolution) addFileResolution(info)
    lookups?.addFile(info.path)
    return true
  }

  function addFileResolution(info: FileInfo): void {
    addToListMap(pathsByName, fileName(info.path).toLowerCase(), info.path)
  }

  /** Puts `note` in the index in place of any earlier version; resolves its links when asked. */
  function insertNote(info: FileInfo, note: IndexedNote, resolve: boolean): IndexedNote {
    // A restored note is usually registered as a file already (the snapshot's file list).
    const isNew = files.get(info.path) !== info && addFile(info)
    if (resolve) ensureResolution()
    const previous = notes.get(info.path)
    if (previous !== undefined) detachNote(previous)
    if (resolve) note.resolved = resolveLinks(info.path, note.parsed)
    notes.set(info.path, note)
    const last = sortedNotes[sortedNotes.length - 1]
    // Builds and restores add notes in path order: appending needs no search.
    const at =
      last === undefined || comparePaths(last, info.path) < 0
        ? sortedNotes.length
        : sortedIndexOf(sortedNotes, info.path)
    if (at === sortedNotes.length) {
      sortedNotes.push(info.path)
      sortedEntries.push(note)
    } else if (sortedNotes[at] === info.path) sortedEntries[at] = note
    else {
      sortedNotes.splice(at, 0, info.path)
      sortedEntries.splice(at, 0, note)
    }
    version++
    attachNote(note)
    if (isNew) reresolve(linkKey(info.path))
    return note
  }

  return {
    /** Registers a file without reading it (a note stays unparsed until upsertNote). */
    addFile(info: FileInfo): void {
      // No note yet (a restore registers every file first): nothing to re-resolve.
      if (addFile(info) && notes.size > 0) reresolve(linkKey(info.path))
    },

    /** Parses a note's bytes and (re)indexes it; returns the indexed note. */
    upsertNote(info: FileInfo, bytes: Uint8Array): IndexedNote {
      return this.upsertAnalyzed(info, analyzeNote(info.path, bytes))
    },

    /**
     * (Re)indexes a note analysed elsewhere. `resolved`: its links already resolved against the
     * current file set (the initial build's workers do it); its strings are then taken as they are.
     */
    upsertAnalyzed(info: FileInfo, analysis: NoteAnalysis, resolved?: (string | undefined)[]): IndexedNote {
      const { parsed } = analysis
      if (resolved === undefined) {
        internAll(parsed.linkTargets)
        internAll(parsed.tags)
      }
      const { caseOffsets, caseBytes, content } = analysis
      // Every field in one literal, always in the same order: 50k notes share one compact shape
      // (spreads and optional fields gave each note a separate property array: 4 MB more).
      const note: IndexedNote = {
        path: info.path,
        diskPath: info.diskPath,
        size: info.size,
        mtimeMs: info.mtimeMs,
        hash: analysis.hash,
        parsed,
        resolved: resolved ?? [],
        lower: toBuffer(analysis.lower),
        caseOffsets,
        caseBytes,
        content,
        taskCount: parsed.tasks.length,
        openTaskCount: countTasksIn(parsed.tasks, 'open'),
        doneTaskCount: countTasksIn(parsed.tasks, 'done'),
        nameKeys: undefined,
      }
      return insertNote(info, note, resolved === undefined)
    },

    /**
     * Indexes a note restored from a snapshot, links resolved as they are (valid for the file set
     * the snapshot was taken with: callers then add and remove files to reach today's set).
     */
    restoreNote(note: RestoredNote): IndexedNote {
      return insertNote(note, note, false)
    },

    /** Forgets a file or note; returns false when it was not indexed. */
    remove(filePath: string): boolean {
      const info = files.get(filePath)
      if (info === undefined) return false
      version++
      fileSetVersion++
      if (fixedTargets.size > 0) fixedTargets.clear()
      files.delete(filePath)
      if (resolution) {
        deleteFromListMap(pathsByName, fileName(filePath).toLowerCase(), filePath)
      }
      lookups?.removeFile(filePath)
      const note = notes.get(filePath)
      if (note !== undefined) {
        notes.delete(filePath)
        const at = sortedIndexOf(sortedNotes, filePath)
        if (sortedNotes[at] === filePath) {
          sortedNotes.splice(at, 1)
          sortedEntries.splice(at, 1)
        }
        detachNote(note)
      }
      reresolve(linkKey(filePath))
      return true
    },

    /** Records a folder (also empty ones). */
    addFolder(folder: string): void {
      version++
      // Every ancestor is a folder too.
      for (let at = folder.length; at > 0; at = folder.lastIndexOf('/', at - 1))
        explicitFolders.add(folder.slice(0, at))
    },

    removeFolder(folder: string): void {
      version++
      for (const known of [...explicitFolders]) {
        if (known === folder || known.startsWith(`${folder}/`)) explicitFolders.delete(known)
      }
    },

    getNote: (filePath: string) => notes.get(filePath),
    getFile: (filePath: string) => files.get(filePath),
    hasFile: (filePath: string) => files.has(filePath),
    isNote: (filePath: string) => notes.has(filePath) || (files.has(filePath) && isNotePath(filePath)),
    pathOfLower(pathLower: string): string | undefined {
      ensureResolution()
      return pathOfLower(pathLower)
    },
    notes: () => notes.values(),
    noteCount: () => notes.size,
    fileCount: () => files.size,
    files: () => files.values(),
    /** Every note path in code-point order (do not mutate). */
    sortedNotePaths: (): readonly string[] => sortedNotes,
    /** Every note in path order, aligned with sortedNotePaths (do not mutate). */
    sortedNotes: (): readonly IndexedNote[] => sortedEntries,
    /** Changes whenever a file, folder or note changes: for caches derived from the index. */
    version: () => version,
    /** Changes whenever a file appears or disappears (link resolutions may change then). */
    fileSetVersion: () => fileSetVersion,
    hasFolder(folder: string): boolean {
      if (folder === '' || explicitFolders.has(folder)) return true
      if (lookups !== undefined) return lookups.hasFilesIn(folder)
      // Without the lookups (a one-shot command), a scan of the paths costs less than building them.
      const prefix = `${folder}/`
      for (const filePath of files.keys()) if (filePath.startsWith(prefix)) return true
      return false
    },
    /** Every folder path (explicit or holding files), sorted. */
    folders(): readonly string[] {
      if (folderCache === undefined || folderCache.version !== version) {
        // Without the lookups (a snapshot written by a one-shot command), from the paths.
        const withFiles = lookups?.foldersWithFiles() ?? parentFolders(files.keys())
        folderCache = {
          version,
          folders: [...new Set([...explicitFolders, ...withFiles])].sort(comparePaths),
        }
      }
      return folderCache.folders
    },
    resolve(target: string, sourcePath: string) {
      ensureResolution()
      return resolveLinkPath(target, sourcePath, table)
    },
    /** Notes with at least one link resolving to `filePath` (excluding same-note heading links). */
    backlinkSources(filePath: string): readonly string[] {
      return ensureLookups().backlinkSources(filePath)
    },
    /** Notes with a link whose last segment (lower case, no `.md`) is `key`: those a file named so could capture. */
    sourcesLinkingKey: (key: string): readonly string[] => keyIndex().get(key) ?? [],
    /** The lookups link resolution uses, as the index stands. */
    linkTable(): LinkTargetTable {
      ensureResolution()
      return table
    },
    notesWithTag(tagLower: string): ReadonlySet<string> {
      return ensureLookups().notesWithTag(tagLower)
    },
    /** Lower-cased tag → first-seen casing. */
    tags(): ReadonlyMap<string, string> {
      return ensureLookups().tags()
    },
    notesWithAlias(aliasLower: string): ReadonlySet<string> {
      return ensureLookups().notesWithAlias(aliasLower)
    },

    stats(): NoteIndexStats {
      const built = ensureLookups()
      const totals = built.totals()
      return {
        notes: notes.size,
        files: files.size,
        folders: this.folders().length,
        links: totals.links,
        unresolvedLinks: totals.unresolved,
        tags: built.tags().size,
        tasks: { open: totals.open, done: totals.done, other: totals.other },
      }
    },
  }
}
