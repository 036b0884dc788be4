/** `jasque tool <name> '<json>'`: one vault tool call, exactly as the agent would make it. */
import { executeTool } from '../tools/index.ts'
import { type CliCommand, UsageError } from './command.ts'
import { withToolServices } from './open-services.ts'
import { formatToolHelp, formatToolList, listToolDefinitions } from './tool-help.ts'

const usage = `Usage: jasque tool <name> '<json arguments>'

Runs one vault tool against the vault at OBSIDIAN_VAULT_PATH and prints its JSON result on
stdout. The exit code is 0 even when the result says "success": false; 2 for bad JSON or an
unknown tool. Changes are recorded in the journal: see \`jasque history\` and \`jasque undo\`.

Options:
  -h, --help  list the tools; after a tool name, show that tool's parameters`

function parseArguments(json: string | undefined, name: string): Record<string, unknown> {
  if (json === undefined) {
    throw new UsageError(
      `give the arguments as one JSON object, e.g. jasque tool ${name} '{"operation": "…"}'`,
    )
  }
  let input: unknown
  try {
    input = JSON.parse(json)
  } catch (error) {
    throw new UsageError(`the arguments are not valid JSON (${(error as Error).message})`)
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UsageError('the arguments must be a JSON object, e.g. \'{"operation": "…"}\'')
  }
  return input as Record<string, unknown>
}

/** `jasque tool`: runs a tool through executeTool (validation, journal, output cap) as the CLI. */
export const toolCommand: CliCommand = {
  name: 'tool',
  summary: "run one vault tool: jasque tool <name> '<json>'",
  usage,
  help(args) {
    const tools = listToolDefinitions()
    const tool = tools.find((candidate) => args.includes(candidate.name))
    return tool === undefined ? formatToolList(usage, tools) : formatToolHelp(tool)
  },
  async run(args, io) {
    const [name, json, ...rest] = args
    const names = listToolDefinitions().map((tool) => tool.name)
    if (name === undefined) throw new UsageError(`name a tool: ${names.join(', ')}`)
    if (!names.includes(name))
      throw new UsageError(`unknown tool "${name}"; the tools are ${names.join(', ')}`)
    if (rest.length > 0) throw new UsageError('give the arguments as one JSON argument (quote it)')
    const input = parseArguments(json, name)
    return withToolServices(io, async ({ tools, toolDependencies }) => {
      const definition = tools.find((tool) => tool.name === name)
      if (definition === undefined) throw new UsageError(`unknown tool "${name}"`)
      const { result } = await executeTool(definition, input, {
        ...toolDependencies,
        signal: io.signal,
        source: { kind: 'cli' },
      })
      io.stdout(`${JSON.stringify(result, null, 2)}\n`)
      return 0
    })
  },
}
