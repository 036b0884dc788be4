/**
 * The shape in which the initial build moves analysed notes between threads: integer columns and
 * byte ranges in transferable arrays, and strings as two lists (strings the analyser interned for
 * the first time, and strings of this batch only), so the receiving side rebuilds each note from
 * array reads instead of deserialising and re-hashing hundreds of thousands of small objects.
 */

export interface PackedBatch {
  /** Strings the analyser sees for the first time (link targets, tags, task markers, statuses): append to its table. */
  interned: string[]
  /** Strings of this batch only (titles, hashes, aliases, task texts, frontmatter errors). */
  strings: string[]
  /** NOTE_FIELDS integers per note (the F_* offsets). */
  notes: Int32Array<ArrayBuffer>
  /** Modification time per note. */
  mtimes: Float64Array<ArrayBuffer>
  /** Per note from F_REFS: aliases, tags, tasks (TASK_FIELDS each, see note-columns.ts), then links (target, resolved file). */
  refs: Int32Array<ArrayBuffer>
  /** Lower-cased texts, case patches, original texts and link columns, by byte offset. */
  bytes: ArrayBuffer
  /** Notes that could not be read (deleted meanwhile, permissions), by file id. */
  failures: { id: number; error: string }[]
}

/** File id (index into the file list the analyser was given). */
export const F_ID = 0
export const F_SIZE = 1
/** Index in `strings`, or -1 when the title is the file name. */
export const F_TITLE = 2
export const F_HASH = 3
/** Index in `strings`, or -1 when the frontmatter is valid. */
export const F_FM_ERROR = 4
export const F_REFS = 5
export const F_ALIASES = 6
export const F_TAGS = 7
export const F_TASKS = 8
export const F_LINKS = 9
/** Byte range of the lower-cased text. */
export const F_LOWER = 10
export const F_LOWER_END = 11
/** Byte offset of the case offsets (Uint32) and of the case bytes; count -1 when there are none. */
export const F_CASE_OFFSETS = 12
export const F_CASE_BYTES = 13
export const F_CASE_COUNT = 14
/** Byte range of the original text, -1 when it is rebuilt from the lower-cased one. */
export const F_CONTENT = 15
export const F_CONTENT_END = 16
/** Byte offset of the link columns (LINK_FIELDS integers per link). */
export const F_LINK_DATA = 17
export const NOTE_FIELDS = 18

/** A growable Int32 column. */
export class IntColumn {
  private data: Int32Array<ArrayBuffer> = new Int32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }

  /** The values pushed, in an array of their own (transferable). */
  finish(): Int32Array<ArrayBuffer> {
    return this.data.slice(0, this.length)
  }
}
