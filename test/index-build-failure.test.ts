/**
 * A first index build that fails (here: the vault folder is gone when it starts) must not leave
 * requests waiting forever: tool calls answer the reason, and the build retries until it succeeds.
 */
import assert from 'node:assert/strict'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { UnavailableError } from '../src/errors.ts'
import { createSilentLogger } from '../src/log.ts'
import { executeTool, vaultTools } from '../src/tools/index.ts'
import { createVault } from '../src/vault/index.ts'
import { createMemoryJournal } from './helpers/memory-journal.ts'
import { tmpDir } from './helpers/tmp-dir.ts'

async function openVanishedVault(t: import('node:test').TestContext) {
  const dir = await tmpDir('jasque-build-failure-')
  t.after(() => dir[Symbol.asyncDispose]())
  const root = path.join(dir.path, 'vault')
  await mkdir(root)
  const vault = await createVault({ root, log: createSilentLogger(), watch: false })
  t.after(() => vault.close())
  await rm(root, { recursive: true })
  return { root, vault }
}

test('a failed first build rejects waiting callers with the reason and keeps retrying until it succeeds', async (t) => {
  const { root, vault } = await openVanishedVault(t)

  const started = vault.start({ retry: { initialMs: 1, maxMs: 20 } })
  await assert.rejects(
    vault.whenReady(),
    (error) => error instanceof UnavailableError && /index could not be built: .*ENOENT/.test(error.message),
  )
  assert.match(vault.buildFailure() ?? '', /ENOENT/)
  assert.equal(vault.isReady(), false)

  await mkdir(root)
  await writeFile(path.join(root, 'Note.md'), 'back\n')
  const stats = await started
  assert.equal(stats.notes, 1)
  await vault.whenReady()
  assert.equal(vault.buildFailure(), undefined)
  assert.equal(vault.index.hasFile('Note.md'), true)
})

test('a failed build without retry rejects start and every tool call answers the reason instead of waiting', async (t) => {
  const { vault } = await openVanishedVault(t)
  const tools = vaultTools.filter((tool) => tool.name !== 'obsidian_history')
  const context = {
    vault,
    signal: new AbortController().signal,
    source: { kind: 'cli' as const },
    journal: createMemoryJournal([], (count) => `c${count}`),
  }
  const calls: Record<string, unknown> = {
    obsidian_query_vault: { operation: 'list_notes' },
    obsidian_manage_notes: { operation: 'read', path: 'A.md' },
    obsidian_manage_structure: { operation: 'list_structure' },
  }
  const pending = tools.map((tool) => executeTool(tool, calls[tool.name], context))
  assert.equal(pending.length, 3)

  await assert.rejects(vault.start(), /ENOENT/)
  for (const output of await Promise.all(pending)) {
    assert.equal(output.result.success, false)
    assert.match(String(output.result.message), /vault index could not be built/)
  }
})
