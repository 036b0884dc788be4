/**
 * Test support for the history tool: a real temp vault (indexed, not watched), an SQLite store in a
 * temp folder, the tool, and helpers that make journal entries the way the writing tools do.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestContext } from 'node:test'
import { createSilentLogger } from '../../src/log.ts'
import type { JournalFileChange } from '../../src/store/index.ts'
import { executeTool } from '../../src/tools/execute-tool.ts'
import { historyTool } from '../../src/tools/history.ts'
import { manageStructureTool } from '../../src/tools/manage-structure.ts'
import { createVault, type DeleteOutcome, type WriteOutcome } from '../../src/vault/index.ts'
import { storeDrivers } from './test-drivers.ts'

export interface HistoryTestVaultOptions {
  files?: Record<string, string | Uint8Array>
  /** `.obsidian/app.json` contents. */
  appJson?: Record<string, unknown>
}

/** Opens everything the history tool needs; all of it is closed and removed when the test ends. */
export async function openHistoryTestVault(
  t: TestContext,
  { files = {}, appJson }: HistoryTestVaultOptions = {},
) {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'jasque-history-')))
  t.after(() => rm(root, { recursive: true, force: true }))
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true })
    await writeFile(path.join(root, relative), content)
  }
  if (appJson !== undefined) {
    await mkdir(path.join(root, '.obsidian'))
    await writeFile(path.join(root, '.obsidian/app.json'), JSON.stringify(appJson))
  }
  const store = await storeDrivers[0]?.openStore(t)
  if (store === undefined) throw new Error('no SQLite driver')
  const vault = await createVault({ root, log: createSilentLogger(), watch: false })
  t.after(() => vault.close())
  await vault.start()
  const context = () => ({
    vault,
    signal: new AbortController().signal,
    source: { kind: 'cli' as const },
    journal: store.journal,
  })

  return {
    root,
    vault,
    store,
    /** Runs the history tool as the CLI would and returns its result. */
    async history(input: unknown) {
      return (await executeTool(historyTool, input, context())).result
    },
    /** Runs obsidian_manage_structure (renames and moves with link updates), recorded in the journal. */
    async structure(input: unknown) {
      return (await executeTool(manageStructureTool, input, context())).result
    },
    /** Records one entry as a chat request's write of `obsidian_manage_notes` would. */
    async record(operation: string, changes: JournalFileChange[]) {
      const paths = changes.flatMap((change) =>
        change.fromPath === undefined ? [change.path] : [change.fromPath, change.path],
      )
      return store.journal.record({
        source: { kind: 'chat', requestId: 'req-1', conversationId: 'conv-1' },
        tool: 'obsidian_manage_notes',
        operation,
        paths,
        changes,
      })
    },
    read: (relative: string) => readFile(path.join(root, relative), 'utf8'),
    exists: (relative: string) =>
      readFile(path.join(root, relative)).then(
        () => true,
        () => false,
      ),
    /** Changes a file behind Jasque's back, as Obsidian or a sync client would. */
    editOutside: (relative: string, text: string) => writeFile(path.join(root, relative), text),
  }
}

/** The journal change for a note the writer created or edited. */
export function writeChange(outcome: WriteOutcome): JournalFileChange {
  if (outcome.before === null) return { kind: 'create', path: outcome.path, afterHash: outcome.afterHash }
  return {
    kind: 'modify',
    path: outcome.path,
    before: outcome.before,
    ...(outcome.beforeHash === undefined ? {} : { beforeHash: outcome.beforeHash }),
    afterHash: outcome.afterHash,
  }
}

/** The journal change for a note the writer deleted. */
export function deleteChange(outcome: DeleteOutcome): JournalFileChange {
  return {
    kind: 'delete',
    path: outcome.path,
    before: outcome.before,
    beforeHash: outcome.beforeHash,
    ...(outcome.trashPath === undefined ? {} : { trashPath: outcome.trashPath }),
  }
}
