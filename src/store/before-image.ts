/**
 * Storage form of a file's bytes before a change: small images are kept as they are, larger ones
 * gzip-compressed when that saves space. Decoding gives back the exact original bytes.
 */
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Images up to this size are stored raw: compressing them saves little and costs a round trip. */
export const COMPRESS_THRESHOLD = 4096

export type BeforeImageEncoding = 'identity' | 'gzip'

export interface EncodedBeforeImage {
  encoding: BeforeImageEncoding
  /** Size of the original bytes. */
  size: number
  data: Uint8Array
}

/** Compresses `bytes` when larger than 4 KB and the result is smaller; never blocks the event loop. */
export async function encodeBeforeImage(bytes: Uint8Array): Promise<EncodedBeforeImage> {
  if (bytes.byteLength > COMPRESS_THRESHOLD) {
    const compressed = await gzipAsync(bytes)
    if (compressed.byteLength < bytes.byteLength) {
      return { encoding: 'gzip', size: bytes.byteLength, data: compressed }
    }
  }
  return { encoding: 'identity', size: bytes.byteLength, data: bytes }
}

/** Returns the original bytes as a plain Uint8Array (not a Buffer), whatever the driver gave. */
export async function decodeBeforeImage(encoding: string, data: Uint8Array): Promise<Uint8Array> {
  if (encoding === 'gzip') return new Uint8Array(await gunzipAsync(data))
  if (encoding === 'identity') return new Uint8Array(data)
  throw new Error(`unknown before-image encoding "${encoding}"`)
}
