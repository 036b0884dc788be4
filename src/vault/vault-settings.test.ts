import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { DEFAULT_VAULT_SETTINGS, parseVaultSettings, readVaultSettings } from './vault-settings.ts'

async function vaultWithAppJson(
  t: { after: (fn: () => Promise<void>) => void },
  content?: string,
  configDir = '.obsidian',
) {
  const root = await mkdtemp(path.join(tmpdir(), 'jasque-settings-'))
  t.after(() => rm(root, { recursive: true, force: true }))
  if (content !== undefined) {
    await mkdir(path.join(root, configDir))
    await writeFile(path.join(root, configDir, 'app.json'), content)
  }
  return root
}

test('readVaultSettings gives the defaults when app.json is missing', async (t) => {
  const root = await vaultWithAppJson(t)
  assert.deepEqual(await readVaultSettings(root), DEFAULT_VAULT_SETTINGS)
  assert.equal(DEFAULT_VAULT_SETTINGS.trashOption, 'local')
  assert.equal(DEFAULT_VAULT_SETTINGS.newLinkFormat, 'shortest')
})

test('readVaultSettings gives the defaults when app.json is not valid JSON', async (t) => {
  const root = await vaultWithAppJson(t, '{ "trashOption": ')
  assert.deepEqual(await readVaultSettings(root), DEFAULT_VAULT_SETTINGS)
})

test('readVaultSettings reads every supported field', async (t) => {
  const root = await vaultWithAppJson(
    t,
    JSON.stringify({
      trashOption: 'none',
      newLinkFormat: 'relative',
      useMarkdownLinks: true,
      alwaysUpdateLinks: true,
      attachmentFolderPath: './attachments',
      newFileLocation: 'folder',
      newFileFolderPath: 'Inbox',
      userIgnoreFilters: ['Archive/', '/\\.tmp$/'],
      showLineNumber: true,
    }),
  )
  assert.deepEqual(await readVaultSettings(root), {
    trashOption: 'none',
    newLinkFormat: 'relative',
    useMarkdownLinks: true,
    alwaysUpdateLinks: true,
    attachmentFolderPath: './attachments',
    newFileLocation: 'folder',
    newFileFolderPath: 'Inbox',
    userIgnoreFilters: ['Archive/', '/\\.tmp$/'],
  })
})

test('readVaultSettings honours a renamed config folder', async (t) => {
  const root = await vaultWithAppJson(t, '{"trashOption":"system"}', '.config-obsidian')
  assert.equal((await readVaultSettings(root, { configDir: '.config-obsidian' })).trashOption, 'system')
  assert.equal((await readVaultSettings(root)).trashOption, 'local')
})

const invalidFields: [name: string, json: unknown][] = [
  ['not an object', 42],
  ['an array', []],
  ['null', null],
  ['an unknown trash option', { trashOption: 'shred' }],
  ['a link format of the wrong type', { newLinkFormat: 3 }],
  ['a boolean given as a string', { useMarkdownLinks: 'true' }],
  ['a non-array ignore list', { userIgnoreFilters: 'Archive/' }],
]
for (const [name, json] of invalidFields) {
  test(`parseVaultSettings falls back to defaults for ${name}`, () => {
    assert.deepEqual(parseVaultSettings(json), DEFAULT_VAULT_SETTINGS)
  })
}

test('parseVaultSettings keeps only the string entries of userIgnoreFilters', () => {
  assert.deepEqual(parseVaultSettings({ userIgnoreFilters: ['a/', 1, null, 'b/'] }).userIgnoreFilters, [
    'a/',
    'b/',
  ])
})
