/**
 * `delete_folder`: a folder is empty only when it holds no entry at all on disk (hidden files and
 * attachments included, which the index does not show); anything else needs `force`. With a
 * trash the whole folder goes there; without one, the notes' bytes are journaled so undo can
 * recreate them, and the result says what is gone for good.
 */
import { ConflictError, NotFoundError } from '../errors.ts'
import type { JournalFileChange } from '../store/index.ts'
import {
  comparePaths,
  hashContent,
  isNotePath,
  listFilesBelow,
  listFolder,
  moveToTrash,
  readIndexedFile,
  readVaultSettings,
  removeEmptyFolder,
  type Vault,
} from '../vault/index.ts'
import type { ToolRunOutput } from './define-tool.ts'

const NAMED = 3

/** Hidden entries first (the ones nobody sees in the vault), then by name; folders end in `/`. */
function sortEntries(names: string[]): string[] {
  const isHidden = (name: string) => name.startsWith('.')
  return names.sort((a, b) => Number(isHidden(b)) - Number(isHidden(a)) || comparePaths(a, b))
}

/** `.git/, .DS_Store and 2 other entries`: a few names, then a count. */
function describeEntries(names: string[]): string {
  const sorted = sortEntries(names)
  if (sorted.length <= NAMED) {
    return sorted.length === 1
      ? (sorted[0] as string)
      : `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`
  }
  return `${sorted.slice(0, NAMED - 1).join(', ')} and ${sorted.length - (NAMED - 1)} other entries`
}

/** The notes under `folder` with their bytes now, so a permanent delete can be undone. */
async function keepNotes(vault: Vault, folder: string): Promise<JournalFileChange[]> {
  const changes: JournalFileChange[] = []
  for (const file of vault.index.files()) {
    if (!file.path.startsWith(`${folder}/`) || !isNotePath(file.path)) continue
    const bytes = await readIndexedFile(vault.root, file.diskPath ?? file.path)
    changes.push({ kind: 'delete', path: file.path, before: bytes, beforeHash: hashContent(bytes) })
  }
  return changes
}

/** Deletes `folder` (normalised, not the root); throws NotFoundError or ConflictError. Touches disk. */
export async function deleteFolder(vault: Vault, folder: string, force: boolean): Promise<ToolRunOutput> {
  if (!vault.index.hasFolder(folder) || vault.index.hasFile(folder)) {
    throw new NotFoundError(`Folder not found: ${folder}. Use operation='list_structure' to see the folders.`)
  }
  const entries = await listFolder(vault.root, folder)
  if (entries.length > 0 && !force) {
    throw new ConflictError(
      `Folder ${folder} is not empty: it holds ${describeEntries(entries)}; pass force=true to delete it with everything inside, or move its contents first.`,
    )
  }
  const settings = await readVaultSettings(vault.root)
  const isPermanent = settings.trashOption === 'none'
  const kept = isPermanent && entries.length > 0 ? await keepNotes(vault, folder) : []
  const lost = isPermanent && entries.length > 0 ? await listFilesBelow(vault.root, folder) : []
  const keptNames = new Set(kept.map((change) => change.path.slice(folder.length + 1)))
  const gone = lost.filter((file) => !keptNames.has(file.normalize('NFC')))
  const indexed = [...vault.index.files()].filter((file) => file.path.startsWith(`${folder}/`)).length
  let trashPath: string | undefined
  // An empty folder goes with rmdir: whatever appears in it meanwhile stops the delete.
  if (entries.length === 0 && isPermanent) await removeEmptyFolder(vault.root, folder)
  else trashPath = (await moveToTrash(vault.root, folder, settings)).trashPath
  await vault.refresh(folder)
  const message =
    trashPath !== undefined
      ? `Folder ${folder} moved to ${trashPath}${entries.length > 0 ? ', with everything inside' : ''}.`
      : permanentMessage(folder, entries.length, kept.length, gone)
  const folderChange: JournalFileChange = {
    kind: 'delete',
    path: folder,
    ...(trashPath === undefined ? {} : { trashPath }),
  }
  return {
    result: {
      success: true,
      operation: 'delete_folder',
      path: folder,
      message,
      affected_count: indexed,
    },
    // Undo walks the changes backwards: the folder comes back first, then the notes into it.
    changes: [...kept, folderChange],
    effects: { operation: 'delete_folder', paths: [folder] },
  }
}

/** What a permanent delete took, and what undo can bring back. */
function permanentMessage(folder: string, entries: number, notes: number, gone: string[]): string {
  const start = `Folder ${folder} deleted permanently (the vault has no trash)`
  if (entries === 0) return `${start}; it was empty.`
  const saved = notes === 1 ? '1 note' : `${notes} notes`
  if (gone.length === 0) return `${start}; undo can recreate it and its ${saved}.`
  const files = gone.length === 1 ? '1 other file' : `${gone.length} other files`
  return `${start}; undo can recreate its ${saved} but not ${files} (${describeFiles(gone)}).`
}

function describeFiles(files: string[]): string {
  const sorted = sortEntries(files)
  const shown = sorted.slice(0, 5).join(', ')
  return sorted.length > 5 ? `${shown}, …` : shown
}
