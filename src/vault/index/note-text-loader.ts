/**
 * Reads a restored note's text back from disk for the index. The note's size, mtime and hash
 * are checked against the bytes read: a note changed since the index saw it (an edit the watcher
 * has not applied yet, or one the warm start could not see by size and mtime) is reported so the
 * caller re-indexes it; the fresher text is used meanwhile.
 */
import path from 'node:path'
import { hashContent } from '../disk/content-hash.ts'
import { readFileWithStat } from '../disk/read-note-file.ts'
import { analyzeNoteText, type NoteText } from './analyze-note.ts'
import type { IndexedNote } from './indexed-note.ts'
import type { NoteTextLoader } from './restored-note.ts'

const EMPTY: NoteText = { lower: new Uint8Array(0) }

/** A loader for the notes of the vault at `root`; `onStale` gets notes whose file no longer matches. */
export function createNoteTextLoader(root: string, onStale: (note: IndexedNote) => void): NoteTextLoader {
  return (note) => {
    let file: ReturnType<typeof readFileWithStat>
    try {
      file = readFileWithStat(path.join(root, note.diskPath ?? note.path))
    } catch {
      onStale(note)
      return EMPTY
    }
    if (file.size !== note.size || file.mtimeMs !== note.mtimeMs || hashContent(file.bytes) !== note.hash)
      onStale(note)
    return analyzeNoteText(file.bytes)
  }
}
