/** The obsidian_query_vault operations for Obsidian's conventions (see query-conventions.ts). */
export const CONVENTION_OPERATIONS = ['list_templates', 'run_base'] as const
