/**
 * The index as a snapshot payload and back (pure: no IO). Files and notes are columns: paths,
 * sizes and mtimes in arrays, every note one run of integers in a single Int32Array, and each
 * distinct string (link targets, tags, task texts, titles) once in a table. Link positions are
 * stored as deltas so that compression finds them small. Note texts are not kept (see
 * restored-note.ts): the snapshot stays a few percent of the vault's size.
 */
import type { IndexedParse } from '../index/analyze-note.ts'
import type { FileInfo } from '../index/indexed-note.ts'
import {
  LINK_END,
  LINK_FIELDS,
  LINK_FLAGS,
  LINK_LINE,
  LINK_START,
  TASK_FIELDS,
  TASK_INDENT,
  TASK_LINE,
  TASK_MARKER,
  TASK_STATUS,
  TASK_STATUS_OFFSET,
  TASK_TEXT,
} from '../index/note-columns.ts'
import type { NoteIndex } from '../index/note-index.ts'
import { titleFromPath } from '../parse/parse-note.ts'
import type { Task } from '../parse/types.ts'
import { packInts, unpackInts } from './varint-column.ts'

/** What a snapshot holds besides the index: whose index it is and when it was taken. */
export interface SnapshotMeta {
  /** The vault's real path: a snapshot of another vault is never used. */
  root: string
  /** Epoch ms when the index was captured (files changed since, in the same mtime tick, are hashed). */
  capturedAt: number
}

/** The payload as stored (a structured-clone-able object; the file adds framing and compression). */
export interface SnapshotPayload extends SnapshotMeta {
  paths: string[]
  diskPaths: [number, string][]
  sizes: Float64Array
  mtimes: Float64Array
  folders: string[]
  /** Strings that repeat: link targets, tags, task statuses and markers. */
  strings: string[]
  /** Strings of one note: titles, aliases, task texts, frontmatter errors. */
  texts: string[]
  /** 8 bytes per note: its 16-hex-digit content hash. */
  hashes: Uint8Array
  /**
   * Per note: NOTE_HEADER integers, then aliases, tags, TASK_FIELDS per task, LINK_INTS per link;
   * `intCount` integers packed by packInts.
   */
  ints: Uint8Array
  intCount: number
}

/** A note read back from a payload. */
export interface SnapshotNote {
  info: FileInfo
  hash: string
  parsed: IndexedParse
  resolved: (string | undefined)[]
}

export interface DecodedSnapshot extends SnapshotMeta {
  files: FileInfo[]
  folders: string[]
  notes: SnapshotNote[]
}

const NOTE_HEADER = 7
const LINK_INTS = 6
const HASH_BYTES = 8

/** The index as a payload (synchronous: the index must not change while it is read). */
export function encodeSnapshot(index: NoteIndex, meta: SnapshotMeta): SnapshotPayload {
  const files = [...index.files()]
  const fileIds = new Map<string, number>()
  const paths: string[] = []
  const diskPaths: [number, string][] = []
  const sizes = new Float64Array(files.length)
  const mtimes = new Float64Array(files.length)
  files.forEach((file, id) => {
    fileIds.set(file.path, id)
    paths.push(file.path)
    if (file.diskPath !== undefined) diskPaths.push([id, file.diskPath])
    sizes[id] = file.size
    mtimes[id] = file.mtimeMs
  })
  // Link targets, tags, statuses and markers repeat (and are interned): one copy each. Titles,
  // aliases and task texts are mostly unique: hashing them into the same map cost more than it saved.
  const strings: string[] = []
  const stringIds = new Map<string, number>()
  const ref = (value: string): number => {
    let id = stringIds.get(value)
    if (id === undefined) {
      id = strings.push(value) - 1
      stringIds.set(value, id)
    }
    return id
  }
  const texts: string[] = []
  const text = (value: string): number => texts.push(value) - 1
  const notes = index.sortedNotes()
  const hashes = Buffer.alloc(notes.length * HASH_BYTES)
  let size = 0
  for (const note of notes)
    size +=
      NOTE_HEADER +
      note.parsed.aliases.length +
      note.parsed.tags.length +
      note.parsed.tasks.length * TASK_FIELDS +
      note.parsed.linkTargets.length * LINK_INTS
  const ints = new Int32Array(size)
  let at = 0
  notes.forEach((note, n) => {
    const { parsed } = note
    hashes.write(note.hash, n * HASH_BYTES, HASH_BYTES, 'hex')
    ints[at++] = fileIds.get(note.path) as number
    ints[at++] = parsed.title === titleFromPath(note.path) ? -1 : text(parsed.title)
    ints[at++] = parsed.frontmatterError === undefined ? -1 : text(parsed.frontmatterError)
    ints[at++] = parsed.aliases.length
    ints[at++] = parsed.tags.length
    ints[at++] = parsed.tasks.length
    ints[at++] = parsed.linkTargets.length
    for (const alias of parsed.aliases) ints[at++] = text(alias)
    for (const tag of parsed.tags) ints[at++] = ref(tag)
    for (const task of parsed.tasks) {
      ints[at++] = task.line
      ints[at++] = text(task.text)
      ints[at++] = ref(task.status)
      ints[at++] = ref(task.marker)
      ints[at++] = task.indent
      ints[at++] = task.statusOffset
    }
    const { linkData, linkTargets } = parsed
    let line = 0
    let start = 0
    for (let i = 0; i < linkTargets.length; i++) {
      const resolved = note.resolved[i]
      ints[at++] = ref(linkTargets[i] as string)
      ints[at++] = resolved === undefined ? -1 : (fileIds.get(resolved) ?? -1)
      const link = i * LINK_FIELDS
      const linkLine = linkData[link + LINK_LINE] as number
      const linkStart = linkData[link + LINK_START] as number
      ints[at++] = linkLine - line
      ints[at++] = linkStart - start
      ints[at++] = (linkData[link + LINK_END] as number) - linkStart
      ints[at++] = linkData[link + LINK_FLAGS] as number
      line = linkLine
      start = linkStart
    }
  })
  return {
    root: meta.root,
    capturedAt: meta.capturedAt,
    paths,
    diskPaths,
    sizes,
    mtimes,
    folders: [...index.folders()],
    strings,
    texts,
    hashes,
    ints: packInts(ints),
    intCount: ints.length,
  }
}

/** Reads a payload back; throws on any inconsistency (the caller then builds from scratch). */
export function decodeSnapshot(payload: SnapshotPayload): DecodedSnapshot {
  const { paths, sizes, mtimes, strings } = payload
  const ints = unpackInts(payload.ints, payload.intCount)
  if (sizes.length !== paths.length || mtimes.length !== paths.length)
    throw new Error('snapshot file columns differ in length')
  const hashes = Buffer.from(payload.hashes.buffer, payload.hashes.byteOffset, payload.hashes.byteLength)
  const diskPaths = new Map(payload.diskPaths)
  const files = paths.map((filePath, id): FileInfo => {
    const diskPath = diskPaths.get(id)
    return diskPath === undefined
      ? { path: filePath, size: sizes[id] as number, mtimeMs: mtimes[id] as number }
      : { path: filePath, diskPath, size: sizes[id] as number, mtimeMs: mtimes[id] as number }
  })
  const lookUp = (table: string[], id: number): string => {
    const value = table[id]
    if (value === undefined) throw new Error('snapshot string reference out of range')
    return value
  }
  const string = (id: number) => lookUp(strings, id)
  const text = (id: number) => lookUp(payload.texts, id)
  const notes: SnapshotNote[] = []
  // One buffer for every note's link columns (views into it), instead of 50k small arrays.
  let linkCount = 0
  for (let at = 0; at < ints.length; ) {
    const header = at
    for (let i = 3; i < NOTE_HEADER; i++)
      if ((ints[header + i] ?? -1) < 0) throw new Error('snapshot note counts are invalid')
    at += NOTE_HEADER + (ints[header + 3] as number) + (ints[header + 4] as number)
    at += (ints[header + 5] as number) * TASK_FIELDS + (ints[header + 6] as number) * LINK_INTS
    linkCount += ints[header + 6] as number
  }
  const allLinkData = new Int32Array(linkCount * LINK_FIELDS)
  let linkAt = 0
  for (let at = 0, n = 0; at < ints.length; n++) {
    const info = files[ints[at++] as number]
    if (info === undefined) throw new Error('snapshot file reference out of range')
    const title = ints[at++] as number
    const frontmatterError = ints[at++] as number
    const aliases = new Array<string>(ints[at++] as number)
    const tags = new Array<string>(ints[at++] as number)
    const tasks = new Array<Task>(ints[at++] as number)
    const links = ints[at++] as number
    for (let i = 0; i < aliases.length; i++) aliases[i] = text(ints[at++] as number)
    for (let i = 0; i < tags.length; i++) tags[i] = string(ints[at++] as number)
    for (let i = 0; i < tasks.length; i++, at += TASK_FIELDS) {
      const status = string(ints[at + TASK_STATUS] as number)
      tasks[i] = {
        line: ints[at + TASK_LINE] as number,
        text: text(ints[at + TASK_TEXT] as number),
        status,
        completed: status !== ' ',
        marker: string(ints[at + TASK_MARKER] as number),
        indent: ints[at + TASK_INDENT] as number,
        statusOffset: ints[at + TASK_STATUS_OFFSET] as number,
      }
    }
    const linkTargets = new Array<string>(links)
    const resolved = new Array<string | undefined>(links)
    const linkData = allLinkData.subarray(linkAt, linkAt + links * LINK_FIELDS)
    linkAt += links * LINK_FIELDS
    let line = 0
    let start = 0
    for (let i = 0; i < links; i++, at += LINK_INTS) {
      linkTargets[i] = string(ints[at] as number)
      const target = ints[at + 1] as number
      resolved[i] = target === -1 ? undefined : files[target]?.path
      line += ints[at + 2] as number
      start += ints[at + 3] as number
      const link = i * LINK_FIELDS
      linkData[link + LINK_LINE] = line
      linkData[link + LINK_START] = start
      linkData[link + LINK_END] = start + (ints[at + 4] as number)
      linkData[link + LINK_FLAGS] = ints[at + 5] as number
    }
    if (at > ints.length) throw new Error('snapshot note runs past the end')
    const parsed: IndexedParse = {
      title: title === -1 ? titleFromPath(info.path) : text(title),
      aliases,
      tags,
      tasks,
      linkTargets,
      linkData,
    }
    if (frontmatterError !== -1) parsed.frontmatterError = text(frontmatterError)
    if ((n + 1) * HASH_BYTES > hashes.length) throw new Error('snapshot hashes are missing')
    notes.push({ info, hash: hashes.toString('hex', n * HASH_BYTES, (n + 1) * HASH_BYTES), parsed, resolved })
  }
  return { root: payload.root, capturedAt: payload.capturedAt, files, folders: payload.folders, notes }
}
