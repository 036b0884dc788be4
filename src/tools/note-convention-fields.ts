/** The manage_notes fields for Obsidian's daily notes and templates (see note-conventions.ts). */
import { z } from 'zod'

export const conventionFields = {
  date: z
    .string()
    .optional()
    .describe(
      'Instead of path: the daily note of "today", "yesterday" or YYYY-MM-DD; create/append make it from the daily template.',
    ),
  template: z.string().optional().describe('create: a template name or path; content goes after it.'),
}
