/** The parts of a result schema every tool shares. */
import { z } from 'zod'

/**
 * The fields any result may carry: `success`, the operation, a message (always on failure), the
 * journal entry of a write (`change_id`, added by executeTool), and `truncated` (the output cap).
 */
export const commonResultFields = {
  success: z.boolean().describe('false when the call failed or only partly succeeded; message says why.'),
  operation: z.string().optional(),
  message: z.string().optional(),
  change_id: z.string().optional().describe('The journal entry of a write: undo it with obsidian_history.'),
  truncated: z.boolean().optional().describe('More results exist than were returned.'),
}

/** One failed item of a bulk call, or a file a move left as it was. */
export const itemError = z.object({ path: z.string(), error: z.string() })
