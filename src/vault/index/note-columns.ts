/**
 * The integer layouts of a note's links and tasks, shared by the index, the initial build's
 * batches and the snapshot file: one definition, so a field added changes every reader and writer.
 */

/** Integers per link in IndexedParse.linkData, at these offsets. */
export const LINK_FIELDS = 4
export const LINK_LINE = 0
export const LINK_START = 1
export const LINK_END = 2
/** LINK_EMBED | LINK_MARKDOWN. */
export const LINK_FLAGS = 3
export const LINK_EMBED = 1
export const LINK_MARKDOWN = 2

/** Integers per task in a batch's `refs` and a snapshot's ints, at these offsets. */
export const TASK_FIELDS = 6
export const TASK_LINE = 0
/** A string id (batch strings, snapshot texts). */
export const TASK_TEXT = 1
/** Interned string ids. */
export const TASK_STATUS = 2
export const TASK_MARKER = 3
export const TASK_INDENT = 4
export const TASK_STATUS_OFFSET = 5
