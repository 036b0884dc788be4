import assert from 'node:assert/strict'
import { mkdir, readdir, realpath, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { tmpDir } from '../../../test/helpers/tmp-dir.ts'
import { AccessDeniedError } from '../../errors.ts'
import { createFolder, ensureFolder, listFilesBelow, listFolder, removeEmptyFolder } from './folders.ts'

async function vaultWith(files: Record<string, string>) {
  const dir = await tmpDir('jasque-folders-')
  const root = await realpath(dir.path)
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
    await writeFile(path.join(root, relative), content)
  }
  return { root, [Symbol.asyncDispose]: () => dir[Symbol.asyncDispose]() }
}

test('createFolder creates missing parents and refuses a path that is taken', async () => {
  await using vault = await vaultWith({ 'Notes/a.md': 'a' })
  assert.equal(await createFolder(vault.root, 'Projects/2026/Q1'), true)
  assert.ok((await stat(path.join(vault.root, 'Projects/2026/Q1'))).isDirectory())
  assert.equal(await createFolder(vault.root, 'Projects/2026'), false)
  assert.equal(await createFolder(vault.root, 'Notes/a.md'), false)
})

test('folder operations refuse hidden paths and symlinks that leave the vault', async () => {
  await using vault = await vaultWith({})
  await using outside = await tmpDir('jasque-outside-')
  await symlink(outside.path, path.join(vault.root, 'link'))
  await assert.rejects(createFolder(vault.root, '.obsidian/x'), AccessDeniedError)
  await assert.rejects(ensureFolder(vault.root, 'link/x'), AccessDeniedError)
  await assert.rejects(listFolder(vault.root, 'link'), AccessDeniedError)
  assert.deepEqual(await readdir(outside.path), [])
})

test('listFolder names every entry, hidden ones too, with sub-folders ending in a slash', async () => {
  await using vault = await vaultWith({ 'A/.DS_Store': '', 'A/b.md': 'b', 'A/Sub/c.md': 'c' })
  assert.deepEqual((await listFolder(vault.root, 'A')).sort(), ['.DS_Store', 'Sub/', 'b.md'])
})

test('listFilesBelow lists files at any depth as slash paths relative to the folder', async () => {
  await using vault = await vaultWith({ 'A/b.md': 'b', 'A/Sub/c.png': 'c', 'A/Sub/Deep/d.md': 'd' })
  await mkdir(path.join(vault.root, 'A/Empty'))
  assert.deepEqual((await listFilesBelow(vault.root, 'A')).sort(), ['Sub/Deep/d.md', 'Sub/c.png', 'b.md'])
})

test('ensureFolder leaves an existing folder as it is and removeEmptyFolder refuses a non-empty one', async () => {
  await using vault = await vaultWith({ 'A/b.md': 'b' })
  await ensureFolder(vault.root, 'A')
  await ensureFolder(vault.root, 'C/D')
  assert.deepEqual(await listFolder(vault.root, 'A'), ['b.md'])
  await assert.rejects(removeEmptyFolder(vault.root, 'A'), { code: 'ENOTEMPTY' })
  await removeEmptyFolder(vault.root, 'C/D')
  assert.deepEqual(await listFolder(vault.root, 'C'), [])
})
