/** The manage_notes fields for Obsidian's daily notes and templates (see note-conventions.ts). */
import { z } from 'zod'

export const conventionFields = {
  date: z.string().optional().describe('Instead of path, a daily note: today, yesterday or YYYY-MM-DD.'),
  template: z.string().optional().describe('create: a template name.'),
}
