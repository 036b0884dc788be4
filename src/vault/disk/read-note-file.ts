/** Reads a file's bytes and its size/mtime with one open (synchronous: for batched loaders). */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

export interface FileRead {
  bytes: Buffer
  size: number
  mtimeMs: number
}

/** A buffer reused from read to read (grown as needed): `bytes` are then valid until the next read. */
export interface ReadScratch {
  buffer: Buffer
}

/**
 * Reads the file whole. With `scratch`, into its buffer: a build's workers read 50k notes and
 * keep none of their bytes, and 50k short-lived buffers leave their thread's malloc arena
 * fragmented around the results it hands over (RSS that stays after the workers end).
 */
export function readFileWithStat(absolutePath: string, scratch?: ReadScratch): FileRead {
  const fd = openSync(absolutePath, 'r')
  try {
    const stat = fstatSync(fd)
    let bytes: Buffer
    if (scratch === undefined) bytes = Buffer.allocUnsafeSlow(stat.size)
    else {
      if (scratch.buffer.length < stat.size)
        scratch.buffer = Buffer.allocUnsafeSlow(Math.max(stat.size, scratch.buffer.length * 2))
      bytes = scratch.buffer.subarray(0, stat.size)
    }
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
