/** `jasque undo [change-id]`: reverts one journal entry, the same way the obsidian_history tool does. */
import { parseArgs } from 'node:util'
import type { ToolResult } from '../tools/index.ts'
import { type CliCommand, UsageError } from './command.ts'
import { runHistoryTool } from './run-history-tool.ts'

const usage = `Usage: jasque undo [change-id] [--json]
       jasque undo --run <run-id> [--json]

Reverts one change Jasque made to the vault (default: the newest not yet undone; see
\`jasque history\` for the ids). Files edited since the change are left as they are and listed.
--run reverts every change of one chat turn, newest first (see \`jasque history --turns\`).
Exit code 0 when everything was reverted, 1 when something was refused or there was nothing to undo.

Options:
  --run ID    undo a whole turn
  --json      print the tool's JSON result
  -h, --help  show this help`

/** The undo result as lines for a person: the message, then one line per file. */
export function formatUndo(result: ToolResult): string {
  const lines = [String(result.message ?? (result.success ? 'Done.' : 'Undo failed.'))]
  for (const change of (result.changes ?? []) as ToolResult[]) {
    lines.push(`${String(change.change_id)} (${String(change.tool)} ${String(change.operation)}):`)
    lines.push(...fileLines(change))
  }
  lines.push(...fileLines(result))
  if (typeof result.undo_change_id === 'string') {
    lines.push(
      `Recorded as ${result.undo_change_id} (jasque undo ${result.undo_change_id} re-applies the change).`,
    )
  }
  return `${lines.join('\n')}\n`
}

function fileLines(result: ToolResult): string[] {
  const lines: string[] = []
  for (const file of (result.restored ?? []) as { path: string; action: string }[]) {
    lines.push(`  ✓ ${file.path}: ${file.action}`)
  }
  for (const file of (result.refused ?? []) as { path: string; reason: string }[]) {
    lines.push(`  ✗ ${file.path}: ${file.reason}`)
  }
  return lines
}

/** `jasque undo`. */
export const undoCommand: CliCommand = {
  name: 'undo',
  summary: 'revert one change (default: the newest)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, run: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    })
    if (positionals.length > 1) throw new UsageError('give at most one change id')
    const [changeId] = positionals
    if (changeId !== undefined && values.run !== undefined)
      throw new UsageError('give a change id or --run, not both')
    const result = await runHistoryTool(io, {
      operation: 'undo',
      ...(changeId === undefined ? {} : { change_id: changeId }),
      ...(values.run === undefined ? {} : { run_id: values.run }),
    })
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatUndo(result))
    return result.success ? 0 : 1
  },
}
