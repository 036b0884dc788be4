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
import { commonResultFields, itemError } from './tool-output.ts'

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
  path: z.string().optional().describe('The note.'),
  folder: z.string().optional().describe('create: its folder.'),
  content: z.string().optional().describe('The text to write or add.'),
  task_identifier: z
    .union([z.string(), z.number().int().min(1)])
    .optional()
    .describe('complete_task: line number (1-based) or text.'),
  properties: z.record(z.string(), z.unknown()).optional().describe('update_frontmatter: keys to set.'),
  expected_hash: z.string().optional().describe('The hash from your last read.'),
}

// The same fields for one bulk item, described once by `items` (tools/list stays small).
const item = z.object({
  path: z.string().optional(),
  folder: z.string().optional(),
  content: z.string().optional(),
  task_identifier: z.union([z.string(), z.number().int().min(1)]).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  expected_hash: z.string().optional(),
})

const input = z.object({
  operation: z.enum(OPERATIONS).describe('What to do.'),
  ...fields,
  ...conventionFields,
  old_text: z.string().optional().describe('replace: the exact text to change.'),
  new_text: z.string().optional().describe('replace: its replacement.'),
  offset: z.number().int().min(0).optional().describe('read: next_offset of the last page.'),
  dry_run: z.boolean().default(false).describe('Writes: preview as a diff.'),
  bulk: z.boolean().default(false).describe('Apply the operation to items.'),
  items: z
    .array(item)
    .max(MAX_BULK_ITEMS)
    .optional()
    .describe('bulk: objects with the per-note fields; missing ones come from the call.'),
})

type Input = z.output<typeof input>

const output = z.object({
  ...commonResultFields,
  path: z.string().optional(),
  content: z.string().optional().describe('read: the text (of this page), frontmatter included.'),
  frontmatter: z.record(z.string(), z.unknown()).optional(),
  hash: z.string().optional().describe('The note as read or written: pass it as expected_hash.'),
  offset: z.number().int().optional(),
  next_offset: z.number().int().optional(),
  page: z.number().int().optional(),
  page_count: z.number().int().optional(),
  total_length: z.number().int().optional(),
  affected_count: z.number().int().optional().describe('bulk: the items done.'),
  errors: z.array(itemError).optional().describe('bulk: the items that failed, each on its own.'),
  dry_run: z.boolean().optional().describe('Set when nothing was changed: a preview.'),
  diff: z.string().optional().describe('dry_run: the unified diff of the note.'),
  previews: z
    .array(z.object({ path: z.string(), diff: z.string() }))
    .optional()
    .describe('bulk dry_run: a unified diff per note.'),
})

const DESCRIPTION = `Read, create and edit notes (paths from the vault root, .md optional).
- read (path, offset?): text, frontmatter, hash; long notes in pages.
- create (path, folder?, content?): fails if it exists.
- update (path, content): replaces the body (frontmatter kept).
- append / prepend (path, content): at the end / after the frontmatter.
- replace (path, old_text, new_text): old_text must occur once; for small edits.
- update_frontmatter (path, properties): null deletes a key.
- delete (path): to the trash.
- complete_task (path, task_identifier).
expected_hash: refuse if the note changed since. bulk=true: a write for each of items.`

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

async function run(args: Input, context: ToolRunContext): Promise<ToolRunOutput> {
  checkMode(args)
  await context.vault.whenReady()
  const dryRun = args.dry_run
  if (args.bulk) return runBulk(context, args.operation, args.items ?? [], args, { dryRun })
  const outcome = await runNoteOperation(context, args.operation, args, { dryRun })
  const result: ToolResult = {
    success: true,
    operation: args.operation,
    ...compact({ path: outcome.path, message: outcome.message, ...outcome.fields }),
  }
  if (dryRun) return { result }
  return {
    result,
    changes: outcome.changes,
    effects: { operation: args.operation, paths: [outcome.path], bytesWritten: outcome.bytesWritten },
  }
}

/** Reads, creates and edits notes, one or many per call; each call is one journal entry. */
export const manageNotesTool = defineTool({
  name: 'obsidian_manage_notes',
  title: 'Manage notes',
  description: DESCRIPTION,
  input,
  output,
  annotations: { readOnly: false, destructive: true },
  run,
})
