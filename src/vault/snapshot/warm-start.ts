/**
 * Fills an empty index from a snapshot, then makes it match today's walk of the vault: notes
 * whose size and mtime are unchanged stay as restored (their text is read back later, see
 * restored-note.ts), new and changed notes are parsed, deleted files dropped, and every link
 * that a new or deleted file could capture is resolved again. Obsidian's metadata cache works
 * the same way. The restore needs no walk, so it runs while the walk is still going.
 */
import path from 'node:path'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { buildIndex } from '../build/build-index.ts'
import type { VaultFile } from '../build/walk.ts'
import { hashContent } from '../disk/content-hash.ts'
import { readFileWithStat } from '../disk/read-note-file.ts'
import { analyzeNoteText } from '../index/analyze-note.ts'
import type { FileInfo } from '../index/indexed-note.ts'
import type { NoteIndex } from '../index/note-index.ts'
import { RestoredNote } from '../index/restored-note.ts'
import { comparePaths } from '../paths/compare-paths.ts'
import type { DecodedSnapshot } from './snapshot-codec.ts'

export interface WarmStartOptions {
  root: string
  /** Empty. */
  index: NoteIndex
  snapshot: DecodedSnapshot
  /** Today's walk, with sizes and mtimes of every file (sorted by path, as walkVault returns it). */
  walk: Promise<{ files: readonly VaultFile[]; folders: readonly string[] }>
  threads?: number
}

export interface WarmStartResult {
  notes: number
  /** New and changed notes parsed. */
  parsed: number
  /** Files of the snapshot gone from the vault. */
  removed: number
  /** Files in the vault the snapshot did not have. */
  added: number
  /** Anything differs from the snapshot (files, folders): a new snapshot is worth writing. */
  changed: boolean
  failures: { path: string; error: string }[]
}

/**
 * A file modified this soon before the snapshot was captured may have changed again within the
 * same mtime tick (coarse on some file systems) without its size changing: its hash decides.
 */
const DOUBT_MS = 2000
/** Fewer changed notes than this are parsed here, one by one; more go to buildIndex's workers. */
const INLINE_PARSE_MAX = 2000
const PARSE_SLICE = 128

const isSameFile = (old: FileInfo, now: VaultFile) =>
  old.size === now.size && old.mtimeMs === now.mtimeMs && old.diskPath === now.diskPath

const fileInfo = (file: VaultFile): FileInfo =>
  file.diskPath === undefined
    ? { path: file.path, size: file.size, mtimeMs: file.mtimeMs }
    : { path: file.path, diskPath: file.diskPath, size: file.size, mtimeMs: file.mtimeMs }

/** Fills an empty index with the snapshot as it was taken (its own file set first: the restored notes' links were resolved against it). */
export function restoreSnapshot(index: NoteIndex, snapshot: DecodedSnapshot): void {
  for (const folder of snapshot.folders) index.addFolder(folder)
  for (const file of snapshot.files) index.addFile(file)
  for (const note of snapshot.notes) index.restoreNote(note)
}

/** Restores the snapshot into `index` and reconciles it with the walk. */
export async function warmStart(options: WarmStartOptions): Promise<WarmStartResult> {
  const { root, index, snapshot } = options
  restoreSnapshot(index, snapshot)

  const walked = await options.walk
  // Both lists are sorted by path: one pass pairs them. Files gone and new re-resolve the links
  // that could name them (the index does it as each is removed or added).
  const toParse: VaultFile[] = []
  const before = snapshot.files
  const now = walked.files
  let removed = 0
  let added = 0
  let changed = false
  for (let i = 0, j = 0; i < before.length || j < now.length; ) {
    const old = before[i]
    const file = now[j]
    const order = old === undefined ? 1 : file === undefined ? -1 : comparePaths(old.path, file.path)
    if (order < 0) {
      index.remove((old as FileInfo).path)
      removed++
      i++
      continue
    }
    const current = file as VaultFile
    j++
    if (order === 0) {
      i++
      if (isSameFile(old as FileInfo, current)) {
        if (old instanceof RestoredNote) {
          if (current.mtimeMs >= snapshot.capturedAt - DOUBT_MS && !hasSameHash(root, old))
            toParse.push(current)
        } else if (current.isNote) toParse.push(current)
        continue
      }
    }
    changed = true
    if (order > 0) added++
    index.addFile(fileInfo(current))
    if (current.isNote) toParse.push(current)
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

  // New and changed notes: parsed here when few, else as a build would, on worker threads.
  const failures =
    toParse.length < INLINE_PARSE_MAX
      ? await parseInline(root, index, toParse)
      : (
          await buildIndex({
            root,
            index,
            files: walked.files,
            folders: walked.folders,
            parseOnly: new Set(toParse.map((file) => file.path)),
            threads: options.threads,
          })
        ).failures
  changed ||= removed > 0 || toParse.length > 0
  return {
    notes: index.noteCount(),
    parsed: toParse.length - failures.length,
    removed,
    added,
    changed,
    failures,
  }
}

/** Reads and indexes `files` one by one (links resolved by the index), yielding between slices. */
async function parseInline(
  root: string,
  index: NoteIndex,
  files: readonly VaultFile[],
): Promise<{ path: string; error: string }[]> {
  const failures: { path: string; error: string }[] = []
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as VaultFile
    try {
      const read = readFileWithStat(path.join(root, file.diskPath ?? file.path))
      const info = { ...fileInfo(file), size: read.size, mtimeMs: read.mtimeMs }
      index.upsertNote(info, read.bytes)
    } catch (error) {
      failures.push({ path: file.path, error: (error as Error).message })
      index.remove(file.path)
    }
    if ((i + 1) % PARSE_SLICE === 0) await yieldToLoop()
  }
  return failures
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
