import assert from 'node:assert/strict'
import { test } from 'node:test'
import { maskCode } from './markdown-mask.ts'

/** The parts of `text` that maskCode blanks out. */
function maskedParts(text: string, from = 0): string[] {
  return maskCode(text, from).ranges.map(({ start, end }) => text.slice(start, end))
}

const cases: Array<{ name: string; text: string; masked: string[] }> = [
  { name: 'a backtick fence', text: 'a\n```js\n#x [[L]]\n```\nb', masked: ['```js\n#x [[L]]\n```'] },
  { name: 'a tilde fence', text: '~~~\n- [ ] t\n~~~\n', masked: ['~~~\n- [ ] t\n~~~'] },
  { name: 'a longer closing fence', text: '```\nx\n`````\nafter', masked: ['```\nx\n`````'] },
  { name: 'a shorter run that does not close', text: '````\n```\nx\n````\n', masked: ['````\n```\nx\n````'] },
  { name: 'a tilde run inside a backtick fence', text: '```\n~~~\nx\n```\n', masked: ['```\n~~~\nx\n```'] },
  { name: 'an unclosed fence to the end', text: 'a\n```\n#x\n[[L]]', masked: ['```\n#x\n[[L]]'] },
  { name: 'a fence in a list item', text: '- item\n  ```\n  #x\n  ```\n', masked: ['  ```\n  #x\n  ```'] },
  { name: 'a fence opened by a list marker', text: '- ```\n  #x\n  ```\n', masked: ['- ```\n  #x\n  ```'] },
  {
    name: 'a fence in a callout',
    text: '> [!note]\n> ```\n> #x\n> ```\nafter',
    masked: ['> ```\n> #x\n> ```'],
  },
  {
    name: 'a callout fence ending with the callout',
    text: '> ```\n> #x\nplain #t',
    masked: ['> ```\n> #x\n'],
  },
  { name: 'CRLF line endings', text: '```\r\n#x\r\n```\r\nb', masked: ['```\r\n#x\r\n```\r'] },
  { name: 'a run with a backtick info string as inline code', text: '```a`b``` #t', masked: ['```a`b```'] },
  { name: 'an inline code span', text: 'see `#x [[L]]` here', masked: ['`#x [[L]]`'] },
  { name: 'a double-backtick span holding a backtick', text: 'a ``x ` y`` b', masked: ['``x ` y``'] },
  { name: 'runs of different lengths do not pair', text: 'a `` b ` c', masked: [] },
  { name: 'an unmatched run followed by a span', text: 'a `` b `c` d', masked: ['`c`'] },
  { name: 'a span across a line break', text: 'a `x\ny` b', masked: ['`x\ny`'] },
  { name: 'no span across a blank line', text: 'a `x\n\ny` b', masked: [] },
  { name: 'a %% comment', text: 'a %%#x [[L]]%% b', masked: ['%%#x [[L]]%%'] },
  { name: 'a multi-line comment', text: '%%\n- [ ] t\n\n#x\n%%\nb', masked: ['%%\n- [ ] t\n\n#x\n%%'] },
  { name: 'an unclosed %% stays text', text: 'a %% b #t', masked: [] },
  { name: '%% inside inline code is code', text: '`%%` #t %%', masked: ['`%%`'] },
  { name: 'fence markers in the middle of a line', text: 'say ``` here ``` now', masked: ['``` here ```'] },
]

for (const { name, text, masked } of cases) {
  test(`maskCode blanks out ${name}`, () => {
    assert.deepEqual(maskedParts(text), masked)
  })
}

test('maskCode keeps the length and the newlines of the text', () => {
  const text = 'a\n```\nx y\n```\n`z` %%c\nd%% e'
  const { text: masked } = maskCode(text)
  assert.equal(masked.length, text.length)
  assert.equal(masked, 'a\n   \n   \n   \n       \n    e')
})

test('maskCode returns the same string when there is no code', () => {
  const text = 'plain #tag [[Link]]'
  assert.equal(maskCode(text).text, text)
})

test('maskCode starts at the given offset', () => {
  assert.deepEqual(maskedParts('`a` b `c`', 4), ['`c`'])
})
