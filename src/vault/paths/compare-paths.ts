/**
 * Code-point order for paths (JavaScript's `<` compares UTF-16 units, which puts astral
 * characters such as emoji before U+E000–U+FFFF); every sorted list of the tools uses this.
 */
export function comparePaths(a: string, b: string): number {
  if (a === b) return 0
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const left = a.charCodeAt(i)
    const right = b.charCodeAt(i)
    if (left === right) continue
    const leftSurrogate = left >= 0xd800 && left <= 0xdfff
    const rightSurrogate = right >= 0xd800 && right <= 0xdfff
    if (leftSurrogate !== rightSurrogate && (left >= 0xe000 || right >= 0xe000)) {
      // A surrogate pair encodes a code point above U+FFFF: it sorts after any BMP character.
      return leftSurrogate ? 1 : -1
    }
    return left - right
  }
  return a.length - b.length
}

/** Index at which `value` is, or would be inserted, in the sorted array `list`. */
export function sortedIndexOf(list: readonly string[], value: string): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (comparePaths(list[middle] as string, value) < 0) low = middle + 1
    else high = middle
  }
  return low
}

/** Inserts into a sorted array unless present; returns whether it was added. */
export function insertSorted(list: string[], value: string): boolean {
  const at = sortedIndexOf(list, value)
  if (list[at] === value) return false
  list.splice(at, 0, value)
  return true
}

/** Removes from a sorted array; returns whether it was there. */
export function removeSorted(list: string[], value: string): boolean {
  const at = sortedIndexOf(list, value)
  if (list[at] !== value) return false
  list.splice(at, 1)
  return true
}

/** The [start, end) range of entries of a sorted path list that lie under `folder` ('' = all). */
export function folderRange(list: readonly string[], folder: string): [number, number] {
  if (folder === '') return [0, list.length]
  const prefix = `${folder}/`
  const start = sortedIndexOf(list, prefix)
  // '0' is the code point right after '/', so every path under the folder sorts before it.
  const end = sortedIndexOf(list, `${folder}0`)
  return [start, end]
}
