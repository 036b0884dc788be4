/**
 * The index as a snapshot payload and back (pure: no IO). Files are columns sorted by path;
 * every note is one run of small integers in a single column, and each distinct repeated string
 * (link targets, tags, statuses, markers) is stored once, the most used first so that their ids
 * take one or two bytes. A link usually resolves to what its target resolves to from any note:
 * that resolution is stored once per target, and a link stores only where it differs. Note texts
 * are not kept (see restored-note.ts): the snapshot stays about a tenth of the vault's size.
 */
import type { FileInfo } from '../index/indexed-note.ts'
import { LINK_END, LINK_FIELDS, LINK_FLAGS, LINK_LINE, LINK_START } from '../index/note-columns.ts'
import type { NoteIndex } from '../index/note-index.ts'
import { type NoteTextLoader, RestoredNote } from '../index/restored-note.ts'
import {
  type LinkColumns,
  RestoredParse,
  storedTasks,
  TASK_COLUMNS,
  type TaskColumns,
} from '../index/restored-parse.ts'
import { titleFromPath } from '../parse/parse-note.ts'
import { taskState } from '../parse/tasks.ts'
import { comparePaths } from '../paths/compare-paths.ts'
import { createByteWriter } from './byte-writer.ts'
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
  /** Every file, sorted by path (comparePaths). */
  paths: string[]
  diskPaths: [number, string][]
  sizes: Float64Array
  mtimes: Float64Array
  folders: string[]
  /** Strings that repeat: link targets, tags, task statuses and markers (the most used first). */
  strings: string[]
  /** Strings of one note, in the order its run reads them: title, frontmatter error, aliases. */
  texts: string[]
  /** Every task's text as UTF-8, one after another (each task's run holds its byte length). */
  taskTexts: Uint8Array
  /** 8 bytes per note: its 16-hex-digit content hash. */
  hashes: Uint8Array
  /**
   * One integer per string (file id + 1 its links resolve to by default, 0 for none), then per
   * note NOTE_HEADER integers, its tags, TASK_INTS per task and LINK_INTS per link; `intCount`
   * integers packed by packInts.
   */
  ints: Uint8Array
  intCount: number
}

export interface DecodedSnapshot extends SnapshotMeta {
  /** Every file, sorted by path (the notes' entries are their RestoredNote). */
  files: FileInfo[]
  folders: string[]
  /** Sorted by path. */
  notes: RestoredNote[]
}

/** File id delta, flags, aliases, tags, tasks, links. */
const NOTE_HEADER = 6
const HAS_TITLE = 1
const HAS_FRONTMATTER_ERROR = 2
/** Line delta, status, marker, indent, status offset delta, text length in bytes (in taskTexts). */
const TASK_INTS = 6
/** Target, resolution (0 = the target's default, 1 = none, else file id + 2), line delta, start delta, length × 4 + flags. */
const LINK_INTS = 5
const HASH_BYTES = 8

interface StringEntry {
  uses: number
  id: number
  first: number
}

/** The index as a payload (synchronous: the index must not change while it is read). */
export function encodeSnapshot(index: NoteIndex, meta: SnapshotMeta): SnapshotPayload {
  const files = [...index.files()].sort((a, b) => comparePaths(a.path, b.path))
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
  const notes = index.sortedNotes()
  // Repeated strings by use, and each link target's first resolution (file id + 1, 0 for none;
  // -1 until the string is seen as a link target). One entry per string: a link costs one map
  // lookup per pass (650k links at 50k notes).
  const entries = new Map<string, StringEntry>()
  const count = (value: string): StringEntry => {
    let entry = entries.get(value)
    if (entry === undefined) {
      entry = { uses: 0, id: 0, first: -1 }
      entries.set(value, entry)
    }
    entry.uses++
    return entry
  }
  let size = 0
  for (const note of notes) {
    const { parsed } = note
    const { linkTargets } = parsed
    size += NOTE_HEADER + parsed.tags.length + note.taskCount * TASK_INTS
    size += linkTargets.length * LINK_INTS
    for (const tag of parsed.tags) count(tag)
    for (const task of storedTasks(parsed)) {
      count(task.status)
      count(task.marker)
    }
    for (let i = 0; i < linkTargets.length; i++) {
      const entry = count(linkTargets[i] as string)
      if (entry.first === -1) entry.first = resolvedId(fileIds, note.resolved[i])
    }
  }
  const strings = [...entries.keys()].sort(
    (a, b) => (entries.get(b) as StringEntry).uses - (entries.get(a) as StringEntry).uses,
  )
  strings.forEach((value, id) => {
    ;(entries.get(value) as StringEntry).id = id
  })
  const entryOf = (value: string) => entries.get(value) as StringEntry
  const ref = (value: string) => entryOf(value).id
  const ints = new Int32Array(strings.length + size)
  let at = 0
  for (const value of strings) ints[at++] = Math.max(0, entryOf(value).first)
  const texts: string[] = []
  const taskTexts = createByteWriter()
  const hashes = Buffer.alloc(notes.length * HASH_BYTES)
  let previousFile = 0
  notes.forEach((note, n) => {
    const { parsed } = note
    hashes.write(note.hash, n * HASH_BYTES, HASH_BYTES, 'hex')
    const fileId = fileIds.get(note.path) as number
    ints[at++] = fileId - previousFile
    previousFile = fileId
    const hasTitle = parsed.title !== titleFromPath(note.path)
    ints[at++] =
      (hasTitle ? HAS_TITLE : 0) | (parsed.frontmatterError === undefined ? 0 : HAS_FRONTMATTER_ERROR)
    if (hasTitle) texts.push(parsed.title)
    if (parsed.frontmatterError !== undefined) texts.push(parsed.frontmatterError)
    ints[at++] = parsed.aliases.length
    ints[at++] = parsed.tags.length
    ints[at++] = note.taskCount
    ints[at++] = parsed.linkTargets.length
    for (const alias of parsed.aliases) texts.push(alias)
    for (const tag of parsed.tags) ints[at++] = ref(tag)
    let line = 0
    let statusOffset = 0
    for (const task of storedTasks(parsed)) {
      const textBytes = taskTexts.write(task.text)
      ints[at++] = task.line - line
      ints[at++] = ref(task.status)
      ints[at++] = ref(task.marker)
      ints[at++] = task.indent
      ints[at++] = task.statusOffset - statusOffset
      ints[at++] = textBytes
      line = task.line
      statusOffset = task.statusOffset
    }
    const { linkData, linkTargets } = parsed
    line = 0
    let start = 0
    for (let i = 0; i < linkTargets.length; i++) {
      const entry = entryOf(linkTargets[i] as string)
      const resolved = resolvedId(fileIds, note.resolved[i])
      ints[at++] = entry.id
      ints[at++] = resolved === entry.first ? 0 : resolved + 1
      const linkLine = linkData[i * LINK_FIELDS + LINK_LINE] as number
      const linkStart = linkData[i * LINK_FIELDS + LINK_START] as number
      ints[at++] = linkLine - line
      ints[at++] = linkStart - start
      ints[at++] =
        ((linkData[i * LINK_FIELDS + LINK_END] as number) - linkStart) * 4 +
        (linkData[i * LINK_FIELDS + LINK_FLAGS] as number)
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
    taskTexts: taskTexts.bytes(),
    hashes,
    ints: packInts(ints),
    intCount: ints.length,
  }
}

/** A link's resolution as file id + 1, 0 when unresolved (or resolved to a file no longer known). */
function resolvedId(fileIds: Map<string, number>, resolved: string | undefined): number {
  if (resolved === undefined) return 0
  const id = fileIds.get(resolved)
  return id === undefined ? 0 : id + 1
}

/**
 * Reads a payload back into notes ready for the index (their texts read later by `loadText`);
 * throws on any inconsistency (the caller then builds from scratch).
 */
export function decodeSnapshot(payload: SnapshotPayload, loadText: NoteTextLoader): DecodedSnapshot {
  const { paths, sizes, mtimes, strings, texts } = payload
  const ints = unpackInts(payload.ints, payload.intCount)
  if (sizes.length !== paths.length || mtimes.length !== paths.length)
    throw new Error('snapshot file columns differ in length')
  for (let i = 1; i < paths.length; i++)
    if (comparePaths(paths[i - 1] as string, paths[i] as string) >= 0)
      throw new Error('snapshot paths are not sorted')
  // A copy: the notes keep it, and the payload's bytes may be a view of the whole file.
  const hashes = Buffer.copyBytesFrom(payload.hashes)
  const diskPaths = new Map(payload.diskPaths)
  const files = new Array<FileInfo>(paths.length)
  const string = (id: number): string => {
    const value = strings[id]
    if (value === undefined) throw new Error('snapshot string reference out of range')
    return value
  }
  let nextText = 0
  const text = (): string => {
    const value = texts[nextText++]
    if (value === undefined) throw new Error('snapshot texts are missing')
    return value
  }
  const pathOf = (id: number): string => {
    const value = paths[id]
    if (value === undefined) throw new Error('snapshot file reference out of range')
    return value
  }
  if (ints.length < strings.length) throw new Error('snapshot resolutions are missing')
  // Each target's default resolution, as file id + 1 (0 for none).
  for (let i = 0; i < strings.length; i++) {
    const id = ints[i] as number
    if (!(id >= 0 && id <= paths.length)) throw new Error('snapshot file reference out of range')
  }
  // A first pass for the total link and task counts: one buffer each holds every note's columns.
  let linkCount = 0
  let taskCount = 0
  for (let at = strings.length; at < ints.length; ) {
    for (let i = 2; i < NOTE_HEADER; i++)
      if ((ints[at + i] ?? -1) < 0) throw new Error('snapshot note counts are invalid')
    const tasks = ints[at + 4] as number
    const links = ints[at + 5] as number
    at += NOTE_HEADER + (ints[at + 3] as number) + tasks * TASK_INTS + links * LINK_INTS
    linkCount += links
    taskCount += tasks
  }
  const linkColumns: LinkColumns = {
    targets: new Int32Array(linkCount),
    resolutions: new Int32Array(linkCount),
    data: new Int32Array(linkCount * LINK_FIELDS),
    strings,
    paths,
    undecoded: 0,
  }
  // A copy, as for the hashes: the tasks keep it.
  const taskColumns: TaskColumns = {
    ints: new Int32Array(taskCount * TASK_COLUMNS),
    strings,
    texts: Buffer.copyBytesFrom(payload.taskTexts),
  }
  const stringId = (id: number): number => {
    if (!(id >= 0 && id < strings.length)) throw new Error('snapshot string reference out of range')
    return id
  }
  let taskAt = 0
  let taskTextAt = 0
  const notes: RestoredNote[] = []
  let linkAt = 0
  let fileId = 0
  for (let at = strings.length, n = 0; at < ints.length; n++) {
    fileId += ints[at++] as number
    const notePath = pathOf(fileId)
    const flags = ints[at++] as number
    const title = flags & HAS_TITLE ? text() : titleFromPath(notePath)
    const frontmatterError = flags & HAS_FRONTMATTER_ERROR ? text() : undefined
    const aliases = new Array<string>(ints[at++] as number)
    const tags = new Array<string>(ints[at++] as number)
    const tasks = ints[at++] as number
    const links = ints[at++] as number
    for (let i = 0; i < aliases.length; i++) aliases[i] = text()
    for (let i = 0; i < tags.length; i++) tags[i] = string(ints[at++] as number)
    const firstTask = taskAt
    let line = 0
    let offset = 0
    let open = 0
    let done = 0
    for (let i = 0; i < tasks; i++, at += TASK_INTS, taskAt++) {
      const status = string(ints[at + 1] as number)
      const state = taskState(status)
      if (state === 'open') open++
      else if (state === 'done') done++
      line += ints[at] as number
      offset += ints[at + 4] as number
      const textBytes = ints[at + 5] as number
      if (textBytes < 0) throw new Error('snapshot task text length is invalid')
      const column = taskAt * TASK_COLUMNS
      const columns = taskColumns.ints
      columns[column] = line
      columns[column + 1] = ints[at + 1] as number
      columns[column + 2] = stringId(ints[at + 2] as number)
      columns[column + 3] = ints[at + 3] as number
      columns[column + 4] = offset
      columns[column + 5] = taskTextAt
      taskTextAt += textBytes
      columns[column + 6] = taskTextAt
    }
    // The links stay columns until read (see restored-parse.ts); ids are checked here.
    const firstLink = linkAt
    const { targets, resolutions, data } = linkColumns
    if (links > 0) linkColumns.undecoded++
    line = 0
    let start = 0
    for (let i = 0; i < links; i++, at += LINK_INTS, linkAt++) {
      const target = stringId(ints[at] as number)
      targets[linkAt] = target
      const resolution = ints[at + 1] as number
      if (!(resolution >= 0 && resolution <= paths.length + 1))
        throw new Error('snapshot file reference out of range')
      resolutions[linkAt] =
        resolution === 0 ? (ints[target] as number) : resolution === 1 ? 0 : resolution - 1
      line += ints[at + 2] as number
      start += ints[at + 3] as number
      const lengthAndFlags = ints[at + 4] as number
      const column = linkAt * LINK_FIELDS
      data[column + LINK_LINE] = line
      data[column + LINK_START] = start
      data[column + LINK_END] = start + (lengthAndFlags >>> 2)
      data[column + LINK_FLAGS] = lengthAndFlags & 3
    }
    if (at > ints.length) throw new Error('snapshot note runs past the end')
    const parsed = new RestoredParse({
      title,
      aliases,
      tags,
      frontmatterError,
      taskColumns,
      firstTask,
      taskCount: tasks,
      linkColumns,
      firstLink,
      linkCount: links,
    })
    if ((n + 1) * HASH_BYTES > hashes.length) throw new Error('snapshot hashes are missing')
    // One object shape for every note (a spread of the optional disk path gave two).
    const note = new RestoredNote(
      {
        path: notePath,
        diskPath: diskPaths.get(fileId),
        size: sizes[fileId] as number,
        mtimeMs: mtimes[fileId] as number,
        hashes,
        hashAt: n * HASH_BYTES,
        parsed,
        taskCount: tasks,
        openTaskCount: open,
        doneTaskCount: done,
      },
      loadText,
    )
    if (files[fileId] !== undefined) throw new Error('snapshot note listed twice')
    files[fileId] = note
    notes.push(note)
  }
  if (nextText !== texts.length) throw new Error('snapshot texts are left over')
  if (taskTextAt !== taskColumns.texts.length) throw new Error('snapshot task texts differ in length')
  for (let id = 0; id < paths.length; id++) {
    if (files[id] !== undefined) continue
    const diskPath = diskPaths.get(id)
    const filePath = paths[id] as string
    files[id] =
      diskPath === undefined
        ? { path: filePath, size: sizes[id] as number, mtimeMs: mtimes[id] as number }
        : { path: filePath, diskPath, size: sizes[id] as number, mtimeMs: mtimes[id] as number }
  }
  return { root: payload.root, capturedAt: payload.capturedAt, files, folders: payload.folders, notes }
}
