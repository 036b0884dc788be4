import assert from 'node:assert/strict'
import { test } from 'node:test'
import moment from 'moment'
import type { ToolDefinition } from '../../src/tools/define-tool.ts'
import { createToolVault } from '../helpers/tool-vault.ts'

const today = moment().format('YYYY-MM-DD')
const yesterday = moment().subtract(1, 'day').format('YYYY-MM-DD')

const customVault = {
  '.obsidian/daily-notes.json': JSON.stringify({
    folder: 'Journal',
    format: 'YYYY/MMMM/YYYY-MMM-DD',
    template: 'Templates/Daily',
  }),
  '.obsidian/templates.json': JSON.stringify({
    folder: 'Templates',
    dateFormat: 'DD.MM.YYYY',
    timeFormat: 'HH:mm:ss',
  }),
  '.obsidian/types.json': JSON.stringify({
    types: { due: 'date', estimate: 'number', done: 'checkbox', people: 'multitext' },
  }),
  'Templates/Daily.md': '---\ntags:\n  - daily\n---\n# {{title}}\n\nYesterday: [[{{yesterday}}]]\n\n## Log\n',
  'Templates/Meeting.md':
    '---\ndate: "{{date}}"\ndue: "{{date:YYYY-MM-DD}}"\npeople: Ann\n---\n# {{title}}\n',
  'Notes/Plan.md': '---\nstatus: open  # keep\ndue: 2024-01-01\n---\nBody\n',
}

test('with default settings the daily note is YYYY-MM-DD.md at the root, created empty', async (t) => {
  const v = await createToolVault(t, { 'Other.md': 'x\n' })
  const created = await v.manage({ operation: 'create', date: '2024-03-09' })
  assert.equal(created.success, true, String(created.message))
  assert.equal(created.path, '2024-03-09.md')
  assert.equal(await v.readText('2024-03-09.md'), '')
  const appended = await v.manage({ operation: 'append', date: 'today', content: '- met Ann' })
  assert.equal(appended.path, `${today}.md`)
  assert.match(String(appended.message), /^Created the daily note [\d-]+\.md with the text appended\.$/)
  assert.equal(await v.readText(`${today}.md`), '- met Ann\n')
  const read = await v.manage({ operation: 'read', date: 'today' })
  assert.equal(read.content, '- met Ann\n')
})

test('custom daily-notes settings: folder, sub-folder format and template with the note date', async (t) => {
  const v = await createToolVault(t, customVault)
  const result = await v.manage({ operation: 'append', date: '2023-01-01', content: '- [ ] call Bob' })
  assert.equal(result.success, true, String(result.message))
  assert.equal(result.path, 'Journal/2023/January/2023-Jan-01.md')
  assert.equal(
    await v.readText('Journal/2023/January/2023-Jan-01.md'),
    '---\ntags:\n  - daily\n---\n# 2023-Jan-01\n\nYesterday: [[2022/December/2022-Dec-31]]\n\n## Log\n- [ ] call Bob\n',
  )
  const again = await v.manage({ operation: 'append', date: '2023-01-01', content: 'second' })
  assert.equal(again.message, 'Appended to Journal/2023/January/2023-Jan-01.md.')
  assert.equal(v.entries.length, 2)
})

test('a missing daily note cannot be read, and a phrase must be resolved to a date first', async (t) => {
  const v = await createToolVault(t, customVault)
  const missing = await v.manage({ operation: 'read', date: 'yesterday' })
  assert.equal(missing.success, false)
  assert.match(String(missing.message), new RegExp(`daily note for ${yesterday} does not exist yet`))
  const phrase = await v.manage({ operation: 'read', date: 'last Monday' })
  assert.match(String(phrase.message), /ISO date/)
  const both = await v.manage({ operation: 'read', date: 'today', path: 'Notes/Plan.md' })
  assert.match(String(both.message), /either date .* or path/)
})

test('Periodic Notes daily settings are used when the plugin is enabled', async (t) => {
  const v = await createToolVault(t, {
    ...customVault,
    '.obsidian/community-plugins.json': '["periodic-notes"]',
    '.obsidian/plugins/periodic-notes/data.json': JSON.stringify({
      daily: { enabled: true, folder: 'Days', format: 'DD-MM-YYYY' },
    }),
  })
  const result = await v.manage({ operation: 'create', date: '2024-02-03' })
  assert.equal(result.path, 'Days/03-02-2024.md')
})

test('create from a template fills the variables and keeps the template as written', async (t) => {
  const v = await createToolVault(t, customVault)
  const result = await v.manage({
    operation: 'create',
    path: 'Meetings/Kickoff',
    template: 'Meeting',
    content: 'Notes here.',
  })
  assert.equal(result.success, true, String(result.message))
  const text = await v.readText('Meetings/Kickoff.md')
  const date = moment().format('DD.MM.YYYY')
  assert.equal(
    text,
    `---\ndate: "${date}"\ndue: "${moment().format('YYYY-MM-DD')}"\npeople: Ann\n---\n# Kickoff\nNotes here.\n`,
  )
  const missing = await v.manage({ operation: 'create', path: 'X', template: 'Nope' })
  assert.match(String(missing.message), /Template not found: Templates\/Nope\.md or Nope\.md.*list_templates/)
})

test('update_frontmatter converts values to the declared types and refuses others', async (t) => {
  const v = await createToolVault(t, customVault)
  const ok = await v.manage({
    operation: 'update_frontmatter',
    path: 'Notes/Plan.md',
    properties: { due: '2024-05-31T10:00', estimate: '2.5', done: 'false', people: 'Bob', tags: '#a, b' },
  })
  assert.equal(ok.success, true, String(ok.message))
  assert.equal(
    await v.readText('Notes/Plan.md'),
    '---\nstatus: open  # keep\ndue: 2024-05-31\nestimate: 2.5\ndone: false\npeople:\n  - Bob\ntags:\n  - a\n  - b\n---\nBody\n',
  )
  const bad = await v.manage({
    operation: 'update_frontmatter',
    path: 'Notes/Plan.md',
    properties: { estimate: 'soon' },
  })
  assert.equal(bad.success, false)
  assert.match(String(bad.message), /'estimate' has the type number/)
  const typed = await v.manage({
    operation: 'create',
    path: 'Typed',
    content: '---\nestimate: "3" # guess\ndone: "TRUE"\n---\nBody',
  })
  assert.equal(typed.success, true, String(typed.message))
  assert.equal(await v.readText('Typed.md'), '---\nestimate: 3 # guess\ndone: true\n---\nBody\n')
  const badCreate = await v.manage({ operation: 'create', path: 'New', content: '---\ndone: maybe\n---\n' })
  assert.match(String(badCreate.message), /'done' has the type checkbox/)
})

test('list_templates lists the templates folder with the vault date and time formats', async (t) => {
  const v = await createToolVault(t, customVault)
  const { queryVaultTool } = await import('../../src/tools/query-vault.ts')
  const tool = queryVaultTool as ToolDefinition
  const result = (await v.call(tool, { operation: 'list_templates' })).result
  assert.deepEqual(result.results, [
    { path: 'Templates/Daily.md', title: 'Daily' },
    { path: 'Templates/Meeting.md', title: 'Meeting' },
  ])
  assert.match(String(result.message), /\{\{date\}\} is written as DD\.MM\.YYYY and \{\{time\}\} as HH:mm:ss/)
  const plain = await createToolVault(t, { 'A.md': 'a\n' })
  const own = queryVaultTool as ToolDefinition
  const missing = (await plain.call(own, { operation: 'list_templates' })).result
  assert.match(String(missing.message), /No templates folder is set/)
})

test('bulk create from one template, and date refused with bulk', async (t) => {
  const v = await createToolVault(t, customVault)
  const result = await v.manage({
    operation: 'create',
    bulk: true,
    template: 'Meeting',
    items: [{ path: 'M/One' }, { path: 'M/Two', content: 'Agenda' }],
  })
  assert.equal(result.affected_count, 2, JSON.stringify(result))
  assert.match(await v.readText('M/Two.md'), /^---\n[\s\S]*# Two\nAgenda\n$/)
  const dated = await v.manage({ operation: 'append', bulk: true, date: 'today', items: [{ path: 'A' }] })
  assert.match(String(dated.message), /date names one daily note/)
})
