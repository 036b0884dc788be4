import assert from 'node:assert/strict'
import { mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { tmpDir } from '../../../test/helpers/tmp-dir.ts'
import { AccessDeniedError } from '../../errors.ts'
import { createVaultText, readVaultText, statVaultPath } from './vault-text-file.ts'

test('statVaultPath tells files from folders and gives undefined for nothing', async () => {
  await using dir = await tmpDir('jasque-text-')
  await mkdir(path.join(dir.path, '_jasque'))
  await writeFile(path.join(dir.path, '_jasque/p.md'), 'four')
  const file = await statVaultPath(dir.path, '_jasque/p.md')
  assert.equal(file?.isFile, true)
  assert.equal(file?.isFolder, false)
  assert.equal(file?.size, 4)
  assert.equal((await statVaultPath(dir.path, '_jasque'))?.isFolder, true)
  assert.equal(await statVaultPath(dir.path, '_jasque/none.md'), undefined)
})

test('createVaultText writes a new file only, and readVaultText reads it back', async () => {
  await using dir = await tmpDir('jasque-text-')
  await mkdir(path.join(dir.path, '_jasque'))
  assert.equal(await createVaultText(dir.path, '_jasque/p.md', 'first'), true)
  assert.equal(await createVaultText(dir.path, '_jasque/p.md', 'second'), false)
  assert.equal(await readVaultText(dir.path, '_jasque/p.md'), 'first')
})

test('a file or folder that a symlink takes outside the vault is neither read nor written', async () => {
  await using dir = await tmpDir('jasque-text-')
  await using outside = await tmpDir('jasque-outside-')
  const root = path.join(await realpath(dir.path), 'vault')
  await mkdir(root)
  await writeFile(path.join(outside.path, 'secret.md'), 'secret')
  await symlink(path.join(outside.path, 'secret.md'), path.join(root, 'leak.md'))
  await symlink(outside.path, path.join(root, '_jasque'))
  await assert.rejects(readVaultText(root, 'leak.md'), /outside the vault/)
  await assert.rejects(createVaultText(root, '_jasque/new.md', 'x'), AccessDeniedError)
  await assert.rejects(readFile(path.join(outside.path, 'new.md')), { code: 'ENOENT' })
})
