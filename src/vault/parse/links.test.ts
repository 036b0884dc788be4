import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extractLinks } from './links.ts'
import { maskCode } from './markdown-mask.ts'
import type { NoteLink } from './types.ts'

type LinkFields = Omit<NoteLink, 'line' | 'range'>

const cases: Array<{ text: string; link: LinkFields }> = [
  { text: '[[Note]]', link: { kind: 'wikilink', embed: false, target: 'Note' } },
  { text: '[[Note.md]]', link: { kind: 'wikilink', embed: false, target: 'Note.md' } },
  { text: '[[Note|Shown]]', link: { kind: 'wikilink', embed: false, target: 'Note', alias: 'Shown' } },
  { text: '[[Note#Heading]]', link: { kind: 'wikilink', embed: false, target: 'Note', subpath: 'Heading' } },
  { text: '[[Note#H1#H2]]', link: { kind: 'wikilink', embed: false, target: 'Note', subpath: 'H1#H2' } },
  {
    text: '[[Note#Heading|Shown]]',
    link: { kind: 'wikilink', embed: false, target: 'Note', subpath: 'Heading', alias: 'Shown' },
  },
  {
    text: '[[#Local heading]]',
    link: { kind: 'wikilink', embed: false, target: '', subpath: 'Local heading' },
  },
  { text: '[[Note#^blk1]]', link: { kind: 'wikilink', embed: false, target: 'Note', subpath: '^blk1' } },
  { text: '[[folder/Sub Note]]', link: { kind: 'wikilink', embed: false, target: 'folder/Sub Note' } },
  { text: '![[Note]]', link: { kind: 'wikilink', embed: true, target: 'Note' } },
  { text: '![[Note#^id]]', link: { kind: 'wikilink', embed: true, target: 'Note', subpath: '^id' } },
  { text: '![[img.png|100]]', link: { kind: 'wikilink', embed: true, target: 'img.png', alias: '100' } },
  {
    text: '![[img.png|100x145]]',
    link: { kind: 'wikilink', embed: true, target: 'img.png', alias: '100x145' },
  },
  {
    text: '![[doc.pdf#page=3]]',
    link: { kind: 'wikilink', embed: true, target: 'doc.pdf', subpath: 'page=3' },
  },
  {
    text: '| a | [[Note\\|Shown]] |',
    link: { kind: 'wikilink', embed: false, target: 'Note', alias: 'Shown', escapedPipe: true },
  },
  {
    text: '| a | [[Note#H\\|Shown]] |',
    link: { kind: 'wikilink', embed: false, target: 'Note', subpath: 'H', alias: 'Shown', escapedPipe: true },
  },
  {
    text: '[t](folder/Name%20X.md)',
    link: { kind: 'markdown', embed: false, target: 'folder/Name X.md', alias: 't' },
  },
  {
    text: '[t](<folder/Name X.md>)',
    link: { kind: 'markdown', embed: false, target: 'folder/Name X.md', alias: 't', angleBrackets: true },
  },
  { text: '[t](Note)', link: { kind: 'markdown', embed: false, target: 'Note', alias: 't' } },
  {
    text: '[t](Note.md#My%20Heading)',
    link: { kind: 'markdown', embed: false, target: 'Note.md', subpath: 'My Heading', alias: 't' },
  },
  { text: '[t](#Local)', link: { kind: 'markdown', embed: false, target: '', subpath: 'Local', alias: 't' } },
  {
    text: '![alt](attachments/Pasted%20image.png)',
    link: { kind: 'markdown', embed: true, target: 'attachments/Pasted image.png', alias: 'alt' },
  },
  { text: '[](Note.md)', link: { kind: 'markdown', embed: false, target: 'Note.md' } },
  {
    text: '[t](Note.md "Title")',
    link: { kind: 'markdown', embed: false, target: 'Note.md', alias: 't', title: ' "Title"' },
  },
  { text: '[t](A%20(1).md)', link: { kind: 'markdown', embed: false, target: 'A (1).md', alias: 't' } },
  { text: '[t](100%.md)', link: { kind: 'markdown', embed: false, target: '100%.md', alias: 't' } },
]

for (const { text, link } of cases) {
  test(`extractLinks reads ${text}`, () => {
    const [found, ...rest] = extractLinks(text)
    assert.equal(rest.length, 0)
    const { line, range, ...fields } = found!
    assert.deepEqual(fields, link)
    assert.equal(line, 1)
    const source = text.slice(range.start, range.end)
    assert.ok(text.startsWith(source) || text.includes(`| ${source} |`), `range covers ${source}`)
  })
}

const notLinks = [
  '[site](https://example.com/page)',
  '[mail](mailto:me@example.com)',
  '[open](obsidian://open?vault=v)',
  '[file](file:///tmp/x.md)',
  '[proto](//example.com/x)',
  '[empty]()',
  '\\[escaped](Note.md)',
  '[[]]',
  '[[## search shortcut]]',
  '[[^^ block search]]',
  '[t] (Note.md)',
  '[[Split\nacross]]',
]

for (const text of notLinks) {
  test(`extractLinks finds no link in ${JSON.stringify(text)}`, () => {
    assert.deepEqual(extractLinks(text), [])
  })
}

test('extractLinks gives true 1-based lines and exact ranges, in order', () => {
  const text = 'line one\n\n[t](b.md) and [[a]]\r\n![[c|x]]\n'
  const links = extractLinks(text)
  assert.deepEqual(
    links.map((link) => [link.target, link.line, text.slice(link.range.start, link.range.end)]),
    [
      ['b.md', 3, '[t](b.md)'],
      ['a', 3, '[[a]]'],
      ['c', 4, '![[c|x]]'],
    ],
  )
})

test('extractLinks ignores links in code once it is masked', () => {
  const text = '```\n[[Fenced]]\n```\n`[[Inline]]` %%[[Comment]]%% [[Real]]'
  assert.deepEqual(
    extractLinks(maskCode(text).text).map((link) => link.target),
    ['Real'],
  )
})

test('extractLinks reads wikilinks in frontmatter values but not Markdown links there', () => {
  const text = '---\nrelated: "[[Other]]"\nurl: "[x](y.md)"\n---\n[[Body]]'
  const links = extractLinks(text, text.indexOf('[[Body'))
  assert.deepEqual(
    links.map((link) => [link.target, link.line, link.inFrontmatter ?? false]),
    [
      ['Other', 2, true],
      ['Body', 5, false],
    ],
  )
})
