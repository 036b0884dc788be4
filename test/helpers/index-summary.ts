/** Everything an index answers, as plain data: two indexes are equal when their summaries are. */
import { type NoteIndex, noteBytes } from '../../src/vault/index.ts'

export function summarizeIndex(index: NoteIndex) {
  return {
    stats: index.stats(),
    folders: [...index.folders()],
    files: [...index.files()].map((file) => [file.path, file.size, file.mtimeMs]).sort(),
    tags: [...index.tags()].sort(),
    notes: index.sortedNotes().map((note) => ({
      path: note.path,
      size: note.size,
      mtimeMs: note.mtimeMs,
      hash: note.hash,
      // tasks: a restored note decodes them on first use (a getter, which a spread leaves out).
      parsed: { ...note.parsed, tasks: note.parsed.tasks, linkData: [...note.parsed.linkData] },
      resolved: note.resolved.map((target) => target ?? null),
      text: noteBytes(note).toString('utf8'),
      backlinks: [...index.backlinkSources(note.path)].sort(),
    })),
  }
}
