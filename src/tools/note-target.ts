/**
 * Which file a manage_notes call means: the path normalised and checked (traversal, absolute,
 * NUL, hidden and root paths refused by normalizeVaultPath), `.md` added when the name has no
 * extension, and an existing note found in another letter case.
 */
import { ConflictError, InvalidInputError } from '../errors.ts'
import { type NoteIndex, normalizeVaultPath } from '../vault/index.ts'
import { findNotePath } from './query-items.ts'

// Obsidian: the file types it opens besides notes, plus common documents; a name ending in one of
// these already has an extension (and is refused as "not a note"); any other name gets `.md`, so
// "Meeting 2024.01.05" or "J. Smith" become notes as Obsidian's "new note" would make them.
const OTHER_EXTENSIONS = new Set(
  (
    'canvas base png jpg jpeg gif bmp svg webp avif heic ico tif tiff mp3 wav m4a ogg 3gp flac ' +
    'webm mp4 ogv mov mkv pdf txt json csv tsv html htm css js ts yaml yml xml zip docx xlsx pptx odt'
  ).split(' '),
)

/** `name` with `.md` appended unless it already ends in `.md` or another known extension. */
export function withNoteExtension(notePath: string): string {
  const name = notePath.slice(notePath.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  if (extension === 'md' || OTHER_EXTENSIONS.has(extension)) return notePath
  return `${notePath}.md`
}

function requirePath(input: string | undefined, operation: string): string {
  if (input === undefined || input.trim() === '') {
    throw new InvalidInputError(
      `path is required for ${operation}: give the note's path from the vault root.`,
    )
  }
  return input
}

/** The note an existing-note operation targets, in its on-disk form (it may not exist on disk). */
export function resolveNotePath(
  index: NoteIndex,
  input: string | undefined,
  operation: string,
  forMutation: boolean,
): string {
  const normalized = normalizeVaultPath(requirePath(input, operation), { forMutation, required: true })
  if (normalized === '') throw new InvalidInputError(`path must name a note, not the vault root.`)
  const candidate = withNoteExtension(normalized)
  const found = index.getNote(candidate) ? candidate : (findNotePath(index, normalized) ?? candidate)
  // Unicode: the index keys paths in NFC; the writer must name the file as it is on disk (NFD
  // names come from macOS), so the journal can undo it there too.
  return index.getFile(found)?.diskPath ?? found
}

/** The path `create` writes: `folder/path` (or `path`) with `.md`; refuses a name taken in another case. */
export function resolveNewNotePath(
  index: NoteIndex,
  folder: string | undefined,
  input: string | undefined,
): string {
  const name = requirePath(input, 'create')
  const joined = folder === undefined || folder.trim() === '' ? name : `${folder}/${name}`
  const notePath = withNoteExtension(normalizeVaultPath(joined, { forMutation: true, required: true }))
  if (index.hasFolder(notePath)) {
    throw new ConflictError(`A folder exists at ${notePath}. Choose another name for the note.`)
  }
  const other = index.pathOfLower(notePath.toLowerCase())
  if (other !== undefined && other !== notePath) {
    throw new ConflictError(
      `Note already exists: ${other} (the name differs only in case). Use operation='update' to change it, or choose another name.`,
    )
  }
  return notePath
}
