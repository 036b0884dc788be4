import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PAGE_BYTES, pageEnd, readPage } from './read-pages.ts'

// The page budget counts the characters inside the quotes.
const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8') - 2

function allPages(text: string, budget = PAGE_BYTES) {
  const pages = []
  for (let offset = 0; offset < text.length; ) {
    const page = readPage(text, offset, budget)
    pages.push(page)
    offset = page.nextOffset ?? text.length
  }
  return pages
}

const samples: [name: string, text: string][] = [
  ['ASCII lines', 'A line of plain text for the pager.\n'.repeat(9000)],
  ['quotes and backslashes', '"\\'.repeat(100_000)],
  ['control characters', '\u0001\u0002'.repeat(40_000)],
  ['emoji (surrogate pairs)', '😀'.repeat(50_000)],
  ['CJK text with CRLF', '漢字かな\r\n'.repeat(20_000)],
]
for (const [name, text] of samples) {
  test(`pages of ${name} cover the text exactly and each fits the budget`, () => {
    const pages = allPages(text)
    assert.ok(pages.length > 1)
    assert.equal(pages.map((page) => page.text).join(''), text)
    for (const [index, page] of pages.entries()) {
      assert.ok(jsonBytes(page.text) <= PAGE_BYTES, `page ${index + 1} is ${jsonBytes(page.text)} bytes`)
      assert.equal(page.page, index + 1)
      assert.equal(page.pageCount, pages.length)
      assert.ok(page.text.isWellFormed(), 'a surrogate pair was split')
    }
  })
}

test('a page ends after a line break when one lies in its second half', () => {
  const text = 'abcdefghi\n'.repeat(20)
  const end = pageEnd(text, 0, 55)
  assert.equal(text[end - 1], '\n')
  assert.equal(end, 50)
})

test('a short text is one page', () => {
  assert.deepEqual(readPage('hello', 0), { text: 'hello', offset: 0, page: 1, pageCount: 1 })
})

test('an offset between boundaries still counts the pages before it', () => {
  const text = 'x'.repeat(100)
  const page = readPage(text, 25, 10)
  assert.equal(page.page, 4)
  assert.equal(page.text, 'x'.repeat(10))
  assert.equal(page.nextOffset, 35)
  assert.equal(page.pageCount, 3 + 8)
})
