/** Maps a text offset to its 1-based line number. */
export type LineLocator = (offset: number) => number

/** Indexes the newlines of `text` once; each lookup is then a binary search. */
export function createLineLocator(text: string): LineLocator {
  const newlines: number[] = []
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i)
  return (offset) => {
    let low = 0
    let high = newlines.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (newlines[middle]! < offset) low = middle + 1
      else high = middle
    }
    return low + 1
  }
}
