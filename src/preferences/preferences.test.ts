import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type TestContext, test } from 'node:test'
import { pino } from 'pino'
import { InvalidInputError } from '../errors.ts'
import { DEFAULT_PREFERENCES } from './parse-preferences.ts'
import { createPreferencesSource } from './preferences.ts'
import { PREFERENCES_TEMPLATE } from './preferences-template.ts'

async function tmpVault(t: TestContext) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'jasque-prefs-'))
  t.after(() => rm(root, { recursive: true, force: true }))
  const lines: { msg: string }[] = []
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  const file = path.join(root, '_jasque', 'preferences.md')
  return { root, file, lines, source: createPreferencesSource({ vaultRoot: root, log }) }
}

/** Writes the note and moves its mtime forward, so a same-size rewrite is still seen. */
async function writeNote(file: string, text: string, secondsAhead: number) {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, text)
  const when = new Date(Date.now() + secondsAhead * 1000)
  await utimes(file, when, when)
}

test('a vault without _jasque/ gets the defaults and no template', async (t) => {
  const { root, source } = await tmpVault(t)

  assert.deepEqual(await source.get(), DEFAULT_PREFERENCES)
  await assert.rejects(stat(path.join(root, '_jasque')))
})

test('an existing _jasque/ folder without the note gets the commented template', async (t) => {
  const { root, file, source, lines } = await tmpVault(t)
  await mkdir(path.join(root, '_jasque'))

  assert.deepEqual(await source.get(), DEFAULT_PREFERENCES)
  assert.equal(await readFile(file, 'utf8'), PREFERENCES_TEMPLATE)
  assert.ok(lines.some((line) => /template/.test(line.msg)))
  assert.deepEqual(await source.get(), DEFAULT_PREFERENCES)
})

test('the note is read again only when its mtime or size changed', async (t) => {
  const { file, source } = await tmpVault(t)
  await writeNote(file, '---\ndate_format: DD.MM.YYYY\n---\n', 1)
  assert.equal((await source.get()).dateFormat, 'DD.MM.YYYY')

  // Same size and same mtime: the cached value stays even though the bytes differ.
  const { mtime } = await stat(file)
  await writeFile(file, '---\ndate_format: MM.DD.YYYY\n---\n')
  await utimes(file, mtime, mtime)
  assert.equal((await source.get()).dateFormat, 'DD.MM.YYYY')

  await writeNote(file, '---\ndate_format: MM.DD.YYYY\n---\n', 5)
  assert.equal((await source.get()).dateFormat, 'MM.DD.YYYY')
})

test('an invalid field is logged once, not on every read', async (t) => {
  const { file, source, lines } = await tmpVault(t)
  await writeNote(file, '---\nresponse_style:\n  verbosity: chatty\n---\n', 1)

  await Promise.all([source.get(), source.get()])
  await source.get()

  const warnings = lines.filter((line) => /verbosity is invalid/.test(line.msg))
  assert.equal(warnings.length, 1)
})

test('invalid YAML rejects every read with the same InvalidInputError until the note is fixed', async (t) => {
  const { file, source } = await tmpVault(t)
  await writeNote(file, '---\ndate_format: [oops\n---\n', 1)

  await assert.rejects(
    source.get(),
    (error) => error instanceof InvalidInputError && /line \d/.test(error.message),
  )
  await assert.rejects(source.get(), InvalidInputError)

  await writeNote(file, '---\ndate_format: YYYY\n---\n', 5)
  assert.equal((await source.get()).dateFormat, 'YYYY')
})

test('a preferences note that links outside the vault is ignored', async (t) => {
  const { root, file, source } = await tmpVault(t)
  const outside = await mkdtemp(path.join(os.tmpdir(), 'jasque-outside-'))
  t.after(() => rm(outside, { recursive: true, force: true }))
  await writeFile(path.join(outside, 'secret.md'), '---\ndate_format: SECRET\n---\nsecret\n')
  await mkdir(path.join(root, '_jasque'))
  await symlink(path.join(outside, 'secret.md'), file)

  assert.deepEqual(await source.get(), DEFAULT_PREFERENCES)
})

test('callers get their own copy of the preferences', async (t) => {
  const { source } = await tmpVault(t)

  const first = await source.get()
  first.searchExcludeFolders.push('mine')

  assert.deepEqual((await source.get()).searchExcludeFolders, ['copilot'])
})

test('a _jasque symlink that leaves the vault gets no template written through it', async (t) => {
  const { root, source, lines } = await tmpVault(t)
  const outside = await mkdtemp(path.join(os.tmpdir(), 'jasque-outside-'))
  t.after(() => rm(outside, { recursive: true, force: true }))
  await symlink(outside, path.join(root, '_jasque'))

  assert.deepEqual(await source.get(), DEFAULT_PREFERENCES)
  await assert.rejects(stat(path.join(outside, 'preferences.md')), { code: 'ENOENT' })
  assert.ok(lines.some((line) => /Access denied: .* outside the vault/.test(line.msg)))
})
