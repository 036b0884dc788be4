import assert from 'node:assert/strict'
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { AccessDeniedError, InvalidInputError } from '../../errors.ts'
import { type NormalizePathOptions, normalizeVaultPath, resolveInsideVault, splitVaultPath } from './paths.ts'

type Expected = string | 'outside' | 'hidden' | 'root' | 'invalid'

const mutation: NormalizePathOptions = { forMutation: true }
const required: NormalizePathOptions = { required: true }

const cases: [input: string, options: NormalizePathOptions, expected: Expected][] = [
  ['Note.md', {}, 'Note.md'],
  ['Projects/Alpha.md', {}, 'Projects/Alpha.md'],
  ['./Projects/Alpha.md', {}, 'Projects/Alpha.md'],
  ['Projects//Alpha.md', {}, 'Projects/Alpha.md'],
  ['Projects/./Alpha.md', {}, 'Projects/Alpha.md'],
  ['Projects/', {}, 'Projects'],
  ['Projects///', {}, 'Projects'],
  ['Projects\\Alpha.md', {}, 'Projects/Alpha.md'],
  ['Projects\\Sub\\Alpha.md', {}, 'Projects/Sub/Alpha.md'],
  ['Projects/Sub/../Alpha.md', {}, 'Projects/Alpha.md'],
  ['a/b/c/../../d.md', {}, 'a/d.md'],
  ['a/..', {}, ''],
  ['', {}, ''],
  ['.', {}, ''],
  ['./', {}, ''],
  ['Cafe\u0301.md', {}, 'Café.md'],
  ['Caf\u00e9.md', {}, 'Café.md'],
  ['日本語/ノート.md', {}, '日本語/ノート.md'],
  ['Name with spaces.md', {}, 'Name with spaces.md'],
  ['a..b.md', {}, 'a..b.md'],
  ['...md', {}, 'hidden'],
  ['notes/v1.2/x.md', {}, 'notes/v1.2/x.md'],
  ['~draft.md', {}, '~draft.md'],
  ['folder/~', {}, 'folder/~'],
  ['x:y.md', {}, 'outside'],
  ['Meeting: notes.md', {}, 'Meeting: notes.md'],
  ['../x.md', {}, 'outside'],
  ['..', {}, 'outside'],
  ['a/../../x.md', {}, 'outside'],
  ['a/b/../../../etc/passwd', {}, 'outside'],
  ['..\\x.md', {}, 'outside'],
  ['/etc/passwd', {}, 'outside'],
  ['/x', {}, 'outside'],
  ['/', {}, 'outside'],
  ['C:\\x', {}, 'outside'],
  ['C:/x', {}, 'outside'],
  ['c:x.md', {}, 'outside'],
  ['\\\\server\\share\\x', {}, 'outside'],
  ['//server/share/x', {}, 'outside'],
  ['~', {}, 'outside'],
  ['~/notes.md', {}, 'outside'],
  ['Note\0.md', {}, 'outside'],
  ['\0', {}, 'outside'],
  ['.obsidian/app.json', {}, 'hidden'],
  ['.trash/Old.md', {}, 'hidden'],
  ['.git', {}, 'hidden'],
  ['Projects/.hidden.md', {}, 'hidden'],
  ['Projects/.jasque-tmp-abc', {}, 'hidden'],
  ['a/.b/c.md', {}, 'hidden'],
  ['.obsidian/../Note.md', {}, 'Note.md'],
  ['', mutation, 'root'],
  ['.', mutation, 'root'],
  ['./', mutation, 'root'],
  ['x/..', mutation, 'root'],
  ['a/b/../..', mutation, 'root'],
  ['Projects/Alpha.md', mutation, 'Projects/Alpha.md'],
  ['Projects', mutation, 'Projects'],
  ['', required, 'invalid'],
  ['   ', required, 'invalid'],
  ['.', required, ''],
  ['Note.md', required, 'Note.md'],
  ['', { forMutation: true, required: true }, 'invalid'],
]

for (const [input, options, expected] of cases) {
  test(`normalizeVaultPath(${JSON.stringify(input)}, ${JSON.stringify(options)}) gives ${expected}`, () => {
    const run = () => normalizeVaultPath(input, options)
    if (expected === 'outside') {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof AccessDeniedError)
        assert.match(error.message, /^Access denied: .* is outside the vault$/)
        return true
      })
    } else if (expected === 'hidden') {
      assert.throws(
        run,
        (error: unknown) => error instanceof AccessDeniedError && /hidden paths/.test(error.message),
      )
    } else if (expected === 'root') {
      assert.throws(
        run,
        (error: unknown) => error instanceof AccessDeniedError && /vault root/.test(error.message),
      )
    } else if (expected === 'invalid') {
      assert.throws(run, InvalidInputError)
    } else {
      assert.equal(run(), expected)
    }
  })
}

test('the outside-the-vault message names the path as the caller wrote it', () => {
  assert.throws(() => normalizeVaultPath('../secret.md'), {
    message: 'Access denied: ../secret.md is outside the vault',
  })
})

test('a NUL byte is shown escaped in the message', () => {
  assert.throws(() => normalizeVaultPath('a\0b'), { message: 'Access denied: a\\0b is outside the vault' })
})

async function tmpVault(t: { after: (fn: () => Promise<void>) => void }) {
  const base = await realpath(await mkdtemp(path.join(tmpdir(), 'jasque-paths-')))
  t.after(() => rm(base, { recursive: true, force: true }))
  const root = path.join(base, 'vault')
  const outside = path.join(base, 'outside')
  await mkdir(path.join(root, 'Projects'), { recursive: true })
  await mkdir(path.join(root, '.obsidian'), { recursive: true })
  await mkdir(outside)
  await writeFile(path.join(root, 'Projects', 'Alpha.md'), 'alpha')
  await writeFile(path.join(root, '.obsidian', 'app.json'), '{}')
  await writeFile(path.join(outside, 'secret.md'), 'secret')
  return { root, outside }
}

test('resolveInsideVault returns the absolute path of a file inside the vault', async (t) => {
  const { root } = await tmpVault(t)
  assert.equal(await resolveInsideVault(root, 'Projects/Alpha.md'), path.join(root, 'Projects', 'Alpha.md'))
})

test('resolveInsideVault accepts a path that does not exist yet, under existing or missing folders', async (t) => {
  const { root } = await tmpVault(t)
  assert.equal(await resolveInsideVault(root, 'Projects/New.md'), path.join(root, 'Projects', 'New.md'))
  assert.equal(await resolveInsideVault(root, 'A/B/C.md'), path.join(root, 'A', 'B', 'C.md'))
})

test('resolveInsideVault refuses a symlinked file that points outside the vault', async (t) => {
  const { root, outside } = await tmpVault(t)
  await symlink(path.join(outside, 'secret.md'), path.join(root, 'leak.md'))
  await assert.rejects(resolveInsideVault(root, 'leak.md'), {
    message: 'Access denied: leak.md is outside the vault',
  })
})

test('resolveInsideVault refuses a new file under a symlinked folder that points outside', async (t) => {
  const { root, outside } = await tmpVault(t)
  await symlink(outside, path.join(root, 'Linked'))
  await assert.rejects(resolveInsideVault(root, 'Linked/secret.md'), AccessDeniedError)
  await assert.rejects(resolveInsideVault(root, 'Linked/new/deeper.md'), AccessDeniedError)
})

test('resolveInsideVault refuses a dangling symlink, whose target a write would create', async (t) => {
  const { root, outside } = await tmpVault(t)
  await symlink(path.join(outside, 'not-yet.md'), path.join(root, 'dangling.md'))
  await assert.rejects(resolveInsideVault(root, 'dangling.md'), AccessDeniedError)
})

test('resolveInsideVault refuses a symlink into a hidden folder of the vault', async (t) => {
  const { root } = await tmpVault(t)
  await symlink(path.join(root, '.obsidian', 'app.json'), path.join(root, 'settings.md'))
  await assert.rejects(resolveInsideVault(root, 'settings.md'), /hidden paths/)
})

test('resolveInsideVault accepts a symlink that stays inside the vault', async (t) => {
  const { root } = await tmpVault(t)
  await symlink(path.join(root, 'Projects'), path.join(root, 'Shortcut'))
  assert.equal(await resolveInsideVault(root, 'Shortcut/Alpha.md'), path.join(root, 'Shortcut', 'Alpha.md'))
})

test('resolveInsideVault works when the vault root itself is reached through a symlink', async (t) => {
  const { root } = await tmpVault(t)
  const alias = `${root}-alias`
  await symlink(root, alias)
  t.after(() => rm(alias, { force: true }))
  assert.equal(await resolveInsideVault(alias, 'Projects/Alpha.md'), path.join(alias, 'Projects', 'Alpha.md'))
})

test('resolveInsideVault applies the pure rules first', async (t) => {
  const { root } = await tmpVault(t)
  await assert.rejects(resolveInsideVault(root, '../outside/secret.md'), /outside the vault/)
  await assert.rejects(resolveInsideVault(root, '', { forMutation: true }), /vault root/)
})

test('resolveInsideVault keeps the Unicode form of the given path, as the disk stores it', async (t) => {
  const { root } = await tmpVault(t)
  await writeFile(path.join(root, 'Cafe\u0301.md'), 'nfd')
  assert.equal(await resolveInsideVault(root, 'Cafe\u0301.md'), path.join(root, 'Cafe\u0301.md'))
})

test('splitVaultPath checks like normalizeVaultPath but keeps the input form', () => {
  assert.deepEqual(splitVaultPath('./A\\Cafe\u0301.md'), ['A', 'Cafe\u0301.md'])
  assert.throws(() => splitVaultPath('../x'), AccessDeniedError)
})
