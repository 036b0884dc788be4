/**
 * `obsidian_manage_notes`: read, create and edit single notes (or many in one bulk call). Every
 * write goes through the vault's note writer (atomic, per-path lock, `expected_hash`), and its
 * changes become one journal entry per call, so each call can be undone as a whole.
 */
import { z } from 'zod'
import { InvalidInputError } from '../errors.ts'
import { defineTool, type ToolResult, type ToolRunContext, type ToolRunOutput } from './define-tool.ts'
import { runBulk } from './manage-notes-bulk.ts'
import { conventionFields } from './note-convention-fields.ts'
import { runNoteOperation } from './note-operations.ts'
import { compact } from './query-items.ts'
import type { VaultToolDeps } from './tool-deps.ts'

const OPERATIONS = [
  'read',
  'create',
  'update',
  'append',
  'prepend',
  'replace',
  'update_frontmatter',
  'delete',
  'complete_task',
] as const

/** The operations a bulk call may apply to many notes. */
export const BULK_OPERATIONS = new Set<string>([
  'create',
  'update',
  'append',
  'prepend',
  'delete',
  'complete_task',
  'update_frontmatter',
])

export const MAX_BULK_ITEMS = 100

const fields = {
  path: z
    .string()
    .optional()
    .describe(
      'The note, from the vault root (e.g. "Projects/Alpha.md"; .md may be left out). For create: the new name, or a full path.',
    ),
  folder: z.string().optional().describe('create: the folder to create the note in (path is then the name).'),
  content: z
    .string()
    .optional()
    .describe(
      'create/update: the whole text (start it with a --- frontmatter block only to replace the frontmatter); append/prepend: the text to add.',
    ),
  task_identifier: z
    .union([z.string(), z.number().int().min(1)])
    .optional()
    .describe('complete_task: the task line number (1-based, from list_tasks or read) or some of its text.'),
  properties: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('update_frontmatter: keys to set; a null value deletes the key.'),
  expected_hash: z
    .string()
    .optional()
    .describe('The hash from your last read: the change is refused if the note changed since.'),
}

const input = z.object({
  operation: z.enum(OPERATIONS).describe('What to do; see the tool description for each operation.'),
  ...fields,
  ...conventionFields,
  old_text: z.string().optional().describe('replace: the exact text to change; it must occur exactly once.'),
  new_text: z.string().optional().describe('replace: the text to put instead ("" deletes old_text).'),
  offset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'read: the character to start from, for long notes read in pages (use next_offset from the previous page).',
    ),
  bulk: z.boolean().default(false).describe('Apply the operation to every note in items.'),
  items: z
    .array(z.object(fields))
    .max(MAX_BULK_ITEMS)
    .optional()
    .describe(
      `bulk: up to ${MAX_BULK_ITEMS} objects with the per-note fields (path, folder, content, task_identifier, properties, expected_hash); fields left out of an item are taken from the call.`,
    ),
})

type Input = z.output<typeof input>

const DESCRIPTION = `Read, create and edit notes in the Obsidian vault. Paths are from the vault root.
Operations:
- read (path, offset?): full text with frontmatter as content, the parsed frontmatter, and hash. Long notes come in pages: read again with offset=next_offset.
- create (path or folder+path, content?): new note; .md added; parent folders created. Fails if it exists.
- update (path, content): replaces the body; the note's frontmatter is kept unless content starts with its own --- block.
- append / prepend (path, content): adds text at the end / right after the frontmatter.
- replace (path, old_text, new_text): exact edit; old_text must occur exactly once. Prefer this to update for small changes.
- update_frontmatter (path, properties): set keys, null deletes; other keys, order and comments kept.
- delete (path): moves the note to the vault's trash.
- complete_task (path, task_identifier): checks an open task by line number or text.
Pass expected_hash (from read, or the hash a write returned) to refuse the change if the note changed meanwhile.
bulk: true with items applies create, update, append, prepend, delete, complete_task or update_frontmatter to many notes; each item succeeds or fails alone.
Every change can be undone with obsidian_history.`

function checkMode(args: Input): void {
  if (args.bulk) {
    if (!BULK_OPERATIONS.has(args.operation)) {
      throw new InvalidInputError(
        `bulk is not available for ${args.operation}: call ${args.operation} once per note (bulk works for ${[...BULK_OPERATIONS].join(', ')}).`,
      )
    }
    if (args.date !== undefined)
      throw new InvalidInputError('date names one daily note: call without bulk (one call per day).')
    if (args.items === undefined || args.items.length === 0) {
      throw new InvalidInputError(
        'items is required with bulk: true: give a list of objects, each with at least a path.',
      )
    }
  } else if (args.items !== undefined) {
    throw new InvalidInputError(
      'items is only read with bulk: true. Set bulk: true, or give path for a single note.',
    )
  }
}

async function run(deps: VaultToolDeps, args: Input, context: ToolRunContext): Promise<ToolRunOutput> {
  checkMode(args)
  await deps.vault.whenReady()
  if (args.bulk) return runBulk(deps, args.operation, args.items ?? [], args, context)
  const outcome = await runNoteOperation(deps, args.operation, args)
  const result: ToolResult = {
    success: true,
    operation: args.operation,
    ...compact({ path: outcome.path, message: outcome.message, ...outcome.fields }),
  }
  return {
    result,
    changes: outcome.changes,
    effects: { operation: args.operation, paths: [outcome.path], bytesWritten: outcome.bytesWritten },
  }
}

/** Creates the note-editing tool over a vault. */
export function createManageNotesTool(deps: VaultToolDeps) {
  return defineTool({
    name: 'obsidian_manage_notes',
    title: 'Manage notes',
    description: DESCRIPTION,
    input,
    annotations: { readOnly: false, destructive: true },
    run: (args, context) => run(deps, args, context),
  })
}
