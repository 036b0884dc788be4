import assert from 'node:assert/strict'
import { mkdir, realpath, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { tmpDir } from '../../../test/helpers/tmp-dir.ts'
import { AccessDeniedError } from '../../errors.ts'
import { readIndexedFile, readVaultEntry } from './vault-entry.ts'

test('readVaultEntry tells a folder, a file with its bytes and nothing apart', async () => {
  await using dir = await tmpDir('jasque-entry-')
  const root = await realpath(dir.path)
  await mkdir(path.join(root, 'A'))
  await writeFile(path.join(root, 'A/b.md'), 'bytes')
  assert.deepEqual(await readVaultEntry(root, 'A'), { kind: 'folder' })
  assert.deepEqual(await readVaultEntry(root, 'A/b.md'), { kind: 'file', bytes: Buffer.from('bytes') })
  assert.deepEqual(await readVaultEntry(root, 'A/missing.md'), { kind: 'missing' })
  assert.deepEqual(await readVaultEntry(root, 'A/b.md/under-a-file.md'), { kind: 'missing' })
  await assert.rejects(readVaultEntry(root, '../outside.md'), AccessDeniedError)
  assert.deepEqual(await readIndexedFile(root, 'A/b.md'), Buffer.from('bytes'))
})
