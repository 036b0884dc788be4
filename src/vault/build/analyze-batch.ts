/**
 * The unit of work of the initial index build, run on worker threads (inline for small vaults):
 * reads a list of notes, analyses them, resolves their links against the vault's file list as the
 * walk found it, and packs everything into a PackedBatch.
 */
import path from 'node:path'
import { type ReadScratch, readFileWithStat } from '../disk/read-note-file.ts'
import { analyzeNoteFully, detach, packLinkData } from '../index/analyze-note.ts'
import { type LinkTargetTable, resolveFixedTarget, resolveLinkPath } from '../links/resolve-link.ts'
import { titleFromPath } from '../parse/parse-note.ts'
import {
  F_ALIASES,
  F_CASE_BYTES,
  F_CASE_COUNT,
  F_CASE_OFFSETS,
  F_CONTENT,
  F_CONTENT_END,
  F_FM_ERROR,
  F_HASH,
  F_ID,
  F_LINK_DATA,
  F_LINKS,
  F_LOWER,
  F_LOWER_END,
  F_REFS,
  F_SIZE,
  F_TAGS,
  F_TASKS,
  F_TITLE,
  IntColumn,
  NOTE_FIELDS,
  type PackedBatch,
} from './packed-batch.ts'

export interface BatchAnalyzerInit {
  root: string
  /** Every file of the vault (vault paths, notes and attachments); batches name notes by index here. */
  paths: readonly string[]
  /** [file id, name on disk] for the files whose name on disk differs (NFD names). */
  diskPaths: readonly [number, string][]
}

const fileName = (filePath: string) => filePath.slice(filePath.lastIndexOf('/') + 1)

/** The same lookups as the index's, over a fixed list of files. */
function createFileTable(paths: readonly string[]): LinkTargetTable & { idOf: Map<string, number> } {
  const byLower = new Map<string, string>()
  const byName = new Map<string, string[]>()
  const idOf = new Map<string, number>()
  paths.forEach((filePath, id) => {
    idOf.set(filePath, id)
    byLower.set(filePath.toLowerCase(), filePath)
    const name = fileName(filePath).toLowerCase()
    const named = byName.get(name)
    if (named === undefined) byName.set(name, [filePath])
    else named.push(filePath)
  })
  return { idOf, pathOf: (lower) => byLower.get(lower), pathsNamed: (name) => byName.get(name) }
}

/** Creates an analyser for one vault snapshot; each instance keeps its own table of interned strings. */
export function createBatchAnalyzer(init: BatchAnalyzerInit) {
  const { root, paths } = init
  const diskPaths = new Map(init.diskPaths)
  const table = createFileTable(paths)
  // Separate maps by kind: the few tags, statuses and markers stay in small, cache-friendly maps
  // instead of sharing the one holding hundreds of thousands of link targets. Ids are shared.
  const targetIds = new Map<string, number>()
  const otherIds = new Map<string, number>()
  let internedCount = 0
  // Most links resolve the same from every note (resolveFixedTarget): by interned id, the file id,
  // -1 for none (UNKNOWN until tried, OTHER when the answer depends on the linking note).
  const uniqueById: number[] = []
  const scratch: ReadScratch = { buffer: Buffer.allocUnsafeSlow(1 << 16) }
  const UNKNOWN = undefined
  const OTHER = -2

  function resolve(target: string, targetId: number, source: string): number {
    let unique = uniqueById[targetId]
    if (unique === UNKNOWN) {
      const found = resolveFixedTarget(target, table)
      unique = found === undefined ? OTHER : found === null ? -1 : (table.idOf.get(found) as number)
      uniqueById[targetId] = unique
    }
    if (unique !== OTHER) return unique
    const resolved = resolveLinkPath(target, source, table).path
    return resolved === undefined ? -1 : (table.idOf.get(resolved) ?? -1)
  }

  return {
    /** Analyses the notes with these file ids. */
    analyze(noteIds: readonly number[]): PackedBatch {
      const interned: string[] = []
      const strings: string[] = []
      const notes = new IntColumn()
      const refs = new IntColumn()
      const mtimes: number[] = []
      const failures: PackedBatch['failures'] = []
      const chunks: Uint8Array[] = []
      const starts: number[] = []
      let offset = 0
      // Everything binary goes into one buffer (4-byte aligned for the typed views).
      const place = (bytes: Uint8Array): number => {
        offset = (offset + 3) & ~3
        const start = offset
        // Bytes of the read buffer are overwritten by the next read: copied now (a Buffer's
        // slice() would be a view).
        chunks.push(bytes.buffer === scratch.buffer.buffer ? new Uint8Array(bytes) : bytes)
        starts.push(start)
        offset += bytes.byteLength
        return start
      }
      const intern = (value: string, ids = otherIds): number => {
        let id = ids.get(value)
        if (id === undefined) {
          id = internedCount++
          // A copy: the slice of the note text would keep the whole text alive in this table.
          ids.set(detach(value), id)
          interned.push(value)
        }
        return id
      }
      const addString = (value: string): number => strings.push(value) - 1

      for (const id of noteIds) {
        const notePath = paths[id] as string
        let file: ReturnType<typeof readFileWithStat>
        try {
          file = readFileWithStat(path.join(root, diskPaths.get(id) ?? notePath), scratch)
        } catch (error) {
          failures.push({ id, error: (error as Error).message })
          continue
        }
        const analysis = analyzeNoteFully(notePath, file.bytes)
        const { note, caseOffsets, caseBytes, content } = analysis
        const lowerStart = place(analysis.lower)
        const linkData = packLinkData(note.links)
        const record = new Array<number>(NOTE_FIELDS).fill(-1)
        record[F_ID] = id
        record[F_SIZE] = file.size
        record[F_TITLE] = note.title === titleFromPath(notePath) ? -1 : addString(note.title)
        record[F_HASH] = addString(analysis.hash)
        if (note.frontmatter.error !== undefined) record[F_FM_ERROR] = addString(note.frontmatter.error)
        record[F_REFS] = refs.length
        record[F_ALIASES] = note.aliases.length
        record[F_TAGS] = note.tags.length
        record[F_TASKS] = note.tasks.length
        record[F_LINKS] = note.links.length
        record[F_LOWER] = lowerStart
        record[F_LOWER_END] = lowerStart + analysis.lower.byteLength
        record[F_CASE_COUNT] = -1
        if (caseOffsets !== undefined && caseBytes !== undefined) {
          record[F_CASE_OFFSETS] = place(
            new Uint8Array(caseOffsets.buffer, caseOffsets.byteOffset, caseOffsets.byteLength),
          )
          record[F_CASE_BYTES] = place(caseBytes)
          record[F_CASE_COUNT] = caseBytes.length
        }
        if (content !== undefined) {
          record[F_CONTENT] = place(content)
          record[F_CONTENT_END] = (record[F_CONTENT] as number) + content.byteLength
        }
        record[F_LINK_DATA] = place(new Uint8Array(linkData.buffer))
        for (const value of record) notes.push(value)
        mtimes.push(file.mtimeMs)
        for (const alias of note.aliases) refs.push(addString(alias))
        for (const tag of note.tags) refs.push(intern(tag))
        for (const task of note.tasks) {
          refs.push(task.line)
          refs.push(addString(task.text))
          refs.push(intern(task.status))
          refs.push(intern(task.marker))
          refs.push(task.indent)
          refs.push(task.statusOffset)
        }
        for (const link of note.links) {
          const targetId = intern(link.target, targetIds)
          refs.push(targetId)
          refs.push(resolve(link.target, targetId, notePath))
        }
      }
      const packed = new Uint8Array(offset)
      chunks.forEach((chunk, i) => {
        packed.set(chunk, starts[i] as number)
      })
      return {
        interned,
        strings,
        notes: notes.finish(),
        mtimes: Float64Array.from(mtimes),
        refs: refs.finish(),
        bytes: packed.buffer,
        failures,
      }
    },
  }
}
