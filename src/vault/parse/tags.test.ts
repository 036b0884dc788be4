import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extractFrontmatterTags, extractInlineTags, isValidTag, uniqueTags } from './tags.ts'

const inlineCases: Array<{ name: string; text: string; tags: string[] }> = [
  { name: 'a tag starting a line', text: '#project notes', tags: ['project'] },
  { name: 'tags after spaces and tabs', text: 'a #one\tb\t#two', tags: ['one', 'two'] },
  { name: 'nested tags as one tag', text: 'see #a/b/c.', tags: ['a/b/c'] },
  {
    name: 'Unicode letters',
    text: '#café #日本語 #naïve-bayes #projet/équipe',
    tags: ['café', '日本語', 'naïve-bayes', 'projet/équipe'],
  },
  { name: 'an emoji tag', text: 'mood #🚀 and #idea💡', tags: ['🚀', 'idea💡'] },
  {
    name: 'digit-first tags with a non-digit',
    text: '#2024-review #y1984 #1984',
    tags: ['2024-review', 'y1984'],
  },
  {
    name: 'a tag ended by punctuation',
    text: 'done #todo, then #idea! and #q3-goals? #snake_case_tag.',
    tags: ['todo', 'idea', 'q3-goals', 'snake_case_tag'],
  },
  { name: 'no heading markers', text: '# Title\n## Sub #real', tags: ['real'] },
  { name: 'no URL fragments', text: 'https://x.org/page#frag and [m](https://e.com/a#faq)', tags: [] },
  { name: 'no link anchors', text: '[[Note#Heading]] [[#Local]] [t](Note.md#Part)', tags: [] },
  { name: 'no tags glued to a word or another tag', text: 'a#b #c#d', tags: ['c'] },
  { name: 'tags at the start of a CRLF line', text: 'x\r\n#crlf', tags: ['crlf'] },
  { name: 'no bare hash', text: 'a # b #', tags: [] },
  { name: 'repeats, in order', text: '#a #B #a', tags: ['a', 'B', 'a'] },
  { name: 'a tag after a non-breaking space', text: 'a\u00a0#nbsp', tags: ['nbsp'] },
  { name: 'a tag ended by an em dash', text: '#dash—rest', tags: ['dash'] },
]

for (const { name, text, tags } of inlineCases) {
  test(`extractInlineTags finds ${name}`, () => {
    assert.deepEqual(extractInlineTags(text), tags)
  })
}

test('extractInlineTags starts at the given offset, which counts as a line start', () => {
  assert.deepEqual(extractInlineTags('---\ntags: x #no\n---\n#yes', '---\ntags: x #no\n---\n'.length), [
    'yes',
  ])
})

const frontmatterCases: Array<{ name: string; data: Record<string, unknown> | null; tags: string[] }> = [
  { name: 'a list', data: { tags: ['a', 'b/c'] }, tags: ['a', 'b/c'] },
  { name: 'a string', data: { tags: 'single' }, tags: ['single'] },
  { name: 'a comma string', data: { tags: 'a, b,c' }, tags: ['a', 'b', 'c'] },
  { name: 'a space-separated string', data: { tags: 'a b' }, tags: ['a', 'b'] },
  { name: 'leading hashes', data: { tags: ['#a', '#b'] }, tags: ['a', 'b'] },
  { name: 'the legacy tag key', data: { tag: 'old' }, tags: ['old'] },
  { name: 'a capitalised key', data: { Tags: ['x'] }, tags: ['x'] },
  {
    name: 'numbers that are not tags',
    data: { tags: [2024, '2024-review', 'ok'] },
    tags: ['2024-review', 'ok'],
  },
  { name: 'empty values', data: { tags: null }, tags: [] },
  { name: 'an empty list', data: { tags: [] }, tags: [] },
  { name: 'no frontmatter', data: null, tags: [] },
  { name: 'other keys ignored', data: { color: '#ff8800', tags: ['t'] }, tags: ['t'] },
  { name: 'objects ignored', data: { tags: [{ a: 1 }, 'ok'] }, tags: ['ok'] },
]

for (const { name, data, tags } of frontmatterCases) {
  test(`extractFrontmatterTags reads ${name}`, () => {
    assert.deepEqual(extractFrontmatterTags(data), tags)
  })
}

test('isValidTag needs allowed characters and a non-digit', () => {
  assert.equal(isValidTag('a-b_c/d'), true)
  assert.equal(isValidTag('123'), false)
  assert.equal(isValidTag('a b'), false)
  assert.equal(isValidTag('a.b'), false)
  assert.equal(isValidTag(''), false)
})

test('uniqueTags merges case-insensitively keeping the first spelling', () => {
  assert.deepEqual(uniqueTags(['Project', 'idea', 'project', 'IDEA', 'x']), ['Project', 'idea', 'x'])
})

test('extractInlineTags skips the given ranges', () => {
  const text = '[[Note #x]] #a [t #y](<b #z.md>) #b'
  const skip = [
    { start: 0, end: 11 },
    { start: 15, end: 32 },
  ]
  assert.deepEqual(extractInlineTags(text, 0, skip), ['a', 'b'])
})
