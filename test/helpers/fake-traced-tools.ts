/**
 * Two fake vault tools for the tracing fixtures (Datadog and OpenTelemetry): a search whose result
 * holds note content, and an edit with every vault effect a span records. They never touch the
 * vault; `openEmptyVault` gives the one a writing call's write lock needs.
 */
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { createSilentLogger } from '../../src/log.ts'
import { defineTool } from '../../src/tools/index.ts'
import { createVault, type Vault } from '../../src/vault/index.ts'

export const fakeSearchTool = defineTool({
  name: 'obsidian_query_vault',
  description: 'Searches the vault.',
  input: z.object({
    operation: z.literal('search').describe('What to do'),
    query: z.string().describe('Words'),
  }),
  output: z.object({ success: z.boolean() }).loose(),
  annotations: { readOnly: true, destructive: false },
  async run({ query }) {
    return {
      result: {
        success: true,
        operation: 'search',
        total_count: 1,
        results: [{ path: 'Projects/Secret plan.md', snippet: `NOTE-CONTENT ${query}` }],
      },
      // Like the real read-only tools: no effects, nothing changed.
    }
  },
})

export const fakeEditTool = defineTool({
  name: 'obsidian_manage_notes',
  description: 'Edits a note.',
  input: z.object({
    operation: z.literal('edit').describe('What to do'),
    path: z.string().describe('Note'),
    content: z.string().describe('Text'),
  }),
  output: z.object({ success: z.boolean() }).loose(),
  annotations: { readOnly: false, destructive: true },
  async run({ path: notePath, content }) {
    const paths = Array.from({ length: 25 }, (_, index) =>
      index === 0 ? notePath : `Linked/Note ${index}.md`,
    )
    return {
      result: { success: true, operation: 'edit', message: `NOTE-CONTENT written to ${notePath}` },
      effects: {
        operation: 'edit',
        paths,
        bytesWritten: Buffer.byteLength(content),
        linksUpdated: 3,
        changeId: 'chg_0001',
      },
    }
  },
})

/** An empty vault in a temporary folder, removed when the process exits. */
export async function openEmptyVault(): Promise<Vault> {
  const root = await mkdtemp(path.join(tmpdir(), 'jasque-traced-tools-'))
  process.once('exit', () => rmSync(root, { recursive: true, force: true }))
  return createVault({ root, log: createSilentLogger(), watch: false })
}
