import assert from 'node:assert/strict'
import { test } from 'node:test'
import { hashContent } from './content-hash.ts'

test('hashContent gives the first 16 hex characters of the SHA-256 of the bytes', () => {
  // sha256('abc') = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
  assert.equal(hashContent('abc'), 'ba7816bf8f01cfea')
})

test('hashContent hashes a string as its UTF-8 bytes', () => {
  assert.equal(hashContent('café'), hashContent(new TextEncoder().encode('café')))
})

test('hashContent tells apart texts that differ only in line endings or a BOM', () => {
  const hashes = new Set([hashContent('a\nb'), hashContent('a\r\nb'), hashContent('\uFEFFa\nb')])
  assert.equal(hashes.size, 3)
})
