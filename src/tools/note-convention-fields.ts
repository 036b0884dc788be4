/** The manage_notes fields for Obsidian's daily notes and templates (see note-conventions.ts). */
import { z } from 'zod'

export const conventionFields = {
  date: z
    .string()
    .optional()
    .describe(
      'Instead of path: the daily note of "today", "yesterday", "tomorrow" or YYYY-MM-DD, named as the vault names it; create/append make it from the daily template.',
    ),
  template: z
    .string()
    .optional()
    .describe(
      'create: a template (name in the templates folder, or path) to fill the note from; content is added after it.',
    ),
}
