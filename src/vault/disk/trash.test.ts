import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { AccessDeniedError, ConflictError, NotFoundError } from '../../errors.ts'
import { moveToTrash, restoreFromTrash, withNumberSuffix } from './trash.ts'

const local = { trashOption: 'local' } as const

async function tmpVault(t: { after: (fn: () => Promise<void>) => void }, files: Record<string, string> = {}) {
  const base = await realpath(await mkdtemp(path.join(tmpdir(), 'jasque-trash-')))
  t.after(() => rm(base, { recursive: true, force: true }))
  const root = path.join(base, 'vault')
  await mkdir(root)
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
    await writeFile(path.join(root, relative), content)
  }
  return { root, base }
}

const suffixes: [name: string, n: number, isFolder: boolean, expected: string][] = [
  ['Name.md', 0, false, 'Name.md'],
  ['Name.md', 1, false, 'Name 1.md'],
  ['Name.md', 12, false, 'Name 12.md'],
  ['a.b.md', 2, false, 'a.b 2.md'],
  ['README', 1, false, 'README 1'],
  ['v1.2', 1, true, 'v1.2 1'],
]
for (const [name, n, isFolder, expected] of suffixes) {
  test(`withNumberSuffix(${name}, ${n}, ${isFolder}) is ${expected}`, () => {
    assert.equal(withNumberSuffix(name, n, isFolder), expected)
  })
}

test('moveToTrash moves a note into .trash/, creating it, under the same name', async (t) => {
  const { root } = await tmpVault(t, { 'Projects/Alpha.md': 'alpha' })
  assert.deepEqual(await moveToTrash(root, 'Projects/Alpha.md', local), {
    trashPath: '.trash/Alpha.md',
    permanent: false,
  })
  assert.equal(await readFile(path.join(root, '.trash', 'Alpha.md'), 'utf8'), 'alpha')
  assert.deepEqual(await readdir(path.join(root, 'Projects')), [])
})

test('moveToTrash numbers the name when the trash already holds one, never overwriting', async (t) => {
  const { root } = await tmpVault(t, { 'A/Note.md': 'first', 'B/Note.md': 'second', 'C/Note.md': 'third' })
  assert.equal((await moveToTrash(root, 'A/Note.md', local)).trashPath, '.trash/Note.md')
  assert.equal((await moveToTrash(root, 'B/Note.md', local)).trashPath, '.trash/Note 1.md')
  assert.equal(
    (await moveToTrash(root, 'C/Note.md', { trashOption: 'system' })).trashPath,
    '.trash/Note 2.md',
  )
  assert.equal(await readFile(path.join(root, '.trash', 'Note.md'), 'utf8'), 'first')
  assert.equal(await readFile(path.join(root, '.trash', 'Note 1.md'), 'utf8'), 'second')
  assert.equal(await readFile(path.join(root, '.trash', 'Note 2.md'), 'utf8'), 'third')
})

test('concurrent deletes of same-named notes keep every one of them', async (t) => {
  const files = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`F${i}/Same.md`, `content ${i}`]))
  const { root } = await tmpVault(t, files)
  const results = await Promise.all(Object.keys(files).map((file) => moveToTrash(root, file, local)))
  assert.equal(new Set(results.map((result) => result.trashPath)).size, 10)
  const contents = await Promise.all(
    (await readdir(path.join(root, '.trash'))).map((name) =>
      readFile(path.join(root, '.trash', name), 'utf8'),
    ),
  )
  assert.deepEqual(contents.sort(), Object.values(files).sort())
})

test('moveToTrash moves a whole folder, numbering it on collision', async (t) => {
  const { root } = await tmpVault(t, { 'X/Old/a.md': 'a', 'Y/Old/b.md': 'b' })
  assert.equal((await moveToTrash(root, 'X/Old', local)).trashPath, '.trash/Old')
  assert.equal((await moveToTrash(root, 'Y/Old', local)).trashPath, '.trash/Old 1')
  assert.equal(await readFile(path.join(root, '.trash', 'Old 1', 'b.md'), 'utf8'), 'b')
})

test('moveToTrash deletes permanently only when trashOption is none', async (t) => {
  const { root } = await tmpVault(t, { 'Gone.md': 'x', 'Dir/in.md': 'y' })
  assert.deepEqual(await moveToTrash(root, 'Gone.md', { trashOption: 'none' }), { permanent: true })
  assert.deepEqual(await moveToTrash(root, 'Dir', { trashOption: 'none' }), { permanent: true })
  assert.deepEqual(await readdir(root), [])
})

test('moveToTrash refuses the root, hidden paths, paths outside and missing files', async (t) => {
  const { root } = await tmpVault(t, { 'Note.md': 'x' })
  for (const refused of ['', '.', 'x/..', '.obsidian', '../vault']) {
    await assert.rejects(moveToTrash(root, refused, { trashOption: 'none' }), AccessDeniedError)
  }
  await assert.rejects(moveToTrash(root, 'Missing.md', local), NotFoundError)
  assert.deepEqual(await readdir(root), ['Note.md'])
})

test('moveToTrash moves a symlink itself, never what it points to', async (t) => {
  const { root } = await tmpVault(t, { 'Target.md': 'target' })
  await symlink(path.join(root, 'Target.md'), path.join(root, 'Link.md'))
  await moveToTrash(root, 'Link.md', { trashOption: 'none' })
  assert.equal(await readFile(path.join(root, 'Target.md'), 'utf8'), 'target')
})

test('moveToTrash refuses a .trash that is a symlink out of the vault', async (t) => {
  const { root, base } = await tmpVault(t, { 'Note.md': 'x' })
  await mkdir(path.join(base, 'elsewhere'))
  await symlink(path.join(base, 'elsewhere'), path.join(root, '.trash'))
  await assert.rejects(moveToTrash(root, 'Note.md', local), AccessDeniedError)
  assert.deepEqual(await readdir(path.join(base, 'elsewhere')), [])
})

test('restoreFromTrash puts an item back, recreating its folders', async (t) => {
  const { root } = await tmpVault(t, { 'Deep/Er/Note.md': 'back' })
  const { trashPath } = await moveToTrash(root, 'Deep/Er/Note.md', local)
  await rm(path.join(root, 'Deep'), { recursive: true })
  await restoreFromTrash(root, trashPath ?? '', 'Deep/Er/Note.md')
  assert.equal(await readFile(path.join(root, 'Deep', 'Er', 'Note.md'), 'utf8'), 'back')
  assert.deepEqual(await readdir(path.join(root, '.trash')), [])
})

test('restoreFromTrash restores a folder', async (t) => {
  const { root } = await tmpVault(t, { 'Old/a.md': 'a' })
  const { trashPath } = await moveToTrash(root, 'Old', local)
  await restoreFromTrash(root, trashPath ?? '', 'Old')
  assert.ok((await stat(path.join(root, 'Old'))).isDirectory())
})

test('restoreFromTrash refuses when the original path is occupied, leaving both untouched', async (t) => {
  const { root } = await tmpVault(t, { 'Note.md': 'old' })
  const { trashPath } = await moveToTrash(root, 'Note.md', local)
  await writeFile(path.join(root, 'Note.md'), 'new')
  await assert.rejects(restoreFromTrash(root, trashPath ?? '', 'Note.md'), ConflictError)
  assert.equal(await readFile(path.join(root, 'Note.md'), 'utf8'), 'new')
  assert.equal(await readFile(path.join(root, '.trash', 'Note.md'), 'utf8'), 'old')
})

test('restoreFromTrash refuses paths outside .trash and reports a missing item', async (t) => {
  const { root } = await tmpVault(t, { 'Note.md': 'x' })
  for (const bad of [
    'Note.md',
    '.trash',
    '.trash/',
    '.trash/../Note.md',
    '.trash/./x.md',
    '.obsidian/app.json',
  ]) {
    await assert.rejects(restoreFromTrash(root, bad, 'Other.md'), AccessDeniedError, bad)
  }
  await assert.rejects(restoreFromTrash(root, '.trash/Nothing.md', 'Other.md'), NotFoundError)
})
