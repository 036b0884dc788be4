/** Appends strings (as UTF-8) and bytes to one growing buffer; write returns the bytes added. */
export function createByteWriter() {
  let buffer = Buffer.allocUnsafe(1 << 16)
  let length = 0
  const reserve = (bytes: number) => {
    if (length + bytes <= buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + bytes))
    buffer.copy(grown, 0, 0, length)
    buffer = grown
  }
  return {
    write(text: string | Uint8Array): number {
      if (typeof text === 'string') {
        reserve(text.length * 3)
        const written = buffer.write(text, length)
        length += written
        return written
      }
      reserve(text.length)
      buffer.set(text, length)
      length += text.length
      return text.length
    },
    bytes: (): Uint8Array => buffer.subarray(0, length),
  }
}
