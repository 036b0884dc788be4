/** An in-memory ChangeRecorder for tool tests: entries land in the given array, oldest first. */

import type { JournalEntryInput } from '../../src/store/index.ts'
import type { ChangeRecorder } from '../../src/tools/define-tool.ts'

export type MemoryEntry = JournalEntryInput & { id: string }

/** Records into `entries` with ids from `makeId(count)`; extend appends changes and paths in place. */
export function createMemoryJournal(
  entries: MemoryEntry[],
  makeId: (count: number) => string,
): ChangeRecorder {
  return {
    async record(input) {
      const entry = {
        ...input,
        paths: [...input.paths],
        changes: [...input.changes],
        id: makeId(entries.length + 1),
      }
      entries.push(entry)
      return entry
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
  }
}
