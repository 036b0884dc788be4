/**
 * A note restored from an index snapshot. The snapshot holds the parse but not the text (it would
 * be most of the snapshot's size), so the text is read back from disk on first use: by the vault's
 * background loader after a warm start, or by the first query that needs it before then.
 */
import type { NoteText } from './analyze-note.ts'
import type { FileInfo, IndexedNote, NameKeys } from './indexed-note.ts'
import type { RestoredParse } from './restored-parse.ts'

/** Reads a restored note's text back from disk (never throws: a missing file gives an empty text). */
export type NoteTextLoader = (note: IndexedNote) => NoteText

export interface RestoredNoteInput extends FileInfo {
  /** The snapshot's hashes column, and where this note's 8 bytes start. */
  hashes: Buffer
  hashAt: number
  parsed: RestoredParse
  /** Counted from the task columns, so that the tasks themselves stay undecoded. */
  taskCount: number
  openTaskCount: number
  doneTaskCount: number
}

const toBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export class RestoredNote implements IndexedNote {
  path: string
  diskPath?: string
  size: number
  mtimeMs: number
  parsed: RestoredParse
  taskCount: number
  openTaskCount: number
  doneTaskCount: number
  nameKeys: NameKeys | undefined = undefined
  #resolved: (string | undefined)[] | undefined
  #text: (NoteText & { lower: Buffer }) | undefined
  readonly #load: NoteTextLoader
  // The hash as hex only when asked: 50k strings fewer to build at a warm start.
  readonly #hashes: Buffer
  readonly #hashAt: number

  constructor(input: RestoredNoteInput, load: NoteTextLoader) {
    this.path = input.path
    if (input.diskPath !== undefined) this.diskPath = input.diskPath
    this.size = input.size
    this.mtimeMs = input.mtimeMs
    this.#hashes = input.hashes
    this.#hashAt = input.hashAt
    this.parsed = input.parsed
    this.taskCount = input.taskCount
    this.openTaskCount = input.openTaskCount
    this.doneTaskCount = input.doneTaskCount
    this.#load = load
  }

  /** The snapshot's resolutions until the index re-resolves the links (decoded on first read). */
  get resolved(): (string | undefined)[] {
    this.#resolved ??= this.parsed.restoredResolutions()
    return this.#resolved
  }

  set resolved(resolved: (string | undefined)[]) {
    this.#resolved = resolved
  }

  get hash(): string {
    return this.#hashes.toString('hex', this.#hashAt, this.#hashAt + 8)
  }

  /** True once the text is in memory. */
  hasText(): boolean {
    return this.#text !== undefined
  }

  /** Sets the text when the caller already holds the note's bytes (a hash check at warm start). */
  setText(text: NoteText): void {
    this.#text = { ...text, lower: toBuffer(text.lower) }
  }

  #loaded(): NoteText & { lower: Buffer } {
    if (this.#text === undefined) this.setText(this.#load(this))
    return this.#text as NoteText & { lower: Buffer }
  }

  get lower(): Buffer {
    return this.#loaded().lower
  }

  get caseOffsets(): Uint32Array | undefined {
    return this.#loaded().caseOffsets
  }

  get caseBytes(): Uint8Array | undefined {
    return this.#loaded().caseBytes
  }

  get content(): Uint8Array | undefined {
    return this.#loaded().content
  }
}
