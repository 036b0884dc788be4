/** An in-memory Journal for tool tests: entries land in the given array, oldest first. */

import type { Journal, JournalEntry, JournalEntryInput } from '../../src/store/index.ts'

export type MemoryEntry = JournalEntryInput & { id: string; undoneAt?: Date; undoneBy?: string }

/**
 * Records into `entries` with ids from `makeId(count)` (they must sort by time, as the store's do);
 * extend appends changes and paths in place; the reads list and mark the same array.
 */
export function createMemoryJournal(entries: MemoryEntry[], makeId: (count: number) => string): Journal {
  const createdAt = new Map<string, Date>()
  const asEntry = (entry: MemoryEntry): JournalEntry => ({
    ...entry,
    createdAt: createdAt.get(entry.id) ?? new Date(0),
  })
  const newest = (includeUndone: boolean) =>
    entries
      .filter((entry) => includeUndone || entry.undoneAt === undefined)
      .toReversed()
      .map(asEntry)
  return {
    async record(input) {
      const entry = {
        ...input,
        paths: [...input.paths],
        changes: [...input.changes],
        id: makeId(entries.length + 1),
      }
      entries.push(entry)
      createdAt.set(entry.id, new Date())
      return asEntry(entry)
    },
    async extend(id, changes, { summary } = {}) {
      const entry = entries.find((candidate) => candidate.id === id)
      if (entry === undefined) throw new Error(`no entry ${id}`)
      entry.changes.push(...changes)
      const paths = changes.flatMap((change) =>
        change.fromPath === undefined ? [change.path] : [change.fromPath, change.path],
      )
      entry.paths = [...new Set([...entry.paths, ...paths])]
      if (summary !== undefined) entry.summary = summary
    },
    async listNewest({ limit, includeUndone = true }) {
      return newest(includeUndone).slice(0, limit)
    },
    async get(id) {
      const entry = entries.find((candidate) => candidate.id === id)
      return entry === undefined ? undefined : asEntry(entry)
    },
    async markUndone(id, { undoneBy } = {}) {
      const entry = entries.find((candidate) => candidate.id === id)
      if (entry === undefined || entry.undoneAt !== undefined) return false
      entry.undoneAt = new Date()
      if (undoneBy !== undefined) entry.undoneBy = undoneBy
      return true
    },
    async newestUndoable() {
      return newest(false)[0]
    },
  }
}
