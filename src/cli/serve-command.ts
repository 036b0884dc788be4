/** `jasque serve` (the default command): the HTTP server, until SIGTERM or SIGINT. */
import { type CliCommand, UsageError } from './command.ts'

const usage = `Usage: jasque serve

Starts the Jasque server: the OpenAI-compatible API over the vault at OBSIDIAN_VAULT_PATH
(HOST and PORT, see .env.example). The vault is indexed in the background while /health answers.
This is what \`jasque\` does without a command.

Options:
  -h, --help  show this help`

/** `jasque serve`: returns once the server listens (the process then keeps running), or 2 when start-up fails. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'start the HTTP server (the default)',
  usage,
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`serve takes no arguments (got ${args.join(' ')})`)
    // Loaded on demand: the other commands need none of the HTTP stack.
    const { startJasque } = await import('../main.ts')
    return (await startJasque(io.env)) ?? 0
  },
}
