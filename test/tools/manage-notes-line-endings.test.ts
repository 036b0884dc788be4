import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createToolVault } from '../helpers/tool-vault.ts'

const BOM = Buffer.from([0xef, 0xbb, 0xbf])
const CRLF_NOTE = '---\r\ntags: a\r\n---\r\n# Title\r\n\r\n- [ ] task one\r\nlast line\r\n'
const crlf = (text: string) => Buffer.concat([BOM, Buffer.from(text)])

const cases: [name: string, input: Record<string, unknown>, expected: string][] = [
  ['append', { operation: 'append', content: 'new\nlines' }, `${CRLF_NOTE}new\r\nlines\r\n`],
  [
    'prepend',
    { operation: 'prepend', content: 'top' },
    CRLF_NOTE.replace('---\r\n# Title', '---\r\ntop\r\n# Title'),
  ],
  ['update', { operation: 'update', content: 'body\nmore' }, '---\r\ntags: a\r\n---\r\nbody\r\nmore\r\n'],
  [
    'replace',
    { operation: 'replace', old_text: '# Title\n\n- [ ]', new_text: '# Renamed\n\n- [ ]' },
    CRLF_NOTE.replace('# Title', '# Renamed'),
  ],
  [
    'complete_task',
    { operation: 'complete_task', task_identifier: 'task one' },
    CRLF_NOTE.replace('[ ]', '[x]'),
  ],
  [
    'update_frontmatter',
    { operation: 'update_frontmatter', properties: { status: 'done' } },
    CRLF_NOTE.replace('tags: a\r\n', 'tags: a\r\nstatus: done\r\n'),
  ],
]
for (const [name, input, expected] of cases) {
  test(`${name} keeps the BOM and CRLF line endings of a note`, async (t) => {
    const v = await createToolVault(t, { 'Win.md': crlf(CRLF_NOTE) })
    const result = await v.manage({ ...input, path: 'Win.md' })
    assert.equal(result.success, true, String(result.message))
    assert.deepEqual(await v.readBytes('Win.md'), crlf(expected))
  })
}

test('read returns the text without the BOM, CRLF kept, and the hash of the bytes on disk', async (t) => {
  const v = await createToolVault(t, { 'Win.md': crlf(CRLF_NOTE) })
  const result = await v.manage({ operation: 'read', path: 'Win.md' })
  assert.equal(result.content, CRLF_NOTE)
  assert.deepEqual(result.frontmatter, { tags: 'a' })
  const { hashContent } = await import('../../src/vault/index.ts')
  assert.equal(result.hash, hashContent(crlf(CRLF_NOTE)))
})

test('a note with mixed endings keeps its untouched lines byte for byte', async (t) => {
  const mixed = 'one\r\ntwo\nthree\r\nfour\r\n'
  const v = await createToolVault(t, { 'Mixed.md': mixed })
  await v.manage({ operation: 'replace', path: 'Mixed.md', old_text: 'two\nthree', new_text: '2\n3' })
  assert.equal(await v.readText('Mixed.md'), 'one\r\n2\n3\r\nfour\r\n')
})

test('a note that is not valid UTF-8 is read but never rewritten', async (t) => {
  const bytes = Buffer.concat([Buffer.from('ok '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')])
  const v = await createToolVault(t, { 'Latin.md': bytes })
  const read = await v.manage({ operation: 'read', path: 'Latin.md' })
  assert.match(String(read.message), /not valid UTF-8/)
  const append = await v.manage({ operation: 'append', path: 'Latin.md', content: 'x' })
  assert.equal(append.success, false)
  assert.match(String(append.message), /is not valid UTF-8; Jasque will not rewrite it/)
  assert.deepEqual(await v.readBytes('Latin.md'), bytes)
})
