import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extractLinks } from '../parse/links.ts'
import { renderLink } from './link-render.ts'

const cases: Array<{ source: string; target: string; rendered: string }> = [
  { source: '[[Old]]', target: 'New', rendered: '[[New]]' },
  { source: '[[Old|Shown]]', target: 'folder/New', rendered: '[[folder/New|Shown]]' },
  { source: '[[Old#Heading|Shown]]', target: 'New', rendered: '[[New#Heading|Shown]]' },
  { source: '[[Old#^blk]]', target: 'New', rendered: '[[New#^blk]]' },
  { source: '![[Old]]', target: 'New', rendered: '![[New]]' },
  { source: '![[old.png|100]]', target: 'img/new.png', rendered: '![[img/new.png|100]]' },
  { source: '![[doc.pdf#page=3]]', target: 'docs/doc.pdf', rendered: '![[docs/doc.pdf#page=3]]' },
  { source: '[[Old\\|Shown]]', target: 'New', rendered: '[[New\\|Shown]]' },
  { source: '[[Old.md]]', target: 'New.md', rendered: '[[New.md]]' },
  { source: '[t](Old.md)', target: 'folder/New Name.md', rendered: '[t](folder/New%20Name.md)' },
  { source: '[t](Old.md#My%20Part)', target: 'New.md', rendered: '[t](New.md#My%20Part)' },
  { source: '[t](<Old.md>)', target: 'folder/New Name.md', rendered: '[t](<folder/New Name.md>)' },
  { source: '[t](<Old.md#A B>)', target: 'N.md', rendered: '[t](<N.md#A B>)' },
  { source: '![a](old.png)', target: 'img/new (1).png', rendered: '![a](img/new%20%281%29.png)' },
  { source: '[t](Old.md "Title")', target: 'New.md', rendered: '[t](New.md "Title")' },
  { source: '[](Old.md)', target: '100% café.md', rendered: '[](100%25%20café.md)' },
  { source: '[t](<Old.md>)', target: 'a>b.md', rendered: '[t](a%3Eb.md)' },
]

for (const { source, target, rendered } of cases) {
  test(`renderLink turns ${source} into ${rendered}`, () => {
    const [link] = extractLinks(source)
    assert.equal(renderLink(link!, target), rendered)
  })
}

test('a rendered link reads back with the new target and the same parts', () => {
  for (const { source, target } of cases) {
    const [before] = extractLinks(source)
    const [after] = extractLinks(renderLink(before!, target))
    assert.equal(after!.target, target, source)
    for (const field of ['kind', 'embed', 'subpath', 'alias', 'escapedPipe', 'title'] as const) {
      assert.equal(after![field], before![field], `${field} of ${source}`)
    }
  }
})
