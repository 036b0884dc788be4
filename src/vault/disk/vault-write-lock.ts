/**
 * One writer at a time per vault across Jasque processes (the server, CLI calls, MCP servers):
 * a lock held through SQLite on a small file in the data folder. SQLite's file locks belong to the
 * process, so the operating system releases them when a process dies, even by SIGKILL; a crashed
 * writer never leaves the vault locked. Inside one process, writing calls queue for it too, so the
 * journal lists every note's changes in the order they were made, whichever process made them.
 */
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { setTimeout as sleep } from 'node:timers/promises'
import { ConflictError } from '../../errors.ts'

export interface VaultWriteLock {
  /** Runs `work` while this process holds the vault's write lock. */
  withLock<T>(work: () => Promise<T>): Promise<T>
  /** Releases the lock file (waiting writes fail). */
  close(): void
}

export interface VaultWriteLockOptions {
  /** The folder of the lock files (Jasque's data folder). */
  lockDir: string
  /** The vault's real path: one lock file per vault. */
  vaultRoot: string
  /** How long a write waits for other processes before it fails (default 2 minutes). */
  timeoutMs?: number
}

const SQLITE_BUSY = 5

const isBusy = (error: unknown) =>
  ((error as { errcode?: number }).errcode ?? 0) % 256 === SQLITE_BUSY ||
  (error as Error).message?.includes('database is locked')

/** Runs `work` after every call queued before it: the in-process half of the write lock. */
function createQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<void> = Promise.resolve()
  return async (work) => {
    const previous = tail
    let done: () => void = () => {}
    tail = new Promise<void>((resolve) => {
      done = resolve
    })
    try {
      await previous
      return await work()
    } finally {
      done()
    }
  }
}

/** The write lock of a vault opened without a data folder (tests, benchmarks): this process only. */
export function createNoVaultWriteLock(): VaultWriteLock {
  const queue = createQueue()
  return { withLock: (work) => queue(work), close() {} }
}

/** Opens (creating if needed) the lock file of `vaultRoot` under `lockDir`. Touches disk. */
export function createVaultWriteLock({
  lockDir,
  vaultRoot,
  timeoutMs = 120_000,
}: VaultWriteLockOptions): VaultWriteLock {
  const folder = path.join(lockDir, 'locks')
  mkdirSync(folder, { recursive: true })
  const key = createHash('sha256').update(vaultRoot).digest('hex').slice(0, 16)
  // Busy timeout 0: a taken lock answers at once, and waiting happens here without blocking.
  const db = new DatabaseSync(path.join(folder, `vault-${key}.lock`), { timeout: 0 })
  const queue = createQueue()
  let held = false
  let closed = false

  const tryTake = (): boolean => {
    try {
      db.exec('BEGIN IMMEDIATE')
      return true
    } catch (error) {
      if (isBusy(error)) return false
      throw error
    }
  }

  const take = async (): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    for (let pause = 1; !tryTake(); pause = Math.min(pause * 2, 25)) {
      if (closed) throw new ConflictError('The vault is closing; the change was not made.')
      if (Date.now() > deadline) {
        throw new ConflictError(
          `Another Jasque process has been writing to this vault for over ${Math.round(timeoutMs / 1000)} s; nothing was changed, try again.`,
        )
      }
      await sleep(pause)
    }
    held = true
  }

  // ROLLBACK, not COMMIT: nothing was written, and a rollback never needs a further lock (a
  // COMMIT can answer "database is locked" while another process is trying to take the lock).
  const release = () => {
    if (!held) return
    held = false
    db.exec('ROLLBACK')
  }

  return {
    withLock: (work) =>
      queue(async () => {
        if (closed) throw new ConflictError('The vault is closing; the change was not made.')
        await take()
        try {
          return await work()
        } finally {
          if (!closed) release()
        }
      }),
    close() {
      if (closed) return
      closed = true
      release()
      db.close()
    },
  }
}
