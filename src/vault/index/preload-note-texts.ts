/**
 * Reads the texts of restored notes back from disk in small slices after a warm start, so the
 * first text search does not have to; the event loop turns between slices.
 */
import type { NoteIndex } from './note-index.ts'
import { RestoredNote } from './restored-note.ts'

const SLICE = 64

/** Starts loading; returns a function that stops it. */
export function preloadNoteTexts(index: NoteIndex): () => void {
  const notes = [...index.sortedNotes()]
  let next = 0
  let timer: NodeJS.Immediate | undefined
  const step = () => {
    const end = Math.min(notes.length, next + SLICE)
    for (; next < end; next++) {
      const note = notes[next]
      // Touching the text loads it (see RestoredNote); notes replaced since need nothing.
      if (note instanceof RestoredNote && !note.hasText() && index.getNote(note.path) === note)
        void note.lower
    }
    timer = next < notes.length ? setImmediate(step) : undefined
  }
  timer = setImmediate(step)
  return () => {
    if (timer !== undefined) clearImmediate(timer)
    timer = undefined
  }
}
