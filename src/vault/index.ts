/** The vault engine: a vault on disk seen exactly as Obsidian sees it, with a live in-memory index. */

/** Lists visible files and folders without leaving the vault. */
export { type VaultFile, walkVault } from './build/walk.ts'
/** Base rows, as the Bases operations see a file (the functions come from loadObsidianConventions). */
export type { BaseFileRow } from './conventions/base-values.ts'
/** Atomic file replacement (temp file, fsync, rename) and clean-up of leftovers. Touches disk. */
export { atomicWrite, cleanupTempFiles } from './disk/atomic-write.ts'
/** The `hash` of a note's bytes, as `read` returns it and `expected_hash` checks it. */
export { hashContent } from './disk/content-hash.ts'
/** Folder operations on a path inside the vault about to change: create, list, remove when empty. Touch disk. */
export {
  createFolder,
  ensureFolder,
  listFilesBelow,
  listFolder,
  removeEmptyFolder,
} from './disk/folders.ts'
/** Moves a file or folder under path locks, refusing an existing destination. Touches disk. */
export { type MovableVault, movePath } from './disk/move-path.ts'
/** Reads, creates, edits, deletes and restores notes on disk, atomically and under per-path locks. */
export {
  createNoteWriter,
  type DeleteOutcome,
  type NoteSnapshot,
  type NoteWriter,
  type WriteOutcome,
} from './disk/note-writer.ts'
/** Per-path async locks. */
export { createPathLocks, type PathLocks } from './disk/path-lock.ts'
/** The vault's trash (`.obsidian/app.json` trashOption): move in, restore out. Touches disk. */
export { moveToTrash, restoreFromTrash, TRASH_FOLDER } from './disk/trash.ts'
/** What is at a vault path right now (folder, file bytes, nothing), and an indexed file's bytes. Touches disk. */
export { readIndexedFile, readVaultEntry, type VaultEntry } from './disk/vault-entry.ts'
/** Jasque's own small text files in the vault (the preferences note): stat, read, create if missing. Touches disk. */
export { createVaultText, readVaultText, statVaultPath, type VaultPathStat } from './disk/vault-text-file.ts'
/** Frontmatter: locate and parse it, and set or delete keys keeping comments and order (pure; updateFrontmatter throws InvalidInputError on invalid YAML). */
export { locateFrontmatter, parseFrontmatter, updateFrontmatter } from './frontmatter/frontmatter.ts'
/** The in-memory index (no IO): files, notes, links, tags, aliases, tasks. */
export {
  createNoteIndex,
  type IndexedNote,
  type NoteIndex,
  type NoteIndexStats,
  noteBytes,
  type ResolvedLink,
  resolvedLinks,
} from './index/note-index.ts'
/** Plans link rewrites for moves (pure). */
export { chooseLinkText, type FileMove, planNoteRewrite, tableAfterMoves } from './links/link-update-plan.ts'
/** Moves a note or folder and rewrites every link that must change to keep pointing at the same file. Touches disk. */
export { type MoveChange, type MoveOptions, type MoveResult, moveWithLinks } from './links/move-with-links.ts'
/**
 * Obsidian's daily notes, templates, property types and Bases (see conventions/obsidian-conventions.ts),
 * loaded on first use: they bring Moment.js and jsep, which most starts never need.
 */
export const loadObsidianConventions = () => import('./conventions/obsidian-conventions.ts')
export type { ObsidianConfig } from './conventions/obsidian-config.ts'
export type { PropertyType } from './conventions/property-types.ts'
/** Link resolution as Obsidian does it (pure). */
export { type LinkResolution, resolveLinkPath } from './links/resolve-link.ts'
/** BOM and line-ending preservation through edits (pure). */
export { applyTextStyle, type DecodedNote, decodeNote, encodeNote } from './parse/line-endings.ts'
/** Parses a note's text: frontmatter, title, aliases, tags, links, headings, tasks (pure). */
export { parseNote } from './parse/parse-note.ts'
export type { FrontmatterBlock, Heading, NoteLink, ParsedNote, SourceRange, Task } from './parse/types.ts'
/** Code-point order for paths and sorted-list helpers. */
export { comparePaths } from './paths/compare-paths.ts'
/** Whether a path is a note (`.md`, any case) rather than an attachment (pure). */
export { isNotePath } from './paths/note-path.ts'
/** The path rules: what a vault-relative path may be (pure) and where it lands on disk (checks symlinks). */
export { normalizeVaultPath, resolveInsideVault } from './paths/paths.ts'
/** Backlinks of a note, in path order, optionally with the links themselves. Reads only the index. */
export { type Backlink, getBacklinks } from './query/backlinks.ts'
/** Finds notes by name in tiers (file name, alias, contains, title); throws InvalidInputError on an empty name. */
export { findByName, type NameMatch, type NameMatchTier, normalizeName } from './query/find-by-name.ts'
/** Which notes a query covers: a folder or note minus excluded folders (`_jasque/` always). */
export {
  createScope,
  JASQUE_FOLDER,
  normalizeExclusion,
  type Scope,
  type ScopeOptions,
} from './query/scope.ts'
/** Case-insensitive full-text search over the index; never reads files. */
export { searchText, type TextSearchHit, type TextSearchResult } from './query/search-text.ts'
/** Tag lookups: notes by tag (children included) and tag counts. */
export { countTags, findByTag, normalizeTag, type TagCount } from './query/tag-queries.ts'
/** Tasks in scope by path then line. */
export { listTasks, type TaskHit, type TaskListResult } from './query/task-queries.ts'
/** Opens a vault: `start()` builds the index and watches the disk. Touches disk. */
export { createVault, type Vault, type VaultBuildStats, type VaultOptions } from './vault.ts'
/** The vault's own settings from `.obsidian/app.json` (link format, trash); defaults when absent. */
export { readVaultSettings, type VaultSettings } from './vault-settings.ts'
