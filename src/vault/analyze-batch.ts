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
  for (const { path: notePath, diskPath } of notes) {
    try {
      const file = readFileWithStat(path.join(root, diskPath ?? notePath))
      const analysis = analyzeNote(notePath, file.bytes)
      const lower: [number, number] = [offset, offset + analysis.lower.byteLength]
      chunks.push(analysis.lower)
      offset = lower[1]
      const { caseOffsets, caseBytes, content } = analysis
      items.push({
        ...(caseOffsets === undefined ? {} : { caseOffsets }),
        ...(caseBytes === undefined ? {} : { caseBytes }),
        ...(content === undefined ? {} : { content }),
        path: notePath,
        ...(diskPath === undefined ? {} : { diskPath }),
        size: file.size,
        mtimeMs: file.mtimeMs,
        hash: analysis.hash,
        parsed: analysis.parsed,
        lower,
      })
    } catch (error) {
      failures.push({ path: notePath, error: (error as Error).message })
    }
  }
  const packed = new Uint8Array(offset)
  let at = 0
  for (const chunk of chunks) {
    packed.set(chunk, at)
    at += chunk.byteLength
  }
  return { items, failures, buffer: packed.buffer }
}
