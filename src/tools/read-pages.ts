/**
 * Pages of a long note for `read`. A page is the longest run of characters whose JSON encoding
 * fits PAGE_BYTES (so a page plus the other result fields stays under the 64 KB output cap),
 * ended after a line break when one lies in its second half, never inside a surrogate pair.
 * Page boundaries depend only on the text, so page numbers are stable between calls.
 */

/** The JSON-encoded size budget of one page of `content`. */
export const PAGE_BYTES = 56 * 1024

/** Bytes one UTF-16 unit takes inside a JSON string (a surrogate pair counts 2 + 2). */
function jsonBytes(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2
  if (code < 0x20) return code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6
  if (code < 0x80) return 1
  if (code < 0x800) return 2
  return code >= 0xd800 && code <= 0xdfff ? 2 : 3
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/** Where the page starting at `start` ends (exclusive). */
export function pageEnd(text: string, start: number, budget = PAGE_BYTES): number {
  let used = 0
  let end = start
  while (end < text.length) {
    const cost = jsonBytes(text.charCodeAt(end))
    if (used + cost > budget) break
    used += cost
    end++
  }
  if (end >= text.length) return text.length
  if (end > start + 1 && isHighSurrogate(text.charCodeAt(end - 1))) end--
  const lineBreak = text.lastIndexOf('\n', end - 1)
  if (lineBreak >= start + (end - start) / 2) end = lineBreak + 1
  return Math.max(end, start + 1)
}

export interface NotePage {
  text: string
  offset: number
  /** Start of the next page; absent on the last one. */
  nextOffset?: number
  /** 1-based. */
  page: number
  pageCount: number
}

/** The page of `text` starting at `offset` (any character offset; pages before it are counted). */
export function readPage(text: string, offset: number, budget = PAGE_BYTES): NotePage {
  let pagesBefore = 0
  for (let at = 0; at < offset; at = pageEnd(text, at, budget)) pagesBefore++
  let pageCount = pagesBefore
  let end = offset
  for (let at = offset; at < text.length; at = pageEnd(text, at, budget)) {
    if (at === offset) end = pageEnd(text, at, budget)
    pageCount++
  }
  return {
    text: text.slice(offset, end),
    offset,
    ...(end < text.length ? { nextOffset: end } : {}),
    page: pagesBefore + 1,
    pageCount: Math.max(pageCount, 1),
  }
}
