/** A real vault in a temporary folder, indexed, with the vault tools: `await using v = await tmpVault({...})`. */

import type { JournalEntryInput } from '../../src/store/index.ts'
import { executeTool, type ToolContext, type ToolResult, vaultTools } from '../../src/tools/index.ts'
import type { Vault } from '../../src/vault/index.ts'
import { createIndexedFolder } from './indexed-folder.ts'
import { createMemoryJournal } from './memory-journal.ts'

export interface TmpVault extends AsyncDisposable {
  root: string
  vault: Vault
  /** Journal entries recorded by tool calls, in order. */
  journal: (JournalEntryInput & { id: string })[]
  /** Runs a tool call through executeTool and returns its result. */
  call(tool: string, input: unknown): Promise<ToolResult>
}

/** Writes `files` (path → text or bytes) into a new folder, indexes it and returns the vault with its tools. */
export async function tmpVault(
  files: Record<string, string | Uint8Array>,
  options: { watch?: boolean } = {},
): Promise<TmpVault> {
  const folder = await createIndexedFolder(files, options)
  const { vault } = folder
  const journal: TmpVault['journal'] = []
  const context: ToolContext = {
    vault,
    searchExclusions: async () => ['copilot'],
    signal: new AbortController().signal,
    source: { kind: 'cli' },
    journal: createMemoryJournal(journal, (count) => `c${count}`),
  }
  return {
    root: vault.root,
    vault,
    journal,
    async call(name, input) {
      const tool = vaultTools.find((candidate) => candidate.name === name)
      if (tool === undefined) throw new Error(`no tool ${name}`)
      return (await executeTool(tool, input, context)).result
    },
    [Symbol.asyncDispose]: () => folder[Symbol.asyncDispose](),
  }
}
