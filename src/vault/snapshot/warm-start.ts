/**
 * Fills an empty index from a snapshot, then makes it match today's walk of the vault: notes
 * whose size and mtime are unchanged stay as restored (their text is read back later, see
 * restored-note.ts), new and changed notes are parsed, deleted files dropped, and every link
 * that a new or deleted file could capture is resolved again. Obsidian's metadata cache works
 * the same way. The restore needs no walk, so it runs while the walk is still going.
 */
import path from 'node:path'
import { buildIndex } from '../build/build-index.ts'
import type { VaultFile } from '../build/walk.ts'
import { hashContent } from '../disk/content-hash.ts'
import { readFileWithStat } from '../disk/read-note-file.ts'
import { analyzeNoteText } from '../index/analyze-note.ts'
import type { FileInfo } from '../index/indexed-note.ts'
import type { NoteIndex } from '../index/note-index.ts'
import { type NoteTextLoader, RestoredNote } from '../index/restored-note.ts'
import type { DecodedSnapshot } from './snapshot-codec.ts'

export interface WarmStartOptions {
  root: string
  /** Empty. */
  index: NoteIndex
  snapshot: DecodedSnapshot
  /** Today's walk, with sizes and mtimes of every file. */
  walk: Promise<{ files: readonly VaultFile[]; folders: readonly string[] }>
  loadText: NoteTextLoader
  threads?: number
}

export interface WarmStartResult {
  notes: number
  /** New and changed notes parsed. */
  parsed: number
  /** Files of the snapshot gone from the vault. */
  removed: number
  /** Anything differs from the snapshot (files, folders): a new snapshot is worth writing. */
  changed: boolean
  failures: { path: string; error: string }[]
}

/**
 * A file modified this soon before the snapshot was captured may have changed again within the
 * same mtime tick (coarse on some file systems) without its size changing: its hash decides.
 */
const DOUBT_MS = 2000

const isSameFile = (old: FileInfo, now: VaultFile) =>
  old.size === now.size && old.mtimeMs === now.mtimeMs && old.diskPath === now.diskPath

const fileInfo = (file: VaultFile): FileInfo =>
  file.diskPath === undefined
    ? { path: file.path, size: file.size, mtimeMs: file.mtimeMs }
    : { path: file.path, diskPath: file.diskPath, size: file.size, mtimeMs: file.mtimeMs }

/** Restores the snapshot into `index` and reconciles it with the walk. */
export async function warmStart(options: WarmStartOptions): Promise<WarmStartResult> {
  const { root, index, snapshot, loadText } = options
  // The snapshot's own file set first: the restored notes' links were resolved against it.
  for (const folder of snapshot.folders) index.addFolder(folder)
  for (const file of snapshot.files) index.addFile(file)
  const restored = new Map<string, RestoredNote>()
  for (const note of snapshot.notes) {
    const { info, hash, parsed, resolved } = note
    const entry = new RestoredNote({ ...info, hash, parsed, resolved }, loadText)
    index.restoreNote(entry)
    restored.set(info.path, entry)
  }

  const walked = await options.walk
  const snapshotFiles = new Map(snapshot.files.map((file) => [file.path, file]))
  const toParse = new Set<string>()
  let changed = false
  for (const file of walked.files) {
    const old = snapshotFiles.get(file.path)
    if (old !== undefined && isSameFile(old, file)) {
      const note = restored.get(file.path)
      if (note !== undefined && file.mtimeMs >= snapshot.capturedAt - DOUBT_MS && !hasSameHash(root, note))
        toParse.add(file.path)
      else if (note === undefined && file.isNote) toParse.add(file.path)
      continue
    }
    changed = true
    if (file.isNote) toParse.add(file.path)
  }

  // Then today's file set: each file gone or new re-resolves the links that could name it.
  const present = new Set(walked.files.map((file) => file.path))
  let removed = 0
  for (const file of snapshot.files) {
    if (present.has(file.path)) continue
    index.remove(file.path)
    removed++
  }
  for (const file of walked.files) {
    const old = snapshotFiles.get(file.path)
    if (old === undefined || !isSameFile(old, file)) index.addFile(fileInfo(file))
  }
  const folders = new Set(walked.folders)
  for (const folder of snapshot.folders) {
    if (folders.has(folder)) continue
    index.removeFolder(folder)
    changed = true
  }
  for (const folder of walked.folders) {
    if (index.hasFolder(folder)) continue
    index.addFolder(folder)
    changed = true
  }

  // New and changed notes: parsed as a build would (on worker threads when there are many).
  const built = await buildIndex({
    root,
    index,
    files: walked.files,
    folders: walked.folders,
    parseOnly: toParse,
    threads: options.threads,
  })
  changed ||= removed > 0 || toParse.size > 0
  return {
    notes: built.notes,
    parsed: toParse.size - built.failures.length,
    removed,
    changed,
    failures: built.failures,
  }
}

/** Reads a restored note's file: true (and the text kept) when its bytes still hash the same. */
function hasSameHash(root: string, note: RestoredNote): boolean {
  let bytes: Buffer
  try {
    bytes = readFileWithStat(path.join(root, note.diskPath ?? note.path)).bytes
  } catch {
    return false
  }
  if (hashContent(bytes) !== note.hash) return false
  note.setText(analyzeNoteText(bytes))
  return true
}
