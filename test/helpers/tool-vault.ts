/**
 * A temporary vault with the vault tools over it, for tool tests: files are written first, the
 * index is built (no watcher), and calls go through executeTool with an in-memory journal.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { TestContext } from 'node:test'
import type { Journal, JournalEntryInput } from '../../src/store/index.ts'
import type { ToolDefinition, ToolResult } from '../../src/tools/define-tool.ts'
import { executeTool } from '../../src/tools/execute-tool.ts'
import { manageNotesTool } from '../../src/tools/manage-notes.ts'
import type { Vault } from '../../src/vault/index.ts'
import { createIndexedFolder } from './indexed-folder.ts'
import { createMemoryJournal } from './memory-journal.ts'

export interface ToolVault {
  root: string
  vault: Vault
  /** Journal entries recorded so far, oldest first, with their ids. */
  entries: (JournalEntryInput & { id: string })[]
  /** Calls obsidian_manage_notes (through executeTool) and returns its result. */
  manage(input: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<ToolResult>
  /** Calls any tool definition the same way, returning the whole output. */
  call: (
    tool: ToolDefinition,
    input: unknown,
    options?: { signal?: AbortSignal },
  ) => ReturnType<typeof executeTool>
  readText(notePath: string): Promise<string>
  readBytes(notePath: string): Promise<Buffer>
  write(notePath: string, content: string | Uint8Array): Promise<void>
}

/**
 * Files as `{ 'Folder/Note.md': 'text' }`; the vault is removed when the test ends. Changes go to
 * `entries` unless another `journal` (a real store's) is given.
 */
export async function createToolVault(
  t: TestContext,
  files: Record<string, string | Uint8Array> = {},
  options: { journal?: Journal } = {},
): Promise<ToolVault> {
  const folder = await createIndexedFolder(files, { prefix: 'jasque-tools-' })
  const { vault, write } = folder
  t.after(() => folder[Symbol.asyncDispose]())
  const entries: ToolVault['entries'] = []
  const journal =
    options.journal ?? createMemoryJournal(entries, (count) => `entry${String(count).padStart(8, '0')}`)
  const tool = manageNotesTool as ToolDefinition
  const call = (definition: ToolDefinition, input: unknown, options: { signal?: AbortSignal } = {}) =>
    executeTool(definition, input, {
      vault,
      searchExclusions: async () => ['copilot'],
      signal: options.signal ?? new AbortController().signal,
      source: { kind: 'cli' },
      journal,
    })
  return {
    root: vault.root,
    vault,
    entries,
    call,
    manage: async (input, options) => (await call(tool, input, options)).result,
    readText: (notePath) => readFile(path.join(vault.root, notePath), 'utf8'),
    readBytes: (notePath) => readFile(path.join(vault.root, notePath)),
    write,
  }
}
