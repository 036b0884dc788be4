import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MAX_RESULT_BYTES } from '../../src/tools/cap-result.ts'
import { hashContent } from '../../src/vault/index.ts'
import { createToolVault } from '../helpers/tool-vault.ts'

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8')

function bigNote(): string {
  const lines = ['---', 'title: Big', 'tags: [archive]', '---']
  for (let i = 0; Buffer.byteLength(lines.join('\n')) < 300 * 1024; i++)
    lines.push(`Line ${i}: "quoted" text with a tab\tand ünïcödé, plus an emoji 😀 now and then.`)
  return `${lines.join('\n')}\n`
}

test('a 300 KB note is read in pages that each fit the output cap and join back exactly', async (t) => {
  const text = bigNote()
  const v = await createToolVault(t, { 'Big.md': text })
  const pages: string[] = []
  let offset = 0
  let count = 0
  for (;;) {
    const result = await v.manage({ operation: 'read', path: 'Big.md', offset })
    count++
    assert.equal(result.success, true)
    assert.ok(jsonBytes(result) <= MAX_RESULT_BYTES, `page ${count} is ${jsonBytes(result)} bytes`)
    assert.equal('truncated' in result, false, 'the cap never had to cut a page')
    assert.equal(result.hash, hashContent(text))
    assert.equal(result.page, count)
    assert.equal(result.offset, offset)
    assert.equal(result.total_length, text.length)
    if (count === 1) assert.deepEqual(result.frontmatter, { title: 'Big', tags: ['archive'] })
    else assert.equal('frontmatter' in result, false)
    pages.push(String(result.content))
    if (result.next_offset === undefined) {
      assert.equal(result.page_count, count)
      assert.match(String(result.message), /This is the last page\./)
      break
    }
    assert.match(
      String(result.message),
      new RegExp(`Call read again with offset=${result.next_offset} for the next page\\.`),
    )
    offset = Number(result.next_offset)
  }
  assert.ok(count >= 5, `${count} pages`)
  assert.equal(pages.join(''), text)
})

test('a small note is returned whole, without page fields', async (t) => {
  const v = await createToolVault(t, { 'Small.md': 'small\n' })
  const result = await v.manage({ operation: 'read', path: 'Small.md' })
  for (const field of ['offset', 'page', 'page_count', 'next_offset', 'total_length'])
    assert.equal(field in result, false)
})

test('a replace works on a long note using text from a later page', async (t) => {
  const text = bigNote()
  const v = await createToolVault(t, { 'Big.md': text })
  const first = await v.manage({ operation: 'read', path: 'Big.md' })
  const second = await v.manage({ operation: 'read', path: 'Big.md', offset: first.next_offset })
  const line = String(second.content).split('\n')[3] as string
  const result = await v.manage({
    operation: 'replace',
    path: 'Big.md',
    old_text: line,
    new_text: 'CHANGED',
    expected_hash: second.hash,
  })
  assert.equal(result.success, true, String(result.message))
  assert.equal(await v.readText('Big.md'), text.replace(line, 'CHANGED'))
})
