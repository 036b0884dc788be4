import assert from 'node:assert/strict'
import { test } from 'node:test'
import moment from 'moment'
import type { ToolDefinition, ToolResult } from '../../src/tools/define-tool.ts'
import { queryVaultTool } from '../../src/tools/query-vault.ts'
import { createToolVault } from '../helpers/tool-vault.ts'

const day = (offset: number) => moment().startOf('day').add(offset, 'days').format('YYYY-MM-DD')

const LIBRARY = `filters:
  or:
    - file.hasTag("tag")
    - and:
        - file.hasTag("book")
        - file.hasLink("Textbook")
    - not:
        - file.hasTag("book")
        - file.inFolder("Required Reading")
formulas:
  formatted_price: 'if(price, price.toFixed(2) + " dollars")'
  ppu: "(price / age).toFixed(2)"
views:
  - type: table
    name: "My table"
    limit: 10
    filters:
      and:
        - 'status != "done"'
        - "price > 2.1"
    order:
      - file.name
      - file.ext
      - note.age
      - formula.ppu
      - formula.formatted_price
`

const SHELF = `filters: 'file.ext == "md" && file.inFolder("Books")'
formulas:
  label: 'file.basename.upper() + " (" + file.folder + ")"'
  year: 'published.year'
views:
  - type: table
    name: By price
    sort:
      - property: price
        direction: DESC
    limit: 2
    order: [file.name, price, formula.label]
  - type: table
    name: Old
    filters: 'published < date("1950-01-01")'
    order: [file.path, published, formula.year]
  - type: table
    name: Due soon
    filters:
      and:
        - 'due >= today()'
        - 'due <= today() + "7d"'
        - 'file.mtime > now() - "1 week"'
        - 'file.size > 0'
    order: [file.name, due]
`

const files = {
  '.obsidian/types.json': JSON.stringify({ types: { published: 'date', due: 'date' } }),
  'Books/Dune.md': `---\ntags: [book, scifi]\nauthor: "[[Frank Herbert]]"\nprice: 10\nage: 4\nstatus: reading\npublished: 1965-08-01\ndue: ${day(3)}\n---\nSee [[Textbook]].\n`,
  'Books/Emma.md': `---\ntags: [book]\nprice: 3\nage: 2\nstatus: done\npublished: 1815-12-23\ndue: ${day(10)}\n---\nEmma.\n`,
  'Books/Old/Ulysses.md': `---\ntags: [book/classic]\nprice: 8\nage: 1\nstatus: todo\npublished: 1922-02-02\ndue: ${day(-1)}\n---\n[[Textbook|the textbook]]\n`,
  'Required Reading/Textbook.md': '---\ntags: [book]\nprice: 50\nage: 10\nstatus: todo\n---\nText.\n',
  'Notes/Idea.md': 'An idea #tag\n',
  'Frank Herbert.md': 'Author.\n',
  'image.png': 'png',
  'Library.base': LIBRARY,
  'Shelf.base': SHELF,
  'Dashboard.md':
    '# Dashboard\n\n```base\nfilters:\n  and:\n    - file.hasTag("book")\n    - \'!file.inFolder("Books")\'\nviews:\n  - type: table\n    order: [file.name]\n```\n',
  'Broken.base': 'views:\n  - name: a\n    filters: "file.backlinks.length > 0"\n',
}

async function setup(t: Parameters<typeof createToolVault>[0]) {
  const v = await createToolVault(t, files)
  const tool = queryVaultTool as ToolDefinition
  return async (input: Record<string, unknown>): Promise<ToolResult> =>
    (await v.call(tool, { operation: 'run_base', ...input })).result
}

test('run_base: the help example filters (or/and/not, hasTag with nested tags, hasLink, inFolder) and formulas', async (t) => {
  const run = await setup(t)
  const result = await run({ path: 'Library.base' })
  assert.equal(result.success, true, String(result.message))
  assert.deepEqual(result.results, [
    {
      path: 'Books/Dune.md',
      values: {
        'file.name': 'Dune.md',
        'file.ext': 'md',
        'note.age': 4,
        'formula.ppu': '2.50',
        'formula.formatted_price': '10.00 dollars',
      },
    },
    {
      path: 'Books/Old/Ulysses.md',
      values: {
        'file.name': 'Ulysses.md',
        'file.ext': 'md',
        'note.age': 1,
        'formula.ppu': '8.00',
        'formula.formatted_price': '8.00 dollars',
      },
    },
  ])
  assert.equal(result.total_count, 2)
})

test('run_base: sort descending with the view limit, string formulas and file.folder', async (t) => {
  const run = await setup(t)
  const result = await run({ path: 'Shelf', query: 'By price' })
  assert.deepEqual(result.results, [
    { path: 'Books/Dune.md', values: { 'file.name': 'Dune.md', price: 10, 'formula.label': 'DUNE (Books)' } },
    {
      path: 'Books/Old/Ulysses.md',
      values: { 'file.name': 'Ulysses.md', price: 8, 'formula.label': 'ULYSSES (Books/Old)' },
    },
  ])
  assert.equal(result.total_count, 3)
  assert.equal(result.truncated, true)
})

test('run_base: date properties compare as dates, with date fields, today() and durations', async (t) => {
  const run = await setup(t)
  const old = await run({ path: 'Shelf.base', query: 'Old' })
  assert.deepEqual(old.results, [
    {
      path: 'Books/Emma.md',
      values: { 'file.path': 'Books/Emma.md', published: '1815-12-23', 'formula.year': 1815 },
    },
    {
      path: 'Books/Old/Ulysses.md',
      values: { 'file.path': 'Books/Old/Ulysses.md', published: '1922-02-02', 'formula.year': 1922 },
    },
  ])
  const soon = await run({ path: 'Shelf.base', query: 'Due soon' })
  assert.deepEqual(soon.results, [{ path: 'Books/Dune.md', values: { 'file.name': 'Dune.md', due: day(3) } }])
})

test('run_base: a base block inside a note, and a missing view named with the views there are', async (t) => {
  const run = await setup(t)
  const block = await run({ path: 'Dashboard' })
  assert.deepEqual(block.results, [
    { path: 'Required Reading/Textbook.md', values: { 'file.name': 'Textbook.md' } },
  ])
  const missing = await run({ path: 'Shelf.base', query: 'Nope' })
  assert.equal(missing.success, false)
  assert.match(String(missing.message), /no view named 'Nope'; its views: By price, Old, Due soon/)
})

test('run_base refuses what it cannot evaluate, naming it', async (t) => {
  const run = await setup(t)
  const broken = await run({ path: 'Broken.base' })
  assert.equal(broken.success, false)
  assert.match(
    String(broken.message),
    /Unsupported Bases expression 'file\.backlinks\.length > 0': file\.backlinks is not supported/,
  )
  for (const [expression, reason] of [
    ['price.relative()', /the function relative\(\) is not supported/],
    ['this.file.name == "x"', /`this` is not supported/],
    ['price > 1 ? true : false', /ConditionalExpression is not supported/],
    ['price & 1', /the operator & is not supported/],
    ['values.map(value + 1)', /the function map\(\) is not supported/],
  ] as const) {
    const v = await createToolVault(t, {
      'X.base': `filters: '${expression.replaceAll("'", "''")}'\n`,
      'A.md': '---\nprice: 2\n---\n',
    })
    const tool = queryVaultTool as ToolDefinition
    const result = (await v.call(tool, { operation: 'run_base', path: 'X.base' })).result
    assert.equal(result.success, false, expression)
    assert.match(String(result.message), reason, expression)
  }
})

test('a rename or move warns about .base files whose filters name the old path', async (t) => {
  const v = await createToolVault(t, files)
  const { manageStructureTool } = await import('../../src/tools/manage-structure.ts')
  const tool = manageStructureTool as ToolDefinition
  const folder = (await v.call(tool, { operation: 'rename', path: 'Required Reading', new_path: 'Reading' }))
    .result
  assert.equal(folder.success, true, String(folder.message))
  assert.match(
    String(folder.message),
    /Bases filters are not rewritten: Library\.base still name Required Reading;/,
  )
  const note = (await v.call(tool, { operation: 'move', path: 'Reading/Textbook.md', new_path: 'Notes' }))
    .result
  assert.match(String(note.message), /Library\.base still name Reading\/Textbook\.md/)
  const quiet = (await v.call(tool, { operation: 'rename', path: 'Notes/Idea.md', new_path: 'Thought' }))
    .result
  assert.doesNotMatch(String(quiet.message), /Bases/)
})
