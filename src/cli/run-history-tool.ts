/** Runs obsidian_history for `jasque undo` and `jasque history`, as a CLI request recorded in the journal. */
import { executeTool, historyTool, type ToolResult } from '../tools/index.ts'
import type { CliIo } from './command.ts'
import { withToolServices } from './open-services.ts'

/** Calls the history tool with `input` and returns its result (never throws for a tool failure). */
export function runHistoryTool(io: CliIo, input: Record<string, unknown>): Promise<ToolResult> {
  return withToolServices(io, async ({ toolDependencies }) => {
    const { result } = await executeTool(historyTool, input, {
      ...toolDependencies,
      signal: io.signal,
      source: { kind: 'cli' },
    })
    return result
  })
}
