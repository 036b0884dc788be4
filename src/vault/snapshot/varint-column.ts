/**
 * An Int32 column as zigzag LEB128 bytes: most values in a snapshot (counts, deltas, small ids)
 * take one byte instead of four, which leaves compression less to do and makes loading faster.
 */

/** The column as bytes (a value takes 1–5 bytes). */
export function packInts(values: Int32Array): Uint8Array {
  let out = new Uint8Array(values.length + 16)
  let at = 0
  for (let i = 0; i < values.length; i++) {
    if (at + 5 > out.length) {
      const grown = new Uint8Array(out.length * 2)
      grown.set(out)
      out = grown
    }
    const value = values[i] as number
    // Zigzag: small negative numbers (the -1 of "none", deltas) stay small.
    let rest = ((value << 1) ^ (value >> 31)) >>> 0
    while (rest >= 0x80) {
      out[at++] = (rest & 0x7f) | 0x80
      rest >>>= 7
    }
    out[at++] = rest
  }
  return out.slice(0, at)
}

/** The `count` values packed by packInts; throws when the bytes end early or run on. */
export function unpackInts(bytes: Uint8Array, count: number): Int32Array {
  const values = new Int32Array(count)
  const end = bytes.length
  let at = 0
  for (let i = 0; i < count; i++) {
    // A value's last byte is below 0x80; past the end, `undefined` reads as 0 and ends it.
    let byte = bytes[at++] as number
    let value = byte & 0x7f
    for (let shift = 7; byte >= 0x80; shift += 7) {
      byte = bytes[at++] as number
      value |= (byte & 0x7f) << shift
    }
    values[i] = (value >>> 1) ^ -(value & 1)
  }
  if (at !== end) throw new Error('packed integers are truncated or run past their count')
  return values
}
