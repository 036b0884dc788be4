import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { parseNote } from './parse-note.ts'
import type { ParsedNote } from './types.ts'

const VAULT = path.resolve(import.meta.dirname, '../../../test/fixtures/basic-vault')

async function parseFixture(notePath: string): Promise<ParsedNote> {
  return parseNote(await fs.readFile(path.join(VAULT, notePath), 'utf8'), notePath)
}

function linkSummary(note: ParsedNote): string[] {
  return note.links.map((link) => {
    const parts = [link.embed ? '!' : '', link.kind === 'wikilink' ? 'w:' : 'm:', link.target]
    if (link.subpath !== undefined) parts.push(`#${link.subpath}`)
    if (link.alias !== undefined) parts.push(`|${link.alias}`)
    return `${link.line} ${parts.join('')}`
  })
}

test('parseNote reads the title, aliases and tags of the fixture home note', async () => {
  const note = await parseFixture('Home.md')
  assert.equal(note.title, 'Welcome Home')
  assert.deepEqual(note.aliases, ['Start', 'Dashboard'])
  assert.deepEqual(note.tags, ['moc', 'Project', 'home/main'])
  assert.deepEqual(
    note.headings.map((heading) => [heading.level, heading.text, heading.line]),
    [
      [1, 'Home', 6],
      [2, 'Overview', 10],
    ],
  )
  assert.deepEqual(note.tasks, [])
})

test('parseNote finds every link form in the fixture home note and none in code', async () => {
  const note = await parseFixture('Home.md')
  assert.deepEqual(linkSummary(note), [
    '12 w:Projects/Alpha',
    '12 w:Alpha|the alpha project',
    '13 w:Alpha#Goals',
    '13 w:Alpha#^goal1',
    '13 w:alpha',
    '13 w:Alpha.md',
    '14 m:Areas/Reading List.md|reading',
    '14 m:Areas/Reading List.md|the list',
    '15 w:#Overview',
    '16 w:Projects/Index|project index',
    '16 w:Archive/Index',
    '17 w:Someday Maybe',
    '20 !w:Alpha',
    '21 !w:diagram.png|300',
    '22 !w:attachments/spec.pdf#page=3',
    '23 !m:attachments/diagram.png|chart',
    '27 w:Alpha|Alpha in a table',
  ])
  assert.equal(note.links.at(-1)?.escapedPipe, true)
  assert.equal(note.links[7]?.angleBrackets, true)
})

test('parseNote reads every task form of the fixture project note with true lines', async () => {
  const note = await parseFixture('Projects/Alpha.md')
  assert.deepEqual(
    note.tasks.map((task) => [task.line, task.marker, task.status, task.text, task.indent]),
    [
      [17, '-', ' ', 'Write the spec', 0],
      [18, '-', 'x', 'Set up the repo', 0],
      [19, '*', 'X', 'Pick a name', 0],
      [20, '+', '/', 'Halfway there', 0],
      [21, '1.', '-', 'Dropped idea', 0],
      [22, '2)', '>', 'Deferred', 0],
      [23, '-', ' ', 'Nested with spaces', 2],
      [24, '-', ' ', 'Nested with a tab', 4],
      [25, '-', ' ', '', 0],
      [26, '-', ' ', 'After the empty task', 0],
      [29, '-', ' ', 'Inside a callout', 0],
      [30, '-', 'x', 'Inside a nested quote', 0],
    ],
  )
  assert.deepEqual(note.blockIds, ['goal1'])
  assert.deepEqual(note.tags, ['project/alpha', 'status/active', 'project'])
  assert.equal(note.title, 'Alpha')
})

test('parseNote reads comma-string tags, block-list aliases and Unicode tags', async () => {
  const note = await parseFixture('Areas/Reading List.md')
  assert.equal(note.title, 'Reading List')
  assert.deepEqual(note.aliases, ['Books to read'])
  assert.deepEqual(note.tags, ['reading', 'books', 'book/non-fiction', 'café', '日本語', '2024-review'])
  assert.deepEqual(linkSummary(note), ['12 w:Home#Overview'])
})

test('parseNote reads a CRLF note with true lines and exact offsets', async () => {
  const text = await fs.readFile(path.join(VAULT, 'Windows Note.md'), 'utf8')
  assert.ok(text.includes('\r\n'))
  const note = parseNote(text, 'Windows Note.md')
  assert.deepEqual(note.frontmatter.data, { title: 'Windows Note', tags: ['crlf'] })
  assert.deepEqual(note.tags, ['crlf', 'windows'])
  assert.deepEqual(
    note.tasks.map((task) => [task.line, task.text, text[task.statusOffset]]),
    [
      [9, 'CRLF task', ' '],
      [10, 'CRLF done', 'x'],
    ],
  )
  assert.deepEqual(note.headings, [{ level: 1, text: 'Windows Note', line: 5 }])
  assert.deepEqual(linkSummary(note), ['12 w:Home'])
})

test('parseNote reads a note that starts with a BOM', async () => {
  const text = await fs.readFile(path.join(VAULT, 'BOM Note.md'), 'utf8')
  assert.equal(text.charCodeAt(0), 0xfeff)
  const note = parseNote(text, 'BOM Note.md')
  assert.equal(note.frontmatter.present, true)
  assert.deepEqual(note.tags, ['bom', 'bom-inline'])
  assert.deepEqual(note.headings, [{ level: 1, text: 'BOM Note', line: 4 }])
  assert.deepEqual(linkSummary(note), ['6 w:Home|home'])
})

test('parseNote reports broken frontmatter and still reads the body', async () => {
  const note = await parseFixture('Broken Frontmatter.md')
  assert.equal(note.frontmatter.present, true)
  assert.equal(note.frontmatter.data, null)
  assert.match(note.frontmatter.error ?? '', /line 3/)
  assert.equal(note.title, 'Broken Frontmatter')
  assert.deepEqual(note.tags, ['still-a-tag'])
  assert.deepEqual(
    note.tasks.map((task) => task.line),
    [9],
  )
})

test('parseNote skips tilde fences and YAML values in a daily note', async () => {
  const note = await parseFixture('Daily/2025-01-15.md')
  assert.deepEqual(note.tags, ['journal', 'daily', 'meeting'])
  assert.deepEqual(
    note.tasks.map((task) => [task.line, task.status]),
    [
      [8, 'x'],
      [9, ' '],
    ],
  )
  assert.deepEqual(linkSummary(note), ['6 w:Home', '9 w:Alpha', '16 !w:Alpha#Goals'])
})

test('parseNote falls back to the file name for the title', () => {
  assert.equal(parseNote('', 'a/b/My Note.md').title, 'My Note')
  assert.equal(parseNote('---\ntitle: ""\n---\n', 'N.md').title, 'N')
  assert.equal(parseNote('---\ntitle: 42\n---\n', 'N.md').title, 'N')
})

test('parseNote reads aliases from a string and the legacy alias key', () => {
  assert.deepEqual(parseNote('---\naliases: One, Two\nalias: [Three, One]\n---\n', 'N.md').aliases, [
    'One',
    'Two',
    'Three',
  ])
})

test('parseNote lists frontmatter tags before inline ones, merged case-insensitively', () => {
  assert.deepEqual(parseNote('---\ntags: [Alpha]\n---\n#alpha #beta #BETA', 'N.md').tags, ['Alpha', 'beta'])
})
