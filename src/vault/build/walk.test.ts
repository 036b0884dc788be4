import assert from 'node:assert/strict'
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { walkVault } from './walk.ts'

async function tmpDir(t: { after: (fn: () => Promise<void>) => void }) {
  const base = await realpath(await mkdtemp(path.join(tmpdir(), 'jasque-walk-')))
  t.after(() => rm(base, { recursive: true, force: true }))
  return base
}

async function write(root: string, relative: string, content = 'x') {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
  await writeFile(path.join(root, relative), content)
}

test('walkVault lists visible files and folders sorted, with size, mtime and isNote', async (t) => {
  const root = await tmpDir(t)
  await write(root, 'b.md', 'hello')
  await write(root, 'A/c.md')
  await write(root, 'A/img.png', 'png!')
  await write(root, 'A/Deep/Z.MD')
  await mkdir(path.join(root, 'Empty'))
  const walked = await walkVault(root)
  assert.deepEqual(
    walked.files.map((file) => [file.path, file.isNote]),
    [
      ['A/Deep/Z.MD', true],
      ['A/c.md', true],
      ['A/img.png', false],
      ['b.md', true],
    ],
  )
  assert.deepEqual(walked.folders, ['A', 'A/Deep', 'Empty'])
  const note = walked.files.find((file) => file.path === 'b.md')
  assert.equal(note?.size, 5)
  assert.ok((note?.mtimeMs ?? 0) > 0)
  assert.deepEqual(walked.errors, [])
})

test('walkVault never enters hidden folders nor lists hidden files', async (t) => {
  const root = await tmpDir(t)
  await write(root, '.obsidian/app.json', '{}')
  await write(root, '.trash/Old.md')
  await write(root, 'A/.hidden/secret.md')
  await write(root, 'A/.jasque-tmp-1234')
  await write(root, 'A/visible.md')
  const walked = await walkVault(root)
  assert.deepEqual(
    walked.files.map((file) => file.path),
    ['A/visible.md'],
  )
  assert.deepEqual(walked.folders, ['A'])
})

test('walkVault does not follow a folder symlink out of the vault', async (t) => {
  const base = await tmpDir(t)
  const root = path.join(base, 'vault')
  await write(base, 'outside/secret.md')
  await write(root, 'in.md')
  await symlink(path.join(base, 'outside'), path.join(root, 'Linked'))
  const walked = await walkVault(root)
  assert.deepEqual(
    walked.files.map((file) => file.path),
    ['in.md'],
  )
  assert.deepEqual(walked.folders, [])
})

test('walkVault terminates on symlink cycles and lists each note once', async (t) => {
  const root = await tmpDir(t)
  await write(root, 'A/note.md')
  await symlink(path.join(root, 'A'), path.join(root, 'A', 'loop'))
  await symlink(root, path.join(root, 'A', 'up'))
  await symlink(path.join(root, 'A'), path.join(root, 'Alias'))
  const walked = await walkVault(root)
  assert.deepEqual(
    walked.files.map((file) => file.path),
    ['A/note.md'],
  )
  assert.deepEqual(walked.folders, ['A'])
})

test('walkVault keeps a file symlink to a visible note but drops ones leading outside or into hidden folders', async (t) => {
  const base = await tmpDir(t)
  const root = path.join(base, 'vault')
  await write(base, 'outside/secret.md')
  await write(root, 'real.md', 'real')
  await write(root, '.obsidian/app.json', '{}')
  await symlink(path.join(root, 'real.md'), path.join(root, 'alias.md'))
  await symlink(path.join(base, 'outside', 'secret.md'), path.join(root, 'leak.md'))
  await symlink(path.join(root, '.obsidian', 'app.json'), path.join(root, 'settings.md'))
  await symlink(path.join(root, 'missing.md'), path.join(root, 'dangling.md'))
  const walked = await walkVault(root)
  assert.deepEqual(
    walked.files.map((file) => [file.path, file.size]),
    [
      ['alias.md', 4],
      ['real.md', 4],
    ],
  )
  assert.deepEqual(
    walked.errors.map((error) => error.path),
    ['dangling.md'],
  )
})

test('walkVault reports NFC paths and keeps the on-disk name when it differs', async (t) => {
  const root = await tmpDir(t)
  await write(root, 'Cafe\u0301/Re\u0301sume\u0301.md')
  await write(root, 'Caf\u00e9.md')
  const walked = await walkVault(root)
  assert.deepEqual(walked.files, [
    { path: 'Café.md', size: 1, mtimeMs: walked.files[0]?.mtimeMs, isNote: true },
    {
      path: 'Café/Résumé.md',
      diskPath: 'Cafe\u0301/Re\u0301sume\u0301.md',
      size: 1,
      mtimeMs: walked.files[1]?.mtimeMs,
      isNote: true,
    },
  ])
  assert.deepEqual(walked.folders, ['Café'])
})

test('walkVault sorts by code point, putting astral characters after the rest of the BMP', async (t) => {
  const root = await tmpDir(t)
  await write(root, '\u{1F600}.md')
  await write(root, '\uFF21.md')
  const walked = await walkVault(root)
  assert.deepEqual(
    walked.files.map((file) => file.path),
    ['\uFF21.md', '\u{1F600}.md'],
  )
})

test('walkVault stops with the abort reason when its signal is aborted', async (t) => {
  const root = await tmpDir(t)
  await write(root, 'A/B/c.md')
  const controller = new AbortController()
  controller.abort(new Error('stop'))
  await assert.rejects(walkVault(root, { signal: controller.signal }), /stop/)
})

test('walkVault handles a folder with more files than one stat slice', async (t) => {
  const root = await tmpDir(t)
  await Promise.all(
    Array.from({ length: 600 }, (_, i) => write(root, `Many/n${String(i).padStart(3, '0')}.md`)),
  )
  const walked = await walkVault(root, { concurrency: 2 })
  assert.equal(walked.files.length, 600)
  assert.equal(walked.files[0]?.path, 'Many/n000.md')
})

test('walkVault with statNotes false lists notes without stat (size 0) and still stats attachments', async (t) => {
  const root = await tmpDir(t)
  await mkdir(path.join(root, 'A'))
  await writeFile(path.join(root, 'A', 'Note.md'), 'hello')
  await writeFile(path.join(root, 'A', 'pic.png'), 'png!')
  const walked = await walkVault(root, { statNotes: false })
  assert.deepEqual(
    walked.files.map(({ path: filePath, size, isNote }) => ({ path: filePath, size, isNote })),
    [
      { path: 'A/Note.md', size: 0, isNote: true },
      { path: 'A/pic.png', size: 4, isNote: false },
    ],
  )
})
