/** Runs obsidian_history for `jasque undo` and `jasque history`, as a CLI request recorded in the journal. */
import { executeTool, type ToolResult } from '../tools/index.ts'
import type { CliIo } from './command.ts'
import { withToolServices } from './open-services.ts'

/** Calls the history tool with `input` and returns its result (never throws for a tool failure). */
export function runHistoryTool(io: CliIo, input: Record<string, unknown>): Promise<ToolResult> {
  return withToolServices(io, async ({ tools, store }) => {
    const history = tools.find((tool) => tool.name === 'obsidian_history')
    if (history === undefined) throw new Error('the history tool is not available')
    const { result } = await executeTool(history, input, {
      signal: io.signal,
      source: { kind: 'cli' },
      journal: store.journal,
    })
    return result
  })
}
