/** Rebuilds the notes of a PackedBatch on the receiving thread, ready for the index. */
import type { IndexedParse, NoteAnalysis } from '../index/analyze-note.ts'
import type { FileInfo } from '../index/indexed-note.ts'
import {
  LINK_FIELDS,
  TASK_FIELDS,
  TASK_INDENT,
  TASK_LINE,
  TASK_MARKER,
  TASK_STATUS,
  TASK_STATUS_OFFSET,
  TASK_TEXT,
} from '../index/note-columns.ts'
import { titleFromPath } from '../parse/parse-note.ts'
import type { Task } from '../parse/types.ts'
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
  NOTE_FIELDS,
  type PackedBatch,
} from './packed-batch.ts'

export interface UnpackedNote {
  info: FileInfo
  analysis: NoteAnalysis
  /** What each link resolves to, as the analyser found it. */
  resolved: (string | undefined)[]
}

/**
 * Calls `each` with every note of `batch`. `interned` is the table of the analyser that packed it
 * (its new strings are appended here); `files` the file list it was given, same order.
 */
export function unpackBatch(
  batch: PackedBatch,
  interned: string[],
  files: readonly { path: string; diskPath?: string }[],
  each: (note: UnpackedNote) => void,
): void {
  for (const value of batch.interned) interned.push(value)
  const { notes, refs, strings, mtimes } = batch
  const bytes = Buffer.from(batch.bytes)
  for (let n = 0, record = 0; record < notes.length; n++, record += NOTE_FIELDS) {
    const field = (at: number) => notes[record + at] as number
    const file = files[field(F_ID)] as { path: string; diskPath?: string }
    let at = field(F_REFS)
    const aliases = new Array<string>(field(F_ALIASES))
    for (let i = 0; i < aliases.length; i++) aliases[i] = strings[refs[at++] as number] as string
    const tags = new Array<string>(field(F_TAGS))
    for (let i = 0; i < tags.length; i++) tags[i] = interned[refs[at++] as number] as string
    const tasks = new Array<Task>(field(F_TASKS))
    for (let i = 0; i < tasks.length; i++, at += TASK_FIELDS) {
      const status = interned[refs[at + TASK_STATUS] as number] as string
      tasks[i] = {
        line: refs[at + TASK_LINE] as number,
        text: strings[refs[at + TASK_TEXT] as number] as string,
        status,
        completed: status !== ' ',
        marker: interned[refs[at + TASK_MARKER] as number] as string,
        indent: refs[at + TASK_INDENT] as number,
        statusOffset: refs[at + TASK_STATUS_OFFSET] as number,
      }
    }
    const linkCount = field(F_LINKS)
    const linkTargets = new Array<string>(linkCount)
    const resolved = new Array<string | undefined>(linkCount)
    for (let i = 0; i < linkCount; i++, at += 2) {
      linkTargets[i] = interned[refs[at] as number] as string
      const target = refs[at + 1] as number
      resolved[i] = target === -1 ? undefined : (files[target] as { path: string }).path
    }
    const title = field(F_TITLE)
    const parsed: IndexedParse = {
      title: title === -1 ? titleFromPath(file.path) : (strings[title] as string),
      aliases,
      tags,
      tasks,
      linkTargets,
      linkData: new Int32Array(batch.bytes, field(F_LINK_DATA), linkCount * LINK_FIELDS),
    }
    if (field(F_FM_ERROR) !== -1) parsed.frontmatterError = strings[field(F_FM_ERROR)] as string
    const analysis: NoteAnalysis = {
      hash: strings[field(F_HASH)] as string,
      parsed,
      lower: bytes.subarray(field(F_LOWER), field(F_LOWER_END)),
    }
    const caseCount = field(F_CASE_COUNT)
    if (caseCount !== -1) {
      analysis.caseOffsets = new Uint32Array(batch.bytes, field(F_CASE_OFFSETS), caseCount)
      analysis.caseBytes = new Uint8Array(batch.bytes, field(F_CASE_BYTES), caseCount)
    }
    if (field(F_CONTENT) !== -1) analysis.content = bytes.subarray(field(F_CONTENT), field(F_CONTENT_END))
    const info: FileInfo =
      file.diskPath === undefined
        ? { path: file.path, size: field(F_SIZE), mtimeMs: mtimes[n] as number }
        : { path: file.path, diskPath: file.diskPath, size: field(F_SIZE), mtimeMs: mtimes[n] as number }
    each({ info, analysis, resolved })
  }
}
