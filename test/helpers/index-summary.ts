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
      // Field by field: a restored note decodes tasks and links on first use (getters, which a
      // spread would leave out).
      parsed: {
        title: note.parsed.title,
        aliases: note.parsed.aliases,
        tags: note.parsed.tags,
        tasks: note.parsed.tasks,
        linkTargets: note.parsed.linkTargets,
        linkData: [...note.parsed.linkData],
        ...(note.parsed.frontmatterError === undefined
          ? {}
          : { frontmatterError: note.parsed.frontmatterError }),
      },
      resolved: note.resolved.map((target) => target ?? null),
      text: noteBytes(note).toString('utf8'),
      backlinks: [...index.backlinkSources(note.path)].sort(),
    })),
  }
}
