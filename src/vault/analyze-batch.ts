/**
 * Reads and analyses a list of notes, packing their lower-cased texts into one transferable buffer per batch:
 * the unit of work of the initial index build, run in worker threads or inline.
 */
import path from 'node:path'
import { analyzeNote, type IndexedParse } from './analyze-note.ts'
import { readFileWithStat } from './read-note-file.ts'

export interface AnalyzedItem {
  path: string
  diskPath?: string
  size: number
  mtimeMs: number
  hash: string
  parsed: IndexedParse
  /** Byte range of the lower-cased text inside the batch buffer. */
  lower: [number, number]
  caseOffsets?: Uint32Array
  caseBytes?: Uint8Array
  content?: Uint8Array
}

export interface AnalyzedBatch {
  items: AnalyzedItem[]
  /** Paths that could not be read (deleted meanwhile, permissions) with the reason. */
  failures: { path: string; error: string }[]
  buffer: ArrayBuffer
}

/** Analyses notes under `root`: `path` is the vault path, `diskPath` the name on disk when it differs. */
export function analyzeBatch(
  root: string,
  notes: readonly { path: string; diskPath?: string }[],
): AnalyzedBatch {
  const items: AnalyzedItem[] = []
  const failures: { path: string; error: string }[] = []
  const chunks: Uint8Array[] = []
  let offset = 0
  // Everything binary of the batch goes into one buffer (4-byte aligned), so the receiving side
  // holds views on one ArrayBuffer instead of three ArrayBuffers per note.
  const place = (bytes: Uint8Array): number => {
    offset = (offset + 3) & ~3
    const start = offset
    chunks.push(bytes)
    starts.push(start)
    offset += bytes.byteLength
    return start
  }
  const starts: number[] = []
  const pending: {
    item: AnalyzedItem
    linkData: number
    caseOffsets?: number
    caseBytes?: number
    caseCount?: number
  }[] = []
  for (const { path: notePath, diskPath } of notes) {
    try {
      const file = readFileWithStat(path.join(root, diskPath ?? notePath))
      const analysis = analyzeNote(notePath, file.bytes)
      const lowerStart = place(analysis.lower)
      const { caseOffsets, caseBytes, content, parsed } = analysis
      const item: AnalyzedItem = {
        ...(content === undefined ? {} : { content }),
        path: notePath,
        ...(diskPath === undefined ? {} : { diskPath }),
        size: file.size,
        mtimeMs: file.mtimeMs,
        hash: analysis.hash,
        parsed,
        lower: [lowerStart, lowerStart + analysis.lower.byteLength],
      }
      const linkData = place(
        new Uint8Array(parsed.linkData.buffer, parsed.linkData.byteOffset, parsed.linkData.byteLength),
      )
      const entry: (typeof pending)[number] = { item, linkData }
      if (caseOffsets !== undefined && caseBytes !== undefined) {
        entry.caseOffsets = place(
          new Uint8Array(caseOffsets.buffer, caseOffsets.byteOffset, caseOffsets.byteLength),
        )
        entry.caseBytes = place(caseBytes)
        entry.caseCount = caseBytes.length
      }
      pending.push(entry)
      items.push(item)
    } catch (error) {
      failures.push({ path: notePath, error: (error as Error).message })
    }
  }
  const packed = new Uint8Array(offset)
  chunks.forEach((chunk, i) => {
    packed.set(chunk, starts[i] as number)
  })
  const buffer = packed.buffer
  for (const { item, linkData, caseOffsets, caseBytes, caseCount = 0 } of pending) {
    item.parsed.linkData = new Int32Array(buffer, linkData, item.parsed.linkData.length)
    if (caseOffsets !== undefined && caseBytes !== undefined) {
      item.caseOffsets = new Uint32Array(buffer, caseOffsets, caseCount)
      item.caseBytes = new Uint8Array(buffer, caseBytes, caseCount)
    }
  }
  return { items, failures, buffer }
}
