/**
 * The snapshot file in the data folder (never in the vault): a header (magic, format version,
 * CRC-32 and length of the body), then the body compressed with Zstandard (a third of the
 * deflated size's time to read back, and smaller). The body holds the payload in sections: its
 * strings as one JSON document (JSON.parse is 4x faster than v8.deserialize on them), the packed
 * integers, and the number columns as raw bytes. Written whole to a temporary file with a
 * per-process unique name, fsynced and renamed over the old one, so a reader sees either the old
 * snapshot or the new one, and two processes writing at once do not mix.
 */
import { randomBytes } from 'node:crypto'
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { constants, crc32, zstdCompress, zstdDecompress } from 'node:zlib'
import { hashContent } from '../disk/content-hash.ts'
import type { SnapshotPayload } from './snapshot-codec.ts'

/** Bump whenever the payload's layout or meaning changes: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 3

const MAGIC = Buffer.from('JASQIDX\0', 'latin1')
const HEADER_BYTES = MAGIC.length + 12
const TEMP_SUFFIX = '.tmp'
/** Temporary files of killed writers are removed once this old (a live writer takes seconds). */
const STALE_TEMP_MS = 60 * 60 * 1000

const compress = promisify(zstdCompress)
const decompress = promisify(zstdDecompress)
const DECOMPRESS_CHUNK_BYTES = 64 * 1024 * 1024
/** Level 3: most of level 9's ratio at a third of its time (the write runs in the background). */
const ZSTD_LEVEL = 3

type StringFields = Pick<
  SnapshotPayload,
  'root' | 'capturedAt' | 'intCount' | 'paths' | 'diskPaths' | 'folders' | 'strings' | 'texts'
>

/** Sections, each a 4-byte length then its bytes: JSON of the strings, ints, sizes, mtimes, hashes, task texts; compressed. */
async function encodeBody(payload: SnapshotPayload): Promise<Buffer> {
  const { root, capturedAt, intCount, paths, diskPaths, folders, strings, texts } = payload
  const fields: StringFields = { root, capturedAt, intCount, paths, diskPaths, folders, strings, texts }
  const sections = [
    Buffer.from(JSON.stringify(fields)),
    payload.ints,
    new Uint8Array(payload.sizes.buffer, payload.sizes.byteOffset, payload.sizes.byteLength),
    new Uint8Array(payload.mtimes.buffer, payload.mtimes.byteOffset, payload.mtimes.byteLength),
    payload.hashes,
    payload.taskTexts,
  ]
  const parts: Uint8Array[] = []
  for (const section of sections) {
    const length = Buffer.alloc(4)
    length.writeUInt32LE(section.byteLength)
    parts.push(length, section)
  }
  return compress(Buffer.concat(parts), { params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL } })
}

async function decodeBody(compressed: Buffer): Promise<SnapshotPayload> {
  // Large output chunks: with zlib's default (tens of KB) a 50k-note snapshot came out in thousands
  // of pieces, and joining them took ~0.2 s of a restart.
  const body = await decompress(compressed, { chunkSize: DECOMPRESS_CHUNK_BYTES })
  const sections: Buffer[] = []
  for (let at = 0; at < body.length; ) {
    if (at + 4 > body.length) throw new Error('section header cut short')
    const length = body.readUInt32LE(at)
    if (at + 4 + length > body.length) throw new Error('section cut short')
    sections.push(body.subarray(at + 4, at + 4 + length))
    at += 4 + length
  }
  const [json, ints, sizes, mtimes, hashes, taskTexts] = sections
  if (
    json === undefined ||
    ints === undefined ||
    sizes === undefined ||
    mtimes === undefined ||
    hashes === undefined ||
    taskTexts === undefined
  )
    throw new Error('sections missing')
  // Copies: the number columns need 8-byte alignment.
  const float64 = (bytes: Buffer) => new Float64Array(new Uint8Array(bytes).buffer)
  const fields = JSON.parse(json.toString('utf8')) as StringFields
  return { ...fields, ints, sizes: float64(sizes), mtimes: float64(mtimes), hashes, taskTexts }
}

/** The snapshot file of the vault at `realRoot` inside `dir` (one per vault, so vaults can share a folder). */
export function snapshotPath(dir: string, realRoot: string): string {
  return path.join(dir, `index-${hashContent(realRoot)}.snapshot`)
}

export type SnapshotRead =
  | { ok: true; payload: SnapshotPayload; bytes: number }
  | { ok: false; reason: 'missing' | 'corrupt' | 'other format' | 'other vault'; detail?: string }

/** Reads and checks the snapshot; never throws for a bad file (the reason says why it is unusable). */
export async function readSnapshotFile(file: string, realRoot: string): Promise<SnapshotRead> {
  let data: Buffer
  try {
    data = await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' }
    return { ok: false, reason: 'corrupt', detail: (error as Error).message }
  }
  if (data.length < HEADER_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC))
    return { ok: false, reason: 'corrupt', detail: 'no snapshot header' }
  const format = data.readUInt32LE(MAGIC.length)
  if (format !== SNAPSHOT_FORMAT) return { ok: false, reason: 'other format', detail: `format ${format}` }
  const checksum = data.readUInt32LE(MAGIC.length + 4)
  const length = data.readUInt32LE(MAGIC.length + 8)
  const body = data.subarray(HEADER_BYTES)
  if (body.length !== length) return { ok: false, reason: 'corrupt', detail: 'truncated' }
  if (crc32(body) !== checksum) return { ok: false, reason: 'corrupt', detail: 'checksum mismatch' }
  let payload: SnapshotPayload
  try {
    payload = await decodeBody(body)
  } catch (error) {
    return { ok: false, reason: 'corrupt', detail: (error as Error).message }
  }
  if (payload.root !== realRoot) return { ok: false, reason: 'other vault' }
  return { ok: true, payload, bytes: data.length }
}

/** Writes the snapshot atomically (temp file, fsync, rename); returns its size in bytes. */
export async function writeSnapshotFile(file: string, payload: SnapshotPayload): Promise<number> {
  const body = await encodeBody(payload)
  const header = Buffer.alloc(HEADER_BYTES)
  MAGIC.copy(header)
  header.writeUInt32LE(SNAPSHOT_FORMAT, MAGIC.length)
  header.writeUInt32LE(crc32(body), MAGIC.length + 4)
  header.writeUInt32LE(body.length, MAGIC.length + 8)
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`
  const handle = await open(temp, 'wx')
  try {
    await handle.writev([header, body])
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  // The rename itself reaches the disk with the folder's entry (not possible on every platform).
  const folder = await open(path.dirname(file), 'r').catch(() => undefined)
  await folder?.sync().catch(() => {})
  await folder?.close()
  return header.length + body.length
}

/** Removes temporary snapshot files of `file` left by killed writers (only old ones: others may be writing). */
export async function removeStaleSnapshotTemps(file: string, now = Date.now()): Promise<void> {
  const folder = path.dirname(file)
  const prefix = `${path.basename(file)}.`
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue
    const temp = path.join(folder, name)
    const info = await stat(temp).catch(() => undefined)
    if (info !== undefined && now - info.mtimeMs > STALE_TEMP_MS) await rm(temp, { force: true })
  }
}
