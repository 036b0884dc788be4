/**
 * The activity domain: what the agent did, turn by turn, read from the run log and the change
 * journal for the activity page (`/ui`) and `jasque history`. Reads only; undo goes through the
 * history tool.
 */

/** The newest turns with their tools, notes changed, tokens, duration and outcome. Reads the store. */
export { listTurns, summarizeTurn, type TurnSummary } from './list-turns.ts'
/** One turn with its tool-call timeline and every change with a unified diff. Reads the store and the vault. */
export { type ChangeView, type FileChangeView, loadTurn, type TurnDetail } from './load-turn.ts'
