/** `jasque history --turns` and `--run <id>`: the activity page's turns in the terminal. */
import { listTurns, loadTurn } from '../activity/index.ts'
import type { CliIo } from './command.ts'
import { createPaint, formatTurnDetail, formatTurns } from './format-turns.ts'
import { withToolServices } from './open-services.ts'

/** Colour only for a terminal, and never with NO_COLOR (FORCE_COLOR forces it). */
function isColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true
  return process.stdout.isTTY === true
}

/** Prints the newest turns, or turn `runId` with its diffs; exit code 1 when there is no such turn. */
export function showTurns(io: CliIo, runId: string | undefined, limit: number): Promise<number> {
  const paint = createPaint(isColor(io))
  return withToolServices(
    io,
    async ({ store, vault }) => {
      if (runId === undefined) {
        io.stdout(formatTurns(await listTurns(store.runs, { limit }), paint))
        return 0
      }
      const turn = await loadTurn(store, vault.root, runId.trim().toLowerCase())
      if (turn === undefined) {
        io.stderr(`jasque history: no turn ${runId} (see \`jasque history --turns\`)\n`)
        return 1
      }
      io.stdout(formatTurnDetail(turn, paint))
      return 0
    },
    { index: false },
  )
}
