/** `jasque history`: the newest changes Jasque made to the vault, newest first. */
import { parseArgs } from 'node:util'
import type { ToolResult } from '../tools/index.ts'
import { type CliCommand, UsageError } from './command.ts'
import { showTurns } from './history-turns.ts'
import { runHistoryTool } from './run-history-tool.ts'

const usage = `Usage: jasque history [--limit N] [--json]
       jasque history --turns [--limit N]
       jasque history --run <id>

Lists the newest changes Jasque made to the vault (from the journal), newest first: id, local
time, tool and operation, the paths touched, and whether the change was undone. Revert one with
\`jasque undo <id>\`.

--turns lists the chat turns instead (the activity page's list): run id, time, outcome, request,
tool calls, changes, tokens and duration. --run shows one turn: its tool calls and every change
with a coloured diff (no colour when NO_COLOR is set or the output is not a terminal). Take a whole
turn back with \`jasque undo --run <id>\`.

Options:
  --limit N   how many changes or turns (1-500, default 20)
  --turns     list chat turns
  --run ID    show one turn with its diffs
  --json      print the tool's JSON result (changes only)
  -h, --help  show this help`

interface ChangeItem {
  change_id: string
  time: string
  tool: string
  operation: string
  paths?: string[]
  undone_by?: string
  undone_at?: string
  source?: string
  client?: string
}

const pad = (value: number) => String(value).padStart(2, '0')

function localTime(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

function shortPaths(paths: string[] = []): string {
  const shown = paths.slice(0, 3).join(', ')
  return paths.length > 3 ? `${shown} (+${paths.length - 3} more)` : shown
}

/** The list_changes result as one line per change, for a person. */
export function formatHistory(result: ToolResult): string {
  const items = (result.results ?? []) as ChangeItem[]
  if (!result.success || items.length === 0)
    return `${String(result.message ?? 'No changes recorded yet.')}\n`
  const lines = items.map((item) => {
    const undone =
      item.undone_at === undefined ? '' : `  (undone${item.undone_by ? ` by ${item.undone_by}` : ''})`
    const source =
      item.source === undefined ? '' : `  [${item.source}${item.client ? `: ${item.client}` : ''}]`
    return `${item.change_id}  ${localTime(item.time)}  ${item.tool} ${item.operation}  ${shortPaths(item.paths)}${source}${undone}`
  })
  if (result.truncated === true) lines.push('… older changes not shown: use --limit to see more.')
  return `${lines.join('\n')}\n`
}

/** `jasque history`. */
export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'list the newest changes to the vault',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '20' },
        turns: { type: 'boolean', default: false },
        run: { type: 'string' },
      },
      strict: true,
    })
    const limit = Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new UsageError(`--limit must be a whole number from 1 to 500 (got "${values.limit}")`)
    }
    if (values.turns || values.run !== undefined) return showTurns(io, values.run, limit)
    const result = await runHistoryTool(io, { operation: 'list_changes', limit })
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatHistory(result))
    return result.success ? 0 : 1
  },
}
