import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createToolVault } from '../../test/helpers/tool-vault.ts'
import { hashContent } from '../vault/index.ts'

const ALPHA =
  '---\ntags: [project]  # keep me\nstatus: draft\n---\n# Alpha\n\nBody line.\n- [ ] First task\n- [ ] Second task\n- [x] Done task\n'

const files = {
  'Projects/Alpha.md': ALPHA,
  'Projects/Beta.md': 'Beta body\n',
  'Plain.md': 'no frontmatter',
  'Folder/image.png': 'png',
}

test('read returns the full text with frontmatter, the parsed frontmatter and the hash', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'read', path: 'Projects/Alpha.md' })
  assert.deepEqual(result, {
    success: true,
    operation: 'read',
    path: 'Projects/Alpha.md',
    message: 'Read Projects/Alpha.md.',
    content: ALPHA,
    frontmatter: { tags: ['project'], status: 'draft' },
    hash: hashContent(ALPHA),
  })
})

test('read accepts a path without .md, in another case, and normalises ./ and //', async (t) => {
  const v = await createToolVault(t, files)
  for (const path of ['Projects/Alpha', 'projects/alpha.md', './Projects//Alpha.md']) {
    const result = await v.manage({ operation: 'read', path })
    assert.equal(result.path, 'Projects/Alpha.md', path)
  }
})

test('read omits the frontmatter of a note without one and warns about invalid YAML', async (t) => {
  const v = await createToolVault(t, { ...files, 'Bad.md': '---\na: [\n---\nbody\n' })
  const plain = await v.manage({ operation: 'read', path: 'Plain.md' })
  assert.equal('frontmatter' in plain, false)
  const bad = await v.manage({ operation: 'read', path: 'Bad.md' })
  assert.equal(bad.success, true)
  assert.match(String(bad.message), /frontmatter is not valid YAML/)
})

test('read of a missing note suggests close names', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'read', path: 'Projects/Alpa.md' })
  assert.equal(result.success, false)
  assert.match(
    String(result.message),
    /^Note not found: Projects\/Alpa\.md\. Did you mean Projects\/Alpha\.md\b/,
  )
})

test('read of a file that is not a note says so', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'read', path: 'Folder/image.png' })
  assert.equal(result.success, false)
  assert.match(String(result.message), /^Not a note: Folder\/image\.png/)
})

test('read past the end of a note is an error that says where to start', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'read', path: 'Plain.md', offset: 500 })
  assert.match(String(result.message), /offset 500 is past the end of Plain\.md \(14 characters\)/)
})

test('create writes the note with .md added, parents created, and returns its hash', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'create', folder: 'New/Deep', path: 'Idea', content: 'An idea' })
  assert.deepEqual(result, {
    success: true,
    operation: 'create',
    path: 'New/Deep/Idea.md',
    message: 'Created New/Deep/Idea.md.',
    hash: hashContent('An idea\n'),
    change_id: 'entry00000001',
  })
  assert.equal(await v.readText('New/Deep/Idea.md'), 'An idea\n')
  assert.deepEqual(v.entries[0]?.changes, [
    { kind: 'create', path: 'New/Deep/Idea.md', afterHash: hashContent('An idea\n') },
  ])
  assert.equal(v.entries[0]?.operation, 'create')
  assert.equal(v.vault.index.getNote('New/Deep/Idea.md')?.parsed.title, 'Idea')
})

test('create allows an empty note and keeps dotted names as notes', async (t) => {
  const v = await createToolVault(t, files)
  const empty = await v.manage({ operation: 'create', path: 'Empty' })
  assert.equal(empty.success, true)
  assert.equal(await v.readText('Empty.md'), '')
  const dated = await v.manage({ operation: 'create', path: 'Meeting 2024.01.05', content: 'x' })
  assert.equal(dated.path, 'Meeting 2024.01.05.md')
})

test('create fails when the note exists, in any case, and points to update', async (t) => {
  const v = await createToolVault(t, files)
  const same = await v.manage({ operation: 'create', path: 'Projects/Alpha.md', content: 'x' })
  assert.equal(same.success, false)
  assert.equal(same.message, "Note already exists: Projects/Alpha.md. Use operation='update' to change it.")
  const other = await v.manage({ operation: 'create', path: 'projects/alpha', content: 'x' })
  assert.match(
    String(other.message),
    /^Note already exists: Projects\/Alpha\.md \(the name differs only in case\)/,
  )
  assert.equal(await v.readText('Projects/Alpha.md'), ALPHA)
  assert.equal(v.entries.length, 0)
})

test('create refuses a non-note extension, a folder at the path, and invalid frontmatter', async (t) => {
  const v = await createToolVault(t, { ...files, 'Odd.md/inside.md': 'x' })
  assert.match(
    String((await v.manage({ operation: 'create', path: 'x.canvas' })).message),
    /^Not a note: x\.canvas/,
  )
  assert.equal(
    (await v.manage({ operation: 'create', path: 'Odd' })).message,
    'A folder exists at Odd.md. Choose another name for the note.',
  )
  const bad = await v.manage({ operation: 'create', path: 'Y', content: '---\na: [\n---\n' })
  assert.match(String(bad.message), /frontmatter at the start of content is not valid/)
})

test('update replaces the body and keeps the frontmatter byte for byte', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'update', path: 'Projects/Alpha.md', content: 'New body' })
  const expected = '---\ntags: [project]  # keep me\nstatus: draft\n---\nNew body\n'
  assert.equal(await v.readText('Projects/Alpha.md'), expected)
  assert.equal(result.hash, hashContent(expected))
  assert.deepEqual(v.entries[0]?.changes, [
    {
      kind: 'modify',
      path: 'Projects/Alpha.md',
      before: Buffer.from(ALPHA),
      beforeHash: hashContent(ALPHA),
      afterHash: hashContent(expected),
    },
  ])
})

test('update with a frontmatter block in content replaces the old block', async (t) => {
  const v = await createToolVault(t, files)
  await v.manage({
    operation: 'update',
    path: 'Projects/Alpha.md',
    content: '---\nstatus: done\n---\nBody\n\n\n',
  })
  assert.equal(await v.readText('Projects/Alpha.md'), '---\nstatus: done\n---\nBody\n')
})

test('update never adds an empty frontmatter block to a note without one', async (t) => {
  const v = await createToolVault(t, files)
  await v.manage({ operation: 'update', path: 'Plain.md', content: 'changed' })
  assert.equal(await v.readText('Plain.md'), 'changed\n')
})

test('update with the same text changes nothing and records nothing', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'update', path: 'Projects/Beta.md', content: 'Beta body' })
  assert.equal(result.success, true)
  assert.match(String(result.message), /already has this text; nothing changed/)
  assert.equal(v.entries.length, 0)
})

test('update and append of a missing note suggest names and create', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'append', path: 'Projects/Betta.md', content: 'x' })
  assert.equal(
    result.message,
    "Note not found: Projects/Betta.md. Did you mean Projects/Beta.md? To make a new note, use operation='create'.",
  )
})

test('append adds a line break when the file lacks one', async (t) => {
  const v = await createToolVault(t, files)
  await v.manage({ operation: 'append', path: 'Plain.md', content: 'added' })
  assert.equal(await v.readText('Plain.md'), 'no frontmatter\nadded\n')
})

test('prepend inserts after the frontmatter', async (t) => {
  const v = await createToolVault(t, files)
  await v.manage({ operation: 'prepend', path: 'Projects/Alpha.md', content: 'Top line' })
  assert.equal(await v.readText('Projects/Alpha.md'), ALPHA.replace('---\n# Alpha', '---\nTop line\n# Alpha'))
})

test('append and prepend require content', async (t) => {
  const v = await createToolVault(t, files)
  for (const operation of ['append', 'prepend', 'update']) {
    const result = await v.manage({ operation, path: 'Plain.md' })
    assert.equal(
      result.message,
      `content is required for ${operation}: give the text to ${operation === 'update' ? 'write' : operation}.`,
    )
  }
})

test('replace changes the one occurrence and reports missing or repeated text', async (t) => {
  const v = await createToolVault(t, files)
  const ok = await v.manage({
    operation: 'replace',
    path: 'Projects/Alpha.md',
    old_text: 'Body line.',
    new_text: 'Better line.',
  })
  assert.equal(ok.message, 'Replaced the text in Projects/Alpha.md.')
  assert.match(await v.readText('Projects/Alpha.md'), /Better line\./)
  const many = await v.manage({
    operation: 'replace',
    path: 'Projects/Alpha.md',
    old_text: 'task',
    new_text: 'x',
  })
  assert.equal(
    many.message,
    'old_text found 3 times in Projects/Alpha.md; give more context (the surrounding words or lines) so it matches exactly once. Nothing was written.',
  )
  const none = await v.manage({
    operation: 'replace',
    path: 'Projects/Alpha.md',
    old_text: 'absent',
    new_text: 'x',
  })
  assert.match(String(none.message), /^old_text not found in Projects\/Alpha\.md\. Nothing was written\./)
  const missing = await v.manage({ operation: 'replace', path: 'Projects/Alpha.md', old_text: 'Better' })
  assert.match(String(missing.message), /^new_text is required for replace/)
  const empty = await v.manage({
    operation: 'replace',
    path: 'Projects/Alpha.md',
    old_text: '',
    new_text: 'x',
  })
  assert.match(String(empty.message), /^old_text is required for replace/)
  assert.equal(v.entries.length, 1)
})

test('update_frontmatter sets and deletes keys, keeping order, comments and body', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({
    operation: 'update_frontmatter',
    path: 'Projects/Alpha.md',
    properties: { status: 'done', due: '2024-05-01', tags: null },
  })
  assert.equal(result.success, true, String(result.message))
  const text = await v.readText('Projects/Alpha.md')
  assert.equal(
    text,
    ALPHA.replace('tags: [project]  # keep me\nstatus: draft\n', 'status: done\ndue: 2024-05-01\n'),
  )
})

test('update_frontmatter creates the block when missing and refuses invalid YAML', async (t) => {
  const v = await createToolVault(t, { ...files, 'Bad.md': '---\na: [\n---\nbody\n' })
  await v.manage({ operation: 'update_frontmatter', path: 'Plain.md', properties: { status: 'new' } })
  assert.equal(await v.readText('Plain.md'), '---\nstatus: new\n---\nno frontmatter')
  const bad = await v.manage({ operation: 'update_frontmatter', path: 'Bad.md', properties: { a: 1 } })
  assert.equal(bad.success, false)
  assert.match(String(bad.message), /not valid YAML/)
  assert.equal(await v.readText('Bad.md'), '---\na: [\n---\nbody\n')
  const none = await v.manage({ operation: 'update_frontmatter', path: 'Plain.md', properties: {} })
  assert.match(String(none.message), /^properties is required for update_frontmatter/)
})

test('delete moves the note to the trash and records the trash path', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({ operation: 'delete', path: 'Projects/Beta.md' })
  assert.equal(result.message, 'Moved Projects/Beta.md to the trash (.trash/Beta.md).')
  assert.equal(await v.readText('.trash/Beta.md'), 'Beta body\n')
  assert.equal(v.vault.index.getNote('Projects/Beta.md'), undefined)
  assert.deepEqual(v.entries[0]?.changes, [
    {
      kind: 'delete',
      path: 'Projects/Beta.md',
      before: Buffer.from('Beta body\n'),
      beforeHash: hashContent('Beta body\n'),
      trashPath: '.trash/Beta.md',
    },
  ])
  const again = await v.manage({ operation: 'delete', path: 'Projects/Beta.md' })
  assert.match(String(again.message), /^Note not found: Projects\/Beta\.md/)
})

test('complete_task checks a task by line number or by text', async (t) => {
  const v = await createToolVault(t, files)
  const byLine = await v.manage({ operation: 'complete_task', path: 'Projects/Alpha.md', task_identifier: 8 })
  assert.equal(byLine.message, "Completed the task 'First task' (line 8) in Projects/Alpha.md.")
  const byText = await v.manage({
    operation: 'complete_task',
    path: 'Projects/Alpha.md',
    task_identifier: 'second',
  })
  assert.equal(byText.message, "Completed the task 'Second task' (line 9) in Projects/Alpha.md.")
  assert.equal(await v.readText('Projects/Alpha.md'), ALPHA.replaceAll('- [ ]', '- [x]'))
  const none = await v.manage({
    operation: 'complete_task',
    path: 'Projects/Alpha.md',
    task_identifier: 'third',
  })
  assert.equal(
    none.message,
    "No open task matches 'third' in Projects/Alpha.md. Projects/Alpha.md has no open tasks.",
  )
  const again = await v.manage({ operation: 'complete_task', path: 'Projects/Alpha.md', task_identifier: 8 })
  assert.equal(again.success, true)
  assert.match(String(again.message), /already done; nothing changed/)
  assert.equal(v.entries.length, 2)
})

test('complete_task with several matches names them with their lines', async (t) => {
  const v = await createToolVault(t, files)
  const result = await v.manage({
    operation: 'complete_task',
    path: 'Projects/Alpha.md',
    task_identifier: 'task',
  })
  assert.equal(
    result.message,
    "Multiple tasks match 'task': 'First task' (line 8), 'Second task' (line 9). Give the line number as task_identifier.",
  )
})

test('expected_hash guards every change to an existing note', async (t) => {
  const v = await createToolVault(t, files)
  const calls = [
    { operation: 'update', content: 'x' },
    { operation: 'append', content: 'x' },
    { operation: 'prepend', content: 'x' },
    { operation: 'replace', old_text: 'Body line.', new_text: 'x' },
    { operation: 'update_frontmatter', properties: { a: 1 } },
    { operation: 'complete_task', task_identifier: 8 },
    { operation: 'delete' },
  ]
  for (const call of calls) {
    const result = await v.manage({ ...call, path: 'Projects/Alpha.md', expected_hash: '0000000000000000' })
    assert.deepEqual(result, {
      success: false,
      operation: call.operation,
      message: 'Note changed since it was read; read it again',
    })
  }
  assert.equal(await v.readText('Projects/Alpha.md'), ALPHA)
  const ok = await v.manage({
    operation: 'append',
    path: 'Projects/Alpha.md',
    content: 'y',
    expected_hash: hashContent(ALPHA),
  })
  assert.equal(ok.success, true)
})

test('invalid arguments come back with a fix-it message', async (t) => {
  const v = await createToolVault(t, files)
  const wrong = await v.manage({ operation: 'rename', path: 'x' })
  assert.match(String(wrong.message), /^Invalid arguments for obsidian_manage_notes: operation: /)
  const missing = await v.manage({ operation: 'read' })
  assert.equal(missing.message, "path is required for read: give the note's path from the vault root.")
  const task = await v.manage({ operation: 'complete_task', path: 'Plain.md' })
  assert.match(String(task.message), /^task_identifier is required for complete_task/)
})

test('results carry effects with the operation, paths and bytes written', async (t) => {
  const v = await createToolVault(t, files)
  const { manageNotesTool } = await import('./manage-notes.ts')
  const output = await v.call(manageNotesTool as never, {
    operation: 'append',
    path: 'Plain.md',
    content: 'z',
  })
  assert.deepEqual(output.effects, {
    operation: 'append',
    paths: ['Plain.md'],
    bytesWritten: Buffer.byteLength('no frontmatter\nz\n'),
    changeId: 'entry00000001',
  })
})

test('a note whose name is NFD on disk is found by its NFC name and edited in place', async (t) => {
  const nfd = 'Cafe\u0301.md'
  const v = await createToolVault(t, { [nfd]: 'hello\n' })
  const result = await v.manage({ operation: 'append', path: 'Caf\u00e9.md', content: 'x' })
  assert.equal(result.success, true, String(result.message))
  assert.equal(await v.readText(nfd), 'hello\nx\n')
  const read = await v.manage({ operation: 'read', path: 'Caf\u00e9' })
  assert.equal(read.content, 'hello\nx\n')
})
