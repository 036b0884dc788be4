/**
 * Per-path async locks, so read-modify-write operations on one note run one after another
 * (two concurrent appends both land) while different notes proceed in parallel.
 */

export interface PathLocks {
  /**
   * Runs `fn` while holding the lock of every path (NFC, case-sensitive keys), acquired in
   * sorted order so two callers locking overlapping sets cannot deadlock. Not re-entrant:
   * locking a path again inside `fn` waits forever.
   */
  withLock<T>(paths: string | readonly string[], fn: () => Promise<T>): Promise<T>
  /** Paths currently locked or waited for (0 when idle: entries never leak). */
  size(): number
}

/** Creates an independent set of locks (one per vault). */
export function createPathLocks(): PathLocks {
  // The tail of each path's queue: resolves when the last holder (or waiter) releases.
  const tails = new Map<string, Promise<void>>()

  const acquire = async (key: string): Promise<() => void> => {
    const previous = tails.get(key) ?? Promise.resolve()
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const tail = previous.then(() => held)
    tails.set(key, tail)
    await previous
    return () => {
      release()
      if (tails.get(key) === tail) tails.delete(key)
    }
  }

  return {
    async withLock(paths, fn) {
      const keys = [
        ...new Set((typeof paths === 'string' ? [paths] : paths).map((p) => p.normalize('NFC'))),
      ].sort()
      const releases: (() => void)[] = []
      try {
        for (const key of keys) releases.push(await acquire(key))
        return await fn()
      } finally {
        for (const release of releases.reverse()) release()
      }
    },
    size: () => tails.size,
  }
}
