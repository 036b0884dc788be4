import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { COMPRESS_THRESHOLD, decodeBeforeImage, encodeBeforeImage } from './before-image.ts'

const cases: { name: string; bytes: Uint8Array; encoding: string }[] = [
  { name: 'an empty file', bytes: new Uint8Array(), encoding: 'identity' },
  { name: 'a small note', bytes: new TextEncoder().encode('# Hi\r\n'), encoding: 'identity' },
  {
    name: 'a note exactly at the threshold',
    bytes: new Uint8Array(COMPRESS_THRESHOLD).fill(97),
    encoding: 'identity',
  },
  { name: 'a large repetitive note', bytes: new Uint8Array(100_000).fill(97), encoding: 'gzip' },
  { name: 'large random bytes', bytes: new Uint8Array(randomBytes(10_000)), encoding: 'identity' },
]

for (const { name, bytes, encoding } of cases) {
  test(`${name} is stored as ${encoding} and decodes to the same bytes`, async () => {
    const encoded = await encodeBeforeImage(bytes)
    assert.equal(encoded.encoding, encoding)
    assert.equal(encoded.size, bytes.byteLength)
    const decoded = await decodeBeforeImage(encoded.encoding, encoded.data)
    assert.equal(Object.getPrototypeOf(decoded), Uint8Array.prototype)
    assert.deepEqual(decoded, bytes)
  })
}

test('an unknown encoding is rejected', async () => {
  await assert.rejects(decodeBeforeImage('zstd', new Uint8Array()), /unknown before-image encoding/)
})
