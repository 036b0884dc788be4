import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { createToolVault } from '../helpers/tool-vault.ts'

/** Every file under `dir` (hidden ones included, symlinks not followed) with its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name)
    const key = path.relative(dir, full)
    if (entry.isSymbolicLink()) files.set(key, 'symlink')
    else if (entry.isFile()) files.set(key, (await readFile(full)).toString('base64'))
    else if (entry.isDirectory()) files.set(`${key}/`, 'dir')
  }
  return files
}

const BAD_PATHS: [path: string, message: RegExp][] = [
  ['../escape.md', /^Access denied: \.\.\/escape\.md is outside the vault$/],
  ['Notes/../../escape.md', /is outside the vault$/],
  ['/etc/passwd', /is outside the vault$/],
  ['/tmp/x.md', /is outside the vault$/],
  ['C:\\Windows\\x.md', /is outside the vault$/],
  ['\\\\server\\share\\x.md', /is outside the vault$/],
  ['~/x.md', /is outside the vault$/],
  ['Notes/a\0.md', /^Access denied: Notes\/a\\0\.md is outside the vault$/],
  ['Out/secret.md', /is outside the vault$/],
  ['Out/new.md', /is outside the vault$/],
  ['LinkOut.md', /is outside the vault$/],
  ['Dangling.md', /is outside the vault$/],
  ['.obsidian/app.json', /hidden paths/],
  ['.obsidian/workspace.md', /hidden paths/],
  ['.trash/Old.md', /hidden paths/],
  ['.hidden.md', /hidden paths/],
  ['Notes/.git/config.md', /hidden paths/],
  ['HiddenLink/x.md', /hidden paths|outside the vault/],
]

const ROOTS = ['', '.', 'x/..', './', '/']

const OPERATIONS: Record<string, unknown>[] = [
  { operation: 'read' },
  { operation: 'create', content: 'pwned' },
  { operation: 'update', content: 'pwned' },
  { operation: 'append', content: 'pwned' },
  { operation: 'prepend', content: 'pwned' },
  { operation: 'replace', old_text: 'secret', new_text: 'pwned' },
  { operation: 'update_frontmatter', properties: { pwned: true } },
  { operation: 'delete' },
  { operation: 'complete_task', task_identifier: 1 },
]

async function safetyVault(t: import('node:test').TestContext) {
  const outside = await mkdtemp(path.join(tmpdir(), 'jasque-outside-'))
  t.after(() => rm(outside, { recursive: true, force: true }))
  await writeFile(path.join(outside, 'secret.md'), '- [ ] secret\n')
  const v = await createToolVault(t, {
    'Notes/Keep.md': '- [ ] keep\n',
    '.obsidian/app.json': '{}',
    '.obsidian/workspace.md': 'x',
    '.trash/Old.md': '- [ ] old\n',
    '.hidden.md': 'secret\n',
    'Notes/.git/config.md': 'secret\n',
  })
  await symlink(outside, path.join(v.root, 'Out'))
  await symlink(path.join(outside, 'secret.md'), path.join(v.root, 'LinkOut.md'))
  await symlink(path.join(outside, 'missing.md'), path.join(v.root, 'Dangling.md'))
  await mkdir(path.join(v.root, '.private'))
  await symlink(path.join(v.root, '.private'), path.join(v.root, 'HiddenLink'))
  return { v, outside }
}

test('every operation refuses paths outside the vault or hidden, touching nothing', async (t) => {
  const { v, outside } = await safetyVault(t)
  const before = [await snapshot(v.root), await snapshot(outside)]
  for (const [badPath, message] of BAD_PATHS) {
    for (const call of OPERATIONS) {
      const result = await v.manage({ ...call, path: badPath })
      assert.equal(result.success, false, `${call.operation} ${JSON.stringify(badPath)} succeeded`)
      assert.match(String(result.message), message, `${call.operation} ${JSON.stringify(badPath)}`)
    }
    const bulk = await v.manage({ operation: 'append', bulk: true, content: 'x', items: [{ path: badPath }] })
    assert.equal(bulk.affected_count, 0)
  }
  assert.deepEqual([await snapshot(v.root), await snapshot(outside)], before)
  assert.equal(v.entries.length, 0)
})

test('create refuses a folder that climbs out or is hidden', async (t) => {
  const { v, outside } = await safetyVault(t)
  const before = await snapshot(outside)
  for (const folder of ['..', '../x', '/tmp', '.obsidian', 'Out', 'Notes/../..']) {
    const result = await v.manage({ operation: 'create', folder, path: 'new', content: 'x' })
    assert.equal(result.success, false, folder)
    assert.match(String(result.message), /^Access denied/, folder)
  }
  assert.deepEqual(await snapshot(outside), before)
})

test('no operation can target the vault root', async (t) => {
  const { v } = await safetyVault(t)
  const before = await snapshot(v.root)
  for (const root of ROOTS) {
    for (const call of OPERATIONS) {
      const result = await v.manage({ ...call, path: root })
      assert.equal(result.success, false, `${call.operation} ${JSON.stringify(root)}`)
      assert.match(
        String(result.message),
        /^(Access denied: .* is (the vault root|outside the vault)|path is required|path must name a note)/,
        `${call.operation} ${JSON.stringify(root)}: ${result.message}`,
      )
    }
  }
  assert.deepEqual(await snapshot(v.root), before)
})
