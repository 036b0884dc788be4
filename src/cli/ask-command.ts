/** `jasque ask "question"`: one agent run over the vault, streamed to the terminal. */
import { describeError } from '../errors.ts'
import { runAsk } from './ask.ts'
import { type CliCommand, UsageError } from './command.ts'
import { withServices } from './open-services.ts'

const usage = `Usage: jasque ask "question"

Indexes the vault at OBSIDIAN_VAULT_PATH (progress on stderr), asks the agent (LLM_MODEL) and
streams the answer to stdout, with each tool call as it happens. Changes the agent makes are
recorded in the journal (see \`jasque history\`, \`jasque undo\`). Ctrl-C stops the run.
Exit codes: 0 answered, 1 failed, 2 no question, 130 interrupted.

Options:
  -h, --help  show this help`

const PROGRESS_EVERY_MS = 500

/** `jasque ask`. */
export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'ask the agent one question from the terminal',
  usage,
  async run(args, io) {
    const question = args.join(' ')
    if (question.trim() === '') throw new UsageError('ask a question, for example: jasque ask "What is new?"')
    return withServices(
      io,
      async ({ agent, vault }) => {
        try {
          agent.assertReady()
        } catch (error) {
          io.stderr(`jasque ask: ${describeError(error)}\n`)
          return 1
        }
        let lastReport = 0
        io.stderr('Indexing the vault…\n')
        const build = await vault.start({
          onProgress: (done, total) => {
            const now = Date.now()
            if (now - lastReport < PROGRESS_EVERY_MS) return
            lastReport = now
            io.stderr(`indexing… ${done}/${total} notes\n`)
          },
        })
        io.stderr(`Indexed ${build.notes} notes in ${(build.ms / 1000).toFixed(1)} s.\n`)
        return runAsk(question, { agent, write: io.stdout, signal: io.signal })
      },
      { index: false },
    )
  },
}
