/**
 * A newcomer's first minutes: `cp .env.example .env && npm start` says what to do, and
 * `npm run demo` copies the demo vault into the data folder once and serves it.
 */
import assert from 'node:assert/strict'
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { REPOSITORY, startJasqueProcess } from './helpers/jasque-process.ts'
import { tmpDir } from './helpers/tmp-dir.ts'

const packageJson = JSON.parse(await readFile(path.join(REPOSITORY, 'package.json'), 'utf8'))
/** The npm script's node arguments, with paths made absolute (the test runs elsewhere). */
const scriptArguments = (name: string) =>
  (packageJson.scripts[name] as string)
    .split(' ')
    .slice(1)
    .map((arg) => (arg.startsWith('./') || arg.startsWith('src/') ? path.join(REPOSITORY, arg) : arg))

test('npm start with the example .env and no vault says to run npm run demo or set the vault', async (t) => {
  await using dir = await tmpDir()
  await copyFile(path.join(REPOSITORY, '.env.example'), path.join(dir.path, '.env'))
  const jasque = startJasqueProcess(t, { cwd: dir.path, args: scriptArguments('start') })
  assert.equal(await jasque.exited, 2)
  const { stderr } = jasque.output()
  assert.match(stderr, /OBSIDIAN_VAULT_PATH/)
  assert.match(stderr, /npm run demo/)
})

test('npm run demo copies the demo vault into the data folder once and serves it', async (t) => {
  await using dir = await tmpDir()
  const dataDir = path.join(dir.path, 'data')
  const env = { PORT: '0', JASQUE_DATA_DIR: dataDir }
  const demoVault = path.join(dataDir, 'demo-vault')
  const shipped = (await readdir(path.join(REPOSITORY, 'demo/vault'), { recursive: true })).filter((file) =>
    file.endsWith('.md'),
  )
  assert.ok(shipped.length >= 5)

  const first = startJasqueProcess(t, { cwd: dir.path, args: scriptArguments('demo'), env })
  await first.waitForLine(/copied the demo vault to/, 'the copy message')
  const ready = JSON.parse(await first.waitForLine(/"msg":"vault ready"/, 'the demo index'))
  assert.equal(ready.notes, shipped.length)
  assert.ok(ready.links > 0 && ready.tags > 0 && ready.tasks.open > 0)
  const starting = JSON.parse(await first.waitForLine(/"msg":"starting"/, 'the "starting" line'))
  assert.equal(starting.vault, demoVault)
  first.child.kill('SIGTERM')
  await first.exited

  const welcome = path.join(demoVault, 'Welcome.md')
  await writeFile(welcome, 'my own words\n')
  const second = startJasqueProcess(t, { cwd: dir.path, args: scriptArguments('demo'), env })
  await second.waitForLine(/using the demo vault at .*your changes are kept/, 'the reuse message')
  await second.waitForLine(/"msg":"vault ready"/, 'the demo index')
  assert.equal(await readFile(welcome, 'utf8'), 'my own words\n')
})
