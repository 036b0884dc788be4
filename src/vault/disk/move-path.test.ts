import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { AccessDeniedError, ConflictError, InvalidInputError, NotFoundError } from '../../errors.ts'
import { movePath } from './move-path.ts'
import { createPathLocks } from './path-lock.ts'

async function tmpVault(t: TestContext, files: Record<string, string>) {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'jasque-move-')))
  t.after(() => rm(root, { recursive: true, force: true }))
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
    await writeFile(path.join(root, relative), content)
  }
  const refreshed: string[] = []
  const locks = createPathLocks()
  const vault = {
    root,
    locks,
    refresh: async (changed: string) => {
      refreshed.push(changed)
    },
  }
  return { root, vault, refreshed, locks }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  )

test('a note moves into a new folder, which is created, and both paths are refreshed', async (t) => {
  const { root, vault, refreshed, locks } = await tmpVault(t, { 'Inbox/Alpha.md': 'alpha' })

  await movePath(vault, 'Inbox/Alpha.md', 'Projects/2026/Alpha.md')

  assert.equal(await readFile(path.join(root, 'Projects/2026/Alpha.md'), 'utf8'), 'alpha')
  assert.equal(await exists(path.join(root, 'Inbox/Alpha.md')), false)
  assert.deepEqual(refreshed, ['Inbox/Alpha.md', 'Projects/2026/Alpha.md'])
  assert.equal(locks.size(), 0)
})

test('a folder moves with everything inside it', async (t) => {
  const { root, vault } = await tmpVault(t, { 'A/one.md': '1', 'A/sub/two.png': '2' })

  await movePath(vault, 'A', 'B/A')

  assert.equal(await readFile(path.join(root, 'B/A/sub/two.png'), 'utf8'), '2')
  assert.equal(await exists(path.join(root, 'A')), false)
})

test('a case-only rename of the same file is allowed', async (t) => {
  const { root, vault } = await tmpVault(t, { 'alpha.md': 'a' })

  await movePath(vault, 'alpha.md', 'Alpha.md')

  assert.equal(await readFile(path.join(root, 'Alpha.md'), 'utf8'), 'a')
})

const refusals: [name: string, from: string, to: string, error: new (...args: never[]) => Error][] = [
  ['an existing destination file', 'a.md', 'b.md', ConflictError],
  ['an existing destination folder', 'a.md', 'Folder', ConflictError],
  ['a missing source', 'missing.md', 'c.md', NotFoundError],
  ['a folder into itself', 'Folder', 'Folder/Inner', InvalidInputError],
  ['the same path', 'a.md', './a.md', InvalidInputError],
  ['a hidden destination', 'a.md', '.trash/a.md', AccessDeniedError],
  ['a destination outside the vault', 'a.md', '../a.md', AccessDeniedError],
  ['the vault root', '', 'x', AccessDeniedError],
]
for (const [name, from, to, error] of refusals) {
  test(`a move with ${name} is refused and changes nothing`, async (t) => {
    const { root, vault, refreshed } = await tmpVault(t, { 'a.md': 'a', 'b.md': 'b', 'Folder/x.md': 'x' })

    await assert.rejects(movePath(vault, from, to), error)

    assert.equal(await readFile(path.join(root, 'a.md'), 'utf8'), 'a')
    assert.equal(await readFile(path.join(root, 'b.md'), 'utf8'), 'b')
    assert.deepEqual(refreshed, [])
  })
}
