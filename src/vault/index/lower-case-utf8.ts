/**
 * Lower-cases UTF-8 bytes in one pass without decoding to a string: runs of ASCII without
 * capitals are skipped four bytes at a time, capitals are handled inline, other code points go
 * through a lazily filled cache of their lower case. Gives up (undefined) whenever the result
 * could differ from `TextDecoder` + `toLowerCase` + `TextEncoder`: a byte length change,
 * context-dependent casing (final sigma), multi-code-point mappings, or invalid UTF-8.
 */

/** A lower-cased UTF-8 copy plus the offsets whose original byte differs, and those bytes. */
export interface LowerCased {
  lower: Uint8Array
  caseOffsets: Uint32Array
  caseBytes: Uint8Array
}

/** Cache value for a code point not looked up yet; others are its lower case + 1, or REFUSE. */
const UNKNOWN = 0
const REFUSE = -1
const INVALID = -1
const GREEK_CAPITAL_SIGMA = 0x3a3

const bmpCache = new Int32Array(0x10000)
const astralCache = new Map<number, number>()

/** Scratch space for offsets and original bytes, kept between calls and grown geometrically. */
let scratchOffsets: Uint32Array = new Uint32Array(1024)
let scratchBytes: Uint8Array = new Uint8Array(1024)

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
}

/** The cache value for `cp`: its lower case + 1 when that keeps the UTF-8 length, else REFUSE. */
function computeMapping(cp: number): number {
  if (cp === GREEK_CAPITAL_SIGMA) return REFUSE
  const lower = String.fromCodePoint(cp).toLowerCase()
  const mapped = lower.codePointAt(0) as number
  if (lower.length !== (mapped > 0xffff ? 2 : 1)) return REFUSE
  return utf8Length(mapped) === utf8Length(cp) ? mapped + 1 : REFUSE
}

function mappingOf(cp: number): number {
  if (cp < 0x10000) {
    const cached = bmpCache[cp] as number
    if (cached !== UNKNOWN) return cached
    const value = computeMapping(cp)
    bmpCache[cp] = value
    return value
  }
  let value = astralCache.get(cp)
  if (value === undefined) {
    value = computeMapping(cp)
    astralCache.set(cp, value)
  }
  return value
}

/** Whether four little-endian bytes are all ASCII and none is A–Z (SWAR range test). */
function isPlainWord(word: number): boolean {
  return (word & 0x80808080) === 0 && ((word + 0x3f3f3f3f) & ~(word + 0x25252525) & 0x80808080) === 0
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80
}

/**
 * Decodes the multi-byte sequence starting at `i` (lead byte `b0`): its code point times 8 plus
 * its length, or INVALID for a truncated, overlong, surrogate or out-of-range sequence.
 */
function decodeAt(bytes: Uint8Array, i: number, b0: number): number {
  const n = bytes.length
  if (b0 < 0xc2 || b0 > 0xf4) return INVALID
  const b1 = i + 1 < n ? (bytes[i + 1] as number) : 0
  if (!isContinuation(b1)) return INVALID
  if (b0 < 0xe0) return ((((b0 & 0x1f) << 6) | (b1 & 0x3f)) << 3) | 2
  const b2 = i + 2 < n ? (bytes[i + 2] as number) : 0
  if (!isContinuation(b2)) return INVALID
  if (b0 < 0xf0) {
    const cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f)
    return cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) ? INVALID : (cp << 3) | 3
  }
  const b3 = i + 3 < n ? (bytes[i + 3] as number) : 0
  if (!isContinuation(b3)) return INVALID
  const cp = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)
  return cp < 0x10000 || cp > 0x10ffff ? INVALID : (cp << 3) | 4
}

/** Byte `k` of the `length`-byte UTF-8 encoding of `cp`. */
function utf8Byte(cp: number, length: number, k: number): number {
  const shift = (length - 1 - k) * 6
  return k === 0 ? ((0xf00 >> length) & 0xff) | (cp >> shift) : 0x80 | ((cp >> shift) & 0x3f)
}

function grownOffsets(offsets: Uint32Array): Uint32Array {
  const grown = new Uint32Array(offsets.length * 2)
  grown.set(offsets)
  return grown
}

function grownBytes(bytes: Uint8Array): Uint8Array {
  const grown = new Uint8Array(bytes.length * 2)
  grown.set(bytes)
  return grown
}

/**
 * Lower-cases UTF-8 `bytes` (without BOM) exactly as `TextDecoder`, `toLowerCase` and
 * `TextEncoder` would, and lists the changed offsets with their original bytes. Undefined when
 * the fast path cannot guarantee that result (the caller then takes the slow path).
 */
export function lowerCaseUtf8(bytes: Uint8Array): LowerCased | undefined {
  const n = bytes.length
  // Not from the shared pool: an indexed note keeps this buffer for as long as it is indexed.
  const lower: Uint8Array = Buffer.allocUnsafeSlow(n)
  lower.set(bytes)
  const view = new DataView(bytes.buffer, bytes.byteOffset, n)
  let offsets = scratchOffsets
  let originals = scratchBytes
  let count = 0
  let i = 0
  let wordCheckAt = 0
  while (i < n) {
    if (i >= wordCheckAt) {
      while (i + 4 <= n && isPlainWord(view.getInt32(i, true))) i += 4
      if (i >= n) break
      // Go byte by byte over the word holding a capital or non-ASCII byte.
      wordCheckAt = i + 4
    }
    const b0 = bytes[i] as number
    if (b0 < 0x80) {
      if (b0 >= 0x41 && b0 <= 0x5a) {
        lower[i] = b0 + 32
        if (count === offsets.length) {
          offsets = grownOffsets(offsets)
          originals = grownBytes(originals)
        }
        offsets[count] = i
        originals[count++] = b0
      }
      i++
      continue
    }
    const decoded = decodeAt(bytes, i, b0)
    if (decoded === INVALID) return undefined
    const cp = decoded >> 3
    const length = decoded & 7
    const mapped = mappingOf(cp)
    if (mapped === REFUSE) return undefined
    if (mapped !== cp + 1) {
      for (let k = 0; k < length; k++) {
        const value = utf8Byte(mapped - 1, length, k)
        const original = bytes[i + k] as number
        if (value === original) continue
        lower[i + k] = value
        if (count === offsets.length) {
          offsets = grownOffsets(offsets)
          originals = grownBytes(originals)
        }
        offsets[count] = i + k
        originals[count++] = original
      }
    }
    i += length
  }
  scratchOffsets = offsets
  scratchBytes = originals
  return { lower, caseOffsets: offsets.slice(0, count), caseBytes: originals.slice(0, count) }
}
