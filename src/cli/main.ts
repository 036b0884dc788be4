/**
 * The `jasque` command line: dispatches to a subcommand, prints help, and turns errors into
 * exit codes (2 for usage and configuration problems, 1 for failures).
 */
import { ConfigError, describeError } from '../errors.ts'
import { askCommand } from './ask-command.ts'
import { type CliCommand, type CliIo, UsageError } from './command.ts'
import { historyCommand } from './history-command.ts'
import { indexCommand } from './index-command.ts'
import { mcpCommand } from './mcp-command.ts'
import { serveCommand } from './serve-command.ts'
import { toolCommand } from './tool-command.ts'
import { undoCommand } from './undo-command.ts'

const commands: CliCommand[] = [
  serveCommand,
  askCommand,
  toolCommand,
  mcpCommand,
  historyCommand,
  undoCommand,
  indexCommand,
]

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length))
  return [
    'Usage: jasque <command> [options]',
    '',
    'Jasque: an AI agent for your Obsidian vault behind an OpenAI-compatible API.',
    'Settings come from the environment and .env (see .env.example).',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `jasque <command> --help` for the options of a command.',
    '',
  ].join('\n')
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name = 'serve', ...args] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview())
    return 0
  }
  const command = commands.find((candidate) => candidate.name === name)
  if (command === undefined) {
    io.stderr(`jasque: unknown command "${name}"\n\n${overview()}`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.help?.(args) ?? command.usage}\n`)
    return 0
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`jasque: ${error.message}\n`)
      return 2
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`jasque ${command.name}: ${describeError(error)}\n\n${command.usage}\n`)
      return 2
    }
    io.stderr(`jasque ${command.name}: ${describeError(error)}\n`)
    return 1
  }
}

if (import.meta.main) {
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort())
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  }
  process.exitCode = await runCli(process.argv.slice(2), io)
}
