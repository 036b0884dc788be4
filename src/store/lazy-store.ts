/**
 * A store that opens its database on first use, for commands that may never need it (a read-only
 * `jasque tool` call opens no database at all).
 */
import { createIdGenerator } from './ids.ts'
import { type CreateStoreOptions, createStore } from './store.ts'
import type { Journal, Runs, Store } from './types.ts'

/** A Store whose database is opened (and migrated) by the first call that needs it. */
export function createLazyStore(options: CreateStoreOptions): Store {
  let opened: Promise<Store> | undefined
  // One generator for ids handed out before and after the database opens.
  const nextId = options.nextId ?? createIdGenerator()
  const now = options.now ?? (() => new Date())
  const open = () => {
    opened ??= createStore({ ...options, nextId })
    return opened
  }
  const journal: Journal = {
    record: async (input) => (await open()).journal.record(input),
    extend: async (id, changes, extendOptions) => (await open()).journal.extend(id, changes, extendOptions),
    listNewest: async (listOptions) => (await open()).journal.listNewest(listOptions),
    get: async (id) => (await open()).journal.get(id),
    markUndone: async (id, markOptions) => (await open()).journal.markUndone(id, markOptions),
    newestUndoable: async () => (await open()).journal.newestUndoable(),
  }
  const runs: Runs = {
    newId: () => nextId(now()),
    record: async (run) => (await open()).runs.record(run),
    listNewest: async (listOptions) => (await open()).runs.listNewest(listOptions),
    get: async (id) => (await open()).runs.get(id),
  }
  return {
    provider: options.databaseUrl === undefined ? 'sqlite' : 'postgresql',
    ping: async () => (await open()).ping(),
    journal,
    runs,
    prune: async (now) => (await open()).prune(now),
    async close() {
      // A store that failed to open has nothing to close.
      const store = await opened?.catch(() => undefined)
      await store?.close()
    },
  }
}
