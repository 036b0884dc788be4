/**
 * Reverts one journal entry on the vault, its file changes in reverse order, never over a newer
 * edit: a file that changed since is refused and reported, the others are reverted. Each step
 * that changed something yields the change that would revert it, so an undo can be undone too.
 */
import { ConflictError, describeError, isAppError, NotFoundError, StaleWriteError } from '../errors.ts'
import type { JournalEntry, JournalFileChange } from '../store/index.ts'
import {
  ensureFolder,
  hashContent,
  listFolder,
  movePath,
  readVaultEntry,
  readVaultSettings,
  removeEmptyFolder,
  restoreFromTrash,
  type Vault,
} from '../vault/index.ts'

export type UndoVault = Pick<Vault, 'root' | 'writer' | 'locks' | 'refresh' | 'index'>

export interface UndoOptions {
  /** Where a path went through the moves and renames journaled after the entry; undefined if none. */
  movedSince?: (filePath: string) => string | undefined
}

export interface UndoOutcome {
  /** Files put back, by their path after the undo, with what was done. */
  restored: { path: string; action: string }[]
  /** Files left as they are, with the reason. */
  refused: { path: string; reason: string }[]
  /** What the undo changed, in order: recorded as the undo's own journal entry. */
  changes: JournalFileChange[]
}

interface Step {
  path: string
  action: string
  change?: JournalFileChange
}

type Current = { kind: 'missing' } | { kind: 'folder' } | { kind: 'file'; bytes: Buffer; hash: string }

const CHANGED = 'changed since; left as it is (undo never overwrites newer edits)'

const refuse = (reason: string) => new ConflictError(reason)

async function readCurrent(vault: UndoVault, filePath: string): Promise<Current> {
  const entry = await readVaultEntry(vault.root, filePath)
  return entry.kind === 'file' ? { ...entry, hash: hashContent(entry.bytes) } : entry
}

/**
 * Where a created note that is no longer at its path lives now: followed through the journaled
 * moves, else (moved outside Jasque) the one indexed note with the same bytes.
 */
async function findMovedNote(
  vault: UndoVault,
  change: JournalFileChange,
  options: UndoOptions,
): Promise<{ path: string; isCertain: boolean } | undefined> {
  const journaled = options.movedSince?.(change.path)
  if (journaled !== undefined && (await readCurrent(vault, journaled)).kind !== 'missing')
    return { path: journaled, isCertain: true }
  if (change.afterHash === undefined) return undefined
  const same = [...vault.index.notes()].filter((note) => note.hash === change.afterHash)
  return same.length === 1 && same[0] !== undefined ? { path: same[0].path, isCertain: false } : undefined
}

async function undoCreate(vault: UndoVault, change: JournalFileChange, options: UndoOptions): Promise<Step> {
  const { path } = change
  const current = await readCurrent(vault, path)
  if (current.kind === 'missing') {
    const moved = await findMovedNote(vault, change, options)
    if (moved === undefined) return { path, action: 'already gone (deleted since)' }
    const how = moved.isCertain ? '' : ', it seems (a note with the same content is there)'
    throw refuse(
      `moved or renamed to ${moved.path} since${how}; left as it is (delete it there if it should go)`,
    )
  }
  if (current.kind === 'folder') {
    return vault.locks.withLock(path, async () => {
      if ((await listFolder(vault.root, path)).length > 0)
        throw refuse('the folder is not empty; left as it is')
      await removeEmptyFolder(vault.root, path)
      await vault.refresh(path)
      return { path, action: 'removed the empty folder', change: { kind: 'delete', path } }
    })
  }
  if (change.afterHash === undefined || current.hash !== change.afterHash) throw refuse(CHANGED)
  await vault.writer.restore(path, null, current.hash)
  const isPermanent = (await readVaultSettings(vault.root)).trashOption === 'none'
  return {
    path,
    action: isPermanent ? 'deleted' : 'moved to the trash',
    change: { kind: 'delete', path, before: current.bytes, beforeHash: current.hash },
  }
}

async function undoModify(vault: UndoVault, change: JournalFileChange): Promise<Step> {
  const { path, before } = change
  if (before === undefined) throw refuse('its previous content was not kept; left as it is')
  const current = await readCurrent(vault, path)
  if (current.kind === 'missing') throw refuse('deleted since; nothing to restore into')
  if (current.kind === 'folder') throw refuse(CHANGED)
  if (change.beforeHash !== undefined && current.hash === change.beforeHash)
    return { path, action: 'already as before' }
  if (current.hash !== change.afterHash) throw refuse(CHANGED)
  await vault.writer.restore(path, before, current.hash)
  return {
    path,
    action: 'restored the previous content',
    change: {
      kind: 'modify',
      path,
      before: current.bytes,
      beforeHash: current.hash,
      afterHash: change.beforeHash ?? hashContent(before),
    },
  }
}

async function undoDelete(vault: UndoVault, change: JournalFileChange): Promise<Step> {
  const { path, before, trashPath } = change
  const current = await readCurrent(vault, path)
  if (current.kind === 'file' && change.beforeHash !== undefined && current.hash === change.beforeHash)
    return { path, action: 'already back' }
  if (current.kind !== 'missing') throw refuse('something else is at this path now; left as it is')
  if (trashPath !== undefined) {
    try {
      await vault.locks.withLock(path, async () => {
        await restoreFromTrash(vault.root, trashPath, path)
        await vault.refresh(path)
      })
      const restored = await readCurrent(vault, path)
      const afterHash = restored.kind === 'file' ? { afterHash: restored.hash } : {}
      return {
        path,
        action: `brought back from the trash (${trashPath})`,
        change: { kind: 'create', path, ...afterHash },
      }
    } catch (error) {
      // Emptied trash: the kept copy, when there is one, still brings the note back.
      if (!(error instanceof NotFoundError) || before === undefined) throw error
    }
  }
  if (before !== undefined) {
    await vault.writer.restore(path, before, null)
    return {
      path,
      action: 'recreated from the saved copy',
      change: { kind: 'create', path, afterHash: hashContent(before) },
    }
  }
  // Neither a trash item nor bytes: an empty folder was removed.
  await vault.locks.withLock(path, async () => {
    await ensureFolder(vault.root, path)
    await vault.refresh(path)
  })
  return { path, action: 'recreated the folder', change: { kind: 'create', path } }
}

async function undoMove(vault: UndoVault, change: JournalFileChange): Promise<Step> {
  const { path, fromPath } = change
  if (fromPath === undefined) throw refuse('the journal does not say where it came from')
  const current = await readCurrent(vault, path)
  if (current.kind === 'missing') {
    if ((await readCurrent(vault, fromPath)).kind !== 'missing')
      return { path: fromPath, action: 'already back' }
    throw refuse('gone since; nothing to move back')
  }
  if (current.kind === 'file' && change.afterHash !== undefined && current.hash !== change.afterHash)
    throw refuse(CHANGED)
  try {
    await movePath(vault, path, fromPath)
  } catch (error) {
    if (error instanceof ConflictError) throw refuse(`cannot move back: ${fromPath} is taken; left as it is`)
    throw error
  }
  const afterHash = current.kind === 'file' ? { afterHash: current.hash } : {}
  return {
    path: fromPath,
    action: `moved back from ${path}`,
    change: { kind: 'move', fromPath: path, path: fromPath, ...afterHash },
  }
}

const undoers = { modify: undoModify, delete: undoDelete, move: undoMove }

function reasonOf(error: unknown): string {
  if (error instanceof StaleWriteError) return CHANGED
  if (isAppError(error)) return error.message
  return `could not be undone: ${describeError(error)}`
}

/** Reverts `entry` on the vault as far as it safely can; never throws for a single file. Touches disk. */
export async function undoEntry(
  vault: UndoVault,
  entry: Pick<JournalEntry, 'changes'>,
  options: UndoOptions = {},
): Promise<UndoOutcome> {
  const outcome: UndoOutcome = { restored: [], refused: [], changes: [] }
  // A rename is moves then link rewrites at the new paths: revert the rewrites first, then move back.
  for (const change of [...entry.changes].reverse()) {
    try {
      const step =
        change.kind === 'create'
          ? await undoCreate(vault, change, options)
          : await undoers[change.kind](vault, change)
      outcome.restored.push({ path: step.path, action: step.action })
      if (step.change !== undefined) outcome.changes.push(step.change)
    } catch (error) {
      outcome.refused.push({ path: change.path, reason: reasonOf(error) })
    }
  }
  return outcome
}
