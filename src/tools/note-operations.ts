/**
 * One manage_notes operation on one note: checks its fields, calls the vault's note writer (atomic,
 * per-path lock, expected hash) and returns the result fields plus the journal changes to undo it.
 */
import { ConflictError, InvalidInputError, NotFoundError, StaleWriteError } from '../errors.ts'
import type { JournalFileChange } from '../store/index.ts'
import { parseFrontmatter, parseNote, updateFrontmatter, type WriteOutcome } from '../vault/index.ts'
import type { ToolContext } from './define-tool.ts'
import { checkTask, findTask } from './find-task.ts'
import { prepareNoteCall } from './note-conventions.ts'
import { appendText, prependText, replaceBody, replaceOnce, withOneTrailingNewline } from './note-edits.ts'
import { resolveNewNotePath, resolveNotePath } from './note-target.ts'
import { readNote } from './read-note.ts'
import { notFoundMessage } from './suggest.ts'
import { unifiedDiff } from './unified-diff.ts'

/** The per-note fields of a call (or of one bulk item). */
export interface NoteFields {
  path?: string | undefined
  folder?: string | undefined
  content?: string | undefined
  task_identifier?: string | number | undefined
  old_text?: string | undefined
  new_text?: string | undefined
  properties?: Record<string, unknown> | undefined
  expected_hash?: string | undefined
  offset?: number | undefined
  /** The daily note of this day instead of path: "today", "yesterday", "tomorrow" or YYYY-MM-DD. */
  date?: string | undefined
  /** create: the template note to fill the new note from. */
  template?: string | undefined
}

export interface NoteOutcome {
  path: string
  message: string
  /** Result fields beyond success/operation/path/message (content, hash, frontmatter, pages). */
  fields: Record<string, unknown>
  changes: JournalFileChange[]
  bytesWritten: number
}

type EditOperation = 'update' | 'append' | 'prepend' | 'replace' | 'update_frontmatter' | 'complete_task'

function requireContent(fields: NoteFields, operation: string, allowEmpty: boolean): string {
  const content = fields.content
  if (content === undefined || (!allowEmpty && content === '')) {
    throw new InvalidInputError(
      `content is required for ${operation}: give the text to ${operation === 'update' ? 'write' : operation}.`,
    )
  }
  return content
}

function writeOutcome(outcome: WriteOutcome & { changed?: boolean }, message: string): NoteOutcome {
  if (outcome.changed === false) {
    return { path: outcome.path, message, fields: { hash: outcome.afterHash }, changes: [], bytesWritten: 0 }
  }
  const change: JournalFileChange =
    outcome.before === null
      ? { kind: 'create', path: outcome.path, afterHash: outcome.afterHash }
      : {
          kind: 'modify',
          path: outcome.path,
          before: outcome.before,
          ...(outcome.beforeHash === undefined ? {} : { beforeHash: outcome.beforeHash }),
          afterHash: outcome.afterHash,
        }
  return {
    path: outcome.path,
    message,
    fields: { hash: outcome.afterHash },
    changes: [change],
    bytesWritten: outcome.after.length,
  }
}

/** Builds the edit for one operation: the new text from the fresh note text, plus its message. */
function planEdit(operation: EditOperation, fields: NoteFields, notePath: string) {
  let message = ''
  const edit = (text: string, style: { eol: '\n' | '\r\n' }): string => {
    switch (operation) {
      case 'update':
        message = `Updated ${notePath}.`
        return replaceBody(text, requireContent(fields, operation, true), style)
      case 'append':
        message = `Appended to ${notePath}.`
        return appendText(text, requireContent(fields, operation, false), style)
      case 'prepend':
        message = `Prepended to ${notePath}.`
        return prependText(text, requireContent(fields, operation, false), style)
      case 'replace':
        message = `Replaced the text in ${notePath}.`
        return replaceOnce(text, fields.old_text ?? '', fields.new_text ?? '', style, notePath)
      case 'update_frontmatter':
        message = `Updated the frontmatter of ${notePath}.`
        return updateFrontmatter(text, fields.properties ?? {})
      case 'complete_task': {
        const task = findTask(parseNote(text, notePath).tasks, fields.task_identifier ?? '', notePath)
        if (task.completed) {
          message = `The task '${task.text}' (line ${task.line}) in ${notePath} is already done; nothing changed.`
          return text
        }
        message = `Completed the task '${task.text}' (line ${task.line}) in ${notePath}.`
        return checkTask(text, task)
      }
    }
  }
  return { edit, message: () => message }
}

function checkEditFields(operation: EditOperation, fields: NoteFields): void {
  if (operation === 'update' || operation === 'append' || operation === 'prepend')
    requireContent(fields, operation, operation === 'update')
  if (operation === 'replace') {
    if (fields.old_text === undefined || fields.old_text === '')
      throw new InvalidInputError('old_text is required for replace: give the exact text to change.')
    if (fields.new_text === undefined)
      throw new InvalidInputError(
        'new_text is required for replace: give the text to put instead ("" deletes old_text).',
      )
  }
  if (operation === 'update_frontmatter') {
    if (fields.properties === undefined || Object.keys(fields.properties).length === 0)
      throw new InvalidInputError(
        'properties is required for update_frontmatter: an object of keys to set (null deletes a key), e.g. {"status": "done"}.',
      )
  }
  if (operation === 'complete_task' && fields.task_identifier === undefined)
    throw new InvalidInputError(
      'task_identifier is required for complete_task: the task line number or its text.',
    )
}

/** Adds the close-name suggestions (and, for writes, the create hint) to a missing-note error. */
async function withSuggestions<T>(
  deps: ToolContext,
  notePath: string,
  hint: string,
  action: () => Promise<T>,
) {
  try {
    return await action()
  } catch (error) {
    if (error instanceof NotFoundError && error.message.startsWith('Note not found:'))
      throw new NotFoundError(`${notFoundMessage(deps.vault.index, notePath)}${hint}`)
    throw error
  }
}

async function editNote(
  deps: ToolContext,
  operation: EditOperation,
  fields: NoteFields,
): Promise<NoteOutcome> {
  checkEditFields(operation, fields)
  const notePath = resolveNotePath(deps.vault.index, fields.path, operation, true)
  const plan = planEdit(operation, fields, notePath)
  const hint =
    operation === 'update' || operation === 'append' ? " To make a new note, use operation='create'." : ''
  const outcome = await withSuggestions(deps, notePath, hint, () =>
    deps.vault.writer.edit(notePath, (note) => plan.edit(note.text, note), {
      ...(fields.expected_hash === undefined ? {} : { expectedHash: fields.expected_hash }),
    }),
  )
  const message = outcome.changed ? plan.message() : noChangeMessage(operation, notePath, plan.message())
  return writeOutcome(outcome, message)
}

function noChangeMessage(operation: EditOperation, notePath: string, planned: string): string {
  if (operation === 'complete_task') return planned
  if (operation === 'update_frontmatter')
    return `The frontmatter of ${notePath} already has these values; nothing changed.`
  return `${notePath} already has this text; nothing changed.`
}

const INFINITIVES: Record<string, string> = {
  Updated: 'update',
  Appended: 'append',
  Prepended: 'prepend',
  Replaced: 'replace',
  Completed: 'complete',
}

/** A dry run's outcome: what would be written, as a unified diff, and no change. */
/** Where a created note goes and what it holds (one trailing newline); refuses invalid frontmatter. */
function newNote(deps: ToolContext, fields: NoteFields): { notePath: string; content: string } {
  const notePath = resolveNewNotePath(deps.vault.index, fields.folder, fields.path)
  const content = fields.content ?? ''
  const invalid = parseFrontmatter(content).error
  if (invalid !== undefined)
    throw new InvalidInputError(
      `The frontmatter at the start of content is not valid: ${invalid}. Fix the YAML and try again.`,
    )
  return { notePath, content: withOneTrailingNewline(content) }
}

function previewOutcome(notePath: string, message: string, before: string | null, after: string | null) {
  const diff = unifiedDiff(notePath, before, after)
  return { path: notePath, message, fields: { dry_run: true, diff }, changes: [], bytesWritten: 0 }
}

/** Reads the note a dry run would change, with the same checks the write makes. */
async function readForPreview(deps: ToolContext, notePath: string, fields: NoteFields, hint: string) {
  const note = await withSuggestions(deps, notePath, hint, () => deps.vault.writer.read(notePath))
  if (fields.expected_hash !== undefined && fields.expected_hash !== note.hash) throw new StaleWriteError()
  return note
}

/**
 * What a write would do, without doing it: the same checks as the write, then a unified diff of
 * the note before and after. Reads disk, changes nothing.
 */
async function previewNoteOperation(
  deps: ToolContext,
  operation: string,
  fields: NoteFields,
): Promise<NoteOutcome> {
  switch (operation) {
    case 'create': {
      const { notePath, content } = newNote(deps, fields)
      if ((await deps.vault.writer.readFile(notePath)) !== undefined)
        throw new ConflictError(`Note already exists: ${notePath}. Use operation='update' to change it.`)
      return previewOutcome(
        notePath,
        `Dry run: would create ${notePath}. Nothing was changed.`,
        null,
        content,
      )
    }
    case 'delete': {
      const notePath = resolveNotePath(deps.vault.index, fields.path, operation, true)
      const note = await readForPreview(deps, notePath, fields, '')
      return previewOutcome(
        notePath,
        `Dry run: would move ${notePath} to the trash. Nothing was changed.`,
        note.text,
        null,
      )
    }
    case 'update':
    case 'append':
    case 'prepend':
    case 'replace':
    case 'update_frontmatter':
    case 'complete_task': {
      checkEditFields(operation, fields)
      const notePath = resolveNotePath(deps.vault.index, fields.path, operation, true)
      const note = await readForPreview(deps, notePath, fields, '')
      if (note.hasInvalidBytes)
        throw new InvalidInputError(
          `${notePath} is not valid UTF-8; Jasque will not rewrite it (bytes would be lost).`,
        )
      const plan = planEdit(operation, fields, notePath)
      const after = plan.edit(note.text, note)
      const message =
        after === note.text
          ? `Dry run: ${noChangeMessage(operation, notePath, plan.message())}`
          : `Dry run: would ${plan.message().replace(/^\w+/, (verb) => INFINITIVES[verb] ?? verb)} Nothing was changed.`
      return previewOutcome(notePath, message, note.text, after)
    }
    default:
      throw new InvalidInputError(`dry_run is not available for '${operation}': it only previews writes.`)
  }
}

/**
 * Runs one operation on one note, after the vault's conventions (daily note, template, property
 * types) are applied; with `dryRun`, previews a write as a diff and changes nothing. Throws
 * AppErrors whose messages say what to do next.
 */
export async function runNoteOperation(
  deps: ToolContext,
  operation: string,
  fields: NoteFields,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<NoteOutcome> {
  const prepared = await prepareNoteCall(deps, operation, fields)
  if (dryRun) return previewNoteOperation(deps, prepared.operation, prepared.fields)
  const outcome = await runPreparedOperation(deps, prepared.operation, prepared.fields)
  return prepared.message === undefined ? outcome : { ...outcome, message: prepared.message }
}

async function runPreparedOperation(
  deps: ToolContext,
  operation: string,
  fields: NoteFields,
): Promise<NoteOutcome> {
  switch (operation) {
    case 'read': {
      const notePath = resolveNotePath(deps.vault.index, fields.path, operation, false)
      return withSuggestions(deps, notePath, '', () => readNote(deps, notePath, fields.offset ?? 0))
    }
    case 'create': {
      const { notePath, content } = newNote(deps, fields)
      const outcome = await deps.vault.writer.create(notePath, content)
      return writeOutcome(outcome, `Created ${notePath}.`)
    }
    case 'delete': {
      const notePath = resolveNotePath(deps.vault.index, fields.path, operation, true)
      const outcome = await withSuggestions(deps, notePath, '', () =>
        deps.vault.writer.delete(notePath, {
          ...(fields.expected_hash === undefined ? {} : { expectedHash: fields.expected_hash }),
        }),
      )
      const message =
        outcome.trashPath === undefined
          ? `Deleted ${notePath} permanently (the vault's trash setting is 'none'); obsidian_history undo can bring it back.`
          : `Moved ${notePath} to the trash (${outcome.trashPath}).`
      return {
        path: notePath,
        message,
        fields: {},
        changes: [
          {
            kind: 'delete',
            path: notePath,
            before: outcome.before,
            beforeHash: outcome.beforeHash,
            ...(outcome.trashPath === undefined ? {} : { trashPath: outcome.trashPath }),
          },
        ],
        bytesWritten: 0,
      }
    }
    case 'update':
    case 'append':
    case 'prepend':
    case 'replace':
    case 'update_frontmatter':
    case 'complete_task':
      return editNote(deps, operation, fields)
    default:
      throw new InvalidInputError(`Unknown operation '${operation}'.`)
  }
}
