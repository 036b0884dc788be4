/**
 * The Obsidian conventions a manage_notes call goes through before it runs: `date` names the daily
 * note of a day (made from the daily template when it does not exist yet), `template` fills a new
 * note from a template, and property values take the types the vault declares.
 */
import { InvalidInputError, NotFoundError } from '../errors.ts'
import { loadObsidianConventions, type ObsidianConfig } from '../vault/index.ts'
import type { ToolContext } from './define-tool.ts'
import { appendText, prependText } from './note-edits.ts'
import type { NoteFields } from './note-operations.ts'
import { withNoteExtension } from './note-target.ts'
import { typedContent } from './typed-properties.ts'

export interface PreparedCall {
  operation: string
  fields: NoteFields
  /** Replaces the operation's own message (an append that created the daily note). */
  message?: string
}

const baseName = (notePath: string) => notePath.slice(notePath.lastIndexOf('/') + 1).replace(/\.md$/i, '')

/** Reads a template note by path or by name in the templates folder; throws NotFoundError naming both. */
async function readTemplate(deps: ToolContext, config: ObsidianConfig, name: string): Promise<string> {
  const given = withNoteExtension(name.trim().replace(/^\/+/, ''))
  const folder = config.templates.folder
  const candidates = [
    ...new Set([...(folder === '' || given.startsWith(`${folder}/`) ? [] : [`${folder}/${given}`]), given]),
  ]
  for (const candidate of candidates) {
    if (deps.vault.index.getNote(candidate)) return (await deps.vault.writer.read(candidate)).text
  }
  throw new NotFoundError(
    `Template not found: ${candidates.join(' or ')}. Use obsidian_query_vault operation='list_templates' to see the templates.`,
  )
}

/** The daily note's text when Obsidian would create it: the daily template rendered, or empty. */
async function dailyTemplateText(deps: ToolContext, config: ObsidianConfig, notePath: string, at: Date) {
  const settings = config.dailyNotes
  if (settings.template === '') return ''
  const text = await readTemplate(
    deps,
    { ...config, templates: { ...config.templates, folder: '' } },
    settings.template,
  )
  // Obsidian: in a daily template, {{date}} and {{title}} are the note's name in the daily format.
  return (await loadObsidianConventions()).renderTemplate(text, {
    title: baseName(notePath),
    at,
    dateFormat: settings.format,
    timeFormat: config.templates.timeFormat,
  })
}

async function prepareDaily(
  deps: ToolContext,
  config: ObsidianConfig,
  operation: string,
  fields: NoteFields,
  now: Date,
) {
  if (fields.path !== undefined || fields.folder !== undefined)
    throw new InvalidInputError('Give either date (a daily note) or path/folder, not both.')
  const day = (await loadObsidianConventions()).resolveDay(fields.date ?? '', now)
  const notePath = (await loadObsidianConventions()).dailyNotePath(config.dailyNotes, day)
  // The template's times are the current time of day on the note's date.
  const at = day
    .clone()
    .set({ hour: now.getHours(), minute: now.getMinutes(), second: now.getSeconds() })
    .toDate()
  const exists = deps.vault.index.getNote(notePath) !== undefined
  const withPath = { ...fields, path: notePath }
  if (operation === 'create') {
    const template = fields.template === undefined ? await dailyTemplateText(deps, config, notePath, at) : ''
    return { operation, fields: { ...withPath, content: joinText(template, fields.content) } }
  }
  if (!exists && (operation === 'append' || operation === 'prepend')) {
    const template = await dailyTemplateText(deps, config, notePath, at)
    const content = fields.content ?? ''
    const text =
      template === ''
        ? content
        : operation === 'append'
          ? appendText(template, content, { eol: '\n' })
          : prependText(template, content, { eol: '\n' })
    return {
      operation: 'create',
      fields: { ...withPath, content: text },
      message: `Created the daily note ${notePath}${template === '' ? '' : ' from its template'} with the text ${operation === 'append' ? 'appended' : 'prepended'}.`,
    }
  }
  if (!exists) {
    throw new NotFoundError(
      `The daily note for ${day.format('YYYY-MM-DD')} does not exist yet (${notePath}). Create it with operation='create' and date, or append to it (append creates it).`,
    )
  }
  return { operation, fields: withPath }
}

function joinText(template: string, content: string | undefined): string {
  if (content === undefined || content === '') return template
  if (template === '') return content
  return appendText(template, content, { eol: '\n' })
}

/** Applies `date`, `template` and property types to a call; returns the operation and fields to run. */
export async function prepareNoteCall(
  deps: ToolContext,
  operation: string,
  fields: NoteFields,
  now = new Date(),
): Promise<PreparedCall> {
  const { date, template, ...rest } = fields
  if (
    date === undefined &&
    template === undefined &&
    operation !== 'create' &&
    operation !== 'update_frontmatter'
  )
    return { operation, fields: rest }
  const config = await (await loadObsidianConventions()).readObsidianConfig(deps.vault.root)
  const types = config.propertyTypes
  // Obsidian inserts templates as written; only the caller's own content is typed.
  if (operation === 'create' && rest.content !== undefined)
    rest.content = await typedContent(rest.content, types)
  let prepared: PreparedCall = { operation, fields: rest }
  if (template !== undefined && operation !== 'create')
    throw new InvalidInputError(`template is only read by create (operation was ${operation}).`)
  if (date !== undefined)
    prepared = await prepareDaily(deps, config, operation, { ...rest, date, template }, now)
  if (template !== undefined) {
    const notePath = prepared.fields.path ?? ''
    const text = (await loadObsidianConventions()).renderTemplate(
      await readTemplate(deps, config, template),
      {
        title: baseName(notePath),
        at: now,
        dateFormat: config.templates.dateFormat,
        timeFormat: config.templates.timeFormat,
      },
    )
    prepared = {
      ...prepared,
      fields: { ...prepared.fields, content: joinText(text, prepared.fields.content) },
    }
  }
  if (prepared.operation === 'update_frontmatter' && prepared.fields.properties !== undefined)
    prepared.fields = {
      ...prepared.fields,
      properties: (await loadObsidianConventions()).applyPropertyTypes(prepared.fields.properties, types),
    }
  return prepared
}
