/** The shape of a `jasque` subcommand and the IO it gets (stdout for results, stderr for the rest). */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  signal: AbortSignal
}

export interface CliCommand {
  name: string
  summary: string
  /** Full help text, shown by `jasque <name> --help`. */
  usage: string
  /** Help that depends on the arguments (`jasque tool <name> --help`); default: `usage`. */
  help?(args: string[]): string
  /** Returns the process exit code. */
  run(args: string[], io: CliIo): Promise<number>
}

/** Thrown for bad command-line arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
