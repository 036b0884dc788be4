/**
 * The text of a file right after a journaled change. The journal keeps bytes from before each
 * change only, so the after side comes from the file as it is now (when its hash still matches,
 * following later moves) or from a later change whose before-image has that hash (a later edit, or
 * the undo of this one).
 */
import path from 'node:path'
import type { Journal, JournalEntrySummary, JournalFileChangeSummary } from '../store/index.ts'
import { hashContent, readIndexedFile, resolveInsideVault } from '../vault/index.ts'

/** How many of the newest entries are searched for the later state of a file. */
const LATER_ENTRIES_LOOKED_AT = 500

export interface AfterTextFinder {
  /** The bytes of the file after `change` of entry `entryId`; undefined when nothing kept them. */
  find(entryId: string, change: JournalFileChangeSummary): Promise<Uint8Array | undefined>
}

async function readVaultFile(root: string, filePath: string): Promise<Buffer | undefined> {
  try {
    const target = await resolveInsideVault(root, filePath, { realRoot: root })
    return await readIndexedFile(root, path.relative(root, target).split(path.sep).join('/'))
  } catch {
    return undefined
  }
}

/** Where `start` went through the moves journaled after entry `entryId`, oldest first. */
function followMoves(later: JournalEntrySummary[], start: string): string[] {
  const seen = [start]
  let current = start
  for (const entry of [...later].reverse()) {
    for (const change of entry.changes) {
      if (change.kind === 'move' && change.fromPath === current) {
        current = change.path
        seen.push(current)
      }
    }
  }
  return seen
}

/** Builds a finder over the vault at `root` and its journal (reads both; changes nothing). */
export async function createAfterTextFinder(root: string, journal: Journal): Promise<AfterTextFinder> {
  const newest = await journal.listNewest({ limit: LATER_ENTRIES_LOOKED_AT })
  return {
    async find(entryId, change) {
      const { afterHash } = change
      if (afterHash === undefined) return undefined
      const later = newest.filter((entry) => entry.id > entryId)
      for (const candidate of followMoves(later, change.path)) {
        const bytes = await readVaultFile(root, candidate)
        if (bytes !== undefined && hashContent(bytes) === afterHash) return bytes
      }
      // Oldest later entry first: the nearest state after this change.
      for (const entry of [...later].reverse()) {
        const position = entry.changes.findIndex(
          (other) => other.beforeHash === afterHash && (other.beforeSize ?? 0) > 0,
        )
        if (position === -1) continue
        const full = await journal.get(entry.id)
        const bytes = full?.changes[position]?.before
        if (bytes !== undefined) return bytes
      }
      return undefined
    },
  }
}
