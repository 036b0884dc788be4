import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createByteWriter } from './byte-writer.ts'

test('strings and bytes come out as one UTF-8 buffer, past the first 64 KB, with each length returned', () => {
  const writer = createByteWriter()
  const parts: (string | Uint8Array)[] = []
  for (let i = 0; i < 5000; i++) parts.push(i % 3 === 0 ? Buffer.from(`bytes ${i} `) : `täsk ${i} ✓ `)
  const lengths = parts.map((part) => writer.write(part))
  const expected = Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)))
  assert.ok(expected.length > 1 << 16)
  assert.deepEqual(Buffer.from(writer.bytes()), expected)
  assert.deepEqual(
    lengths,
    parts.map((part) => (typeof part === 'string' ? Buffer.byteLength(part) : part.length)),
  )
})
