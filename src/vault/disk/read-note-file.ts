/** Reads a file's bytes and its size/mtime with one open (synchronous: for batched loaders). */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

export interface FileRead {
  bytes: Buffer
  size: number
  mtimeMs: number
}

export function readFileWithStat(absolutePath: string): FileRead {
  const fd = openSync(absolutePath, 'r')
  try {
    const stat = fstatSync(fd)
    const bytes = Buffer.allocUnsafeSlow(stat.size)
    let offset = 0
    while (offset < stat.size) {
      const read = readSync(fd, bytes, offset, stat.size - offset, null)
      if (read === 0) break
      offset += read
    }
    return {
      bytes: offset === stat.size ? bytes : bytes.subarray(0, offset),
      size: offset,
      mtimeMs: stat.mtimeMs,
    }
  } finally {
    closeSync(fd)
  }
}
