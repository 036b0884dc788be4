/**
 * `obsidian_query_vault`: read-only questions about the vault, answered from the index (never by
 * re-reading files): text search, names, tags, folders, backlinks, tags, tasks.
 */
import { z } from 'zod'
import { InvalidInputError, NotFoundError } from '../errors.ts'
import {
  comparePaths,
  countTags,
  createScope,
  findByName,
  findByTag,
  getBacklinks,
  listTasks,
  normalizeVaultPath,
  resolveInsideVault,
  type Scope,
  searchText,
} from '../vault/index.ts'
import { defineTool, type ToolContext, type ToolResult } from './define-tool.ts'
import { CONVENTION_OPERATIONS } from './query-convention-operations.ts'
import { runConventionQuery } from './query-conventions.ts'
import { compact, describeNote, findNotePath, noteText, type QueryItem } from './query-items.ts'
import { notFoundMessage } from './suggest.ts'
import { commonResultFields } from './tool-output.ts'

const OPERATIONS = [
  'search_text',
  'find_by_name',
  'find_by_tag',
  'list_notes',
  'list_folders',
  'get_backlinks',
  'get_tags',
  'list_tasks',
  ...CONVENTION_OPERATIONS,
] as const

const input = z.object({
  operation: z.enum(OPERATIONS).describe('What to do.'),
  query: z.string().optional().describe('Words (search_text), a name (find_by_name) or a view (run_base).'),
  path: z.string().optional().describe('A folder or note.'),
  tags: z.array(z.string()).optional().describe('find_by_tag: tags, # optional.'),
  match: z.enum(['any', 'all']).default('any').describe('find_by_tag: any or all.'),
  include_completed: z.boolean().default(false).describe('list_tasks: also done tasks.'),
  response_format: z
    .enum(['concise', 'detailed'])
    .default('concise')
    .describe('detailed: snippets, tags, aliases, dates.'),
  limit: z.number().int().min(1).max(500).default(50).describe('Most results.'),
})

type Input = z.output<typeof input>

const item = z.object({
  path: z.string().optional(),
  title: z.string().optional(),
  snippet: z.string().optional(),
  line_number: z.number().int().optional(),
  match_count: z.number().int().optional(),
  tags: z.array(z.string()).optional(),
  aliases: z.array(z.string()).optional(),
  modified: z.string().optional(),
  task_text: z.string().optional(),
  task_status: z.string().optional(),
  task_completed: z.boolean().optional(),
  count: z.number().int().optional(),
  link_text: z.string().optional(),
  values: z.record(z.string(), z.unknown()).optional().describe('run_base: the view columns.'),
})

const output = z.object({
  ...commonResultFields,
  total_count: z.number().int().optional().describe('Matches before the limit.'),
  results: z.array(item).optional(),
})

const DESCRIPTION = `Query the vault (read-only).
- search_text (query): case-insensitive, frontmatter included.
- find_by_name (query): as a [[wikilink]] resolves.
- find_by_tag (tags, match): #a matches #a/b.
- list_notes, list_folders, get_tags, list_tasks (open, line numbers), list_templates; path? limits to a folder.
- get_backlinks (path).
- run_base (path: a .base file or note with a base block, query?: view).`

/**
 * The error for a path the index does not hold. Security: a symlink leaving the vault is not in
 * the index either; it is refused as outside the vault (as `../` is), not reported as missing.
 */
async function notFound(context: ToolContext, wanted: string, message: string): Promise<Error> {
  await resolveInsideVault(context.vault.root, wanted, { realRoot: context.vault.root })
  return new NotFoundError(message)
}

async function scopeFor(
  context: ToolContext,
  pathInput: string | undefined,
  exclude: string[],
): Promise<Scope> {
  const scopePath = pathInput === undefined || pathInput.trim() === '' ? '' : normalizeVaultPath(pathInput)
  const scope = createScope(context.vault.index, { path: scopePath, exclude })
  if (scope.kind !== 'missing') return scope
  const withExtension = `${scopePath}.md`
  if (context.vault.index.getNote(withExtension))
    return createScope(context.vault.index, { path: withExtension, exclude })
  throw await notFound(
    context,
    scopePath,
    `Folder or note not found: ${scopePath}. Use operation='list_folders' to see the folders, or find_by_name to find a note.`,
  )
}

function page(items: QueryItem[], totalCount: number, operation: string, message?: string): ToolResult {
  return {
    success: true,
    operation,
    total_count: totalCount,
    truncated: totalCount > items.length,
    results: items.map(compact),
    ...(message === undefined ? {} : { message }),
  }
}

function requireQuery(value: string | undefined, operation: string): string {
  if (value === undefined || value.trim() === '') {
    throw new InvalidInputError(`query is required for ${operation}: give the words or the name to look for.`)
  }
  return value.trim()
}

async function runQuery(context: ToolContext, args: Input): Promise<ToolResult> {
  await context.vault.whenReady()
  const index = context.vault.index
  const exclude = (await context.searchExclusions?.()) ?? []
  const detailed = args.response_format === 'detailed'
  const item = (notePath: string): QueryItem => describeNote(index, notePath, detailed)
  switch (args.operation) {
    case 'search_text': {
      const query = requireQuery(args.query, 'search_text')
      const result = searchText(index, {
        query,
        scope: await scopeFor(context, args.path, exclude),
        limit: args.limit,
        detailed,
      })
      const items = result.hits.map((hit) => ({
        path: hit.path,
        title: hit.title,
        line_number: hit.lineNumber,
        match_count: hit.matchCount,
        snippet: hit.snippets?.map((snippet) => `${snippet.lineNumber}: ${snippet.text}`).join('\n'),
      }))
      const message =
        result.totalCount === 0
          ? `No note contains "${query}". Try fewer or other words, or find_by_name.`
          : undefined
      return page(items, result.totalCount, args.operation, message)
    }
    case 'find_by_name': {
      const query = requireQuery(args.query, 'find_by_name')
      const matches = findByName(index, query, await scopeFor(context, args.path, exclude))
      const message = matches.length === 0 ? `No note is named like "${query}". Try search_text.` : undefined
      return page(
        matches.slice(0, args.limit).map((match) => item(match.path)),
        matches.length,
        args.operation,
        message,
      )
    }
    case 'find_by_tag': {
      const tags = (args.tags ?? []).filter((tag) => tag.trim() !== '')
      if (tags.length === 0)
        throw new InvalidInputError(
          'tags is required for find_by_tag: give one or more tags, e.g. ["project"].',
        )
      const paths = findByTag(index, tags, args.match, await scopeFor(context, args.path, exclude))
      return page(paths.slice(0, args.limit).map(item), paths.length, args.operation)
    }
    case 'list_notes': {
      const scope = await scopeFor(context, args.path, exclude)
      const items: QueryItem[] = []
      for (const notePath of scope.paths()) {
        if (items.length >= args.limit) break
        items.push(item(notePath))
      }
      return page(items, scope.count(), args.operation)
    }
    case 'list_folders':
      return listFolders(context, args, exclude)
    case 'get_backlinks': {
      if (args.path === undefined || args.path.trim() === '') {
        throw new InvalidInputError(
          'path is required for get_backlinks: give the note whose backlinks you want.',
        )
      }
      const wanted = normalizeVaultPath(args.path)
      const target = findNotePath(index, wanted) ?? (index.hasFile(wanted) ? wanted : undefined)
      if (target === undefined) throw await notFound(context, wanted, notFoundMessage(index, wanted))
      const backlinks = getBacklinks(index, target, createScope(index, { exclude }), detailed)
      const items = backlinks.slice(0, args.limit).map((backlink) => {
        const base = item(backlink.path)
        if (!detailed) return base
        const first = backlink.links[0]
        if (first === undefined) return base
        const text = noteText(index, backlink.path)
        return {
          ...base,
          link_text: text.slice(first.link.range.start, first.link.range.end),
          line_number: first.link.line,
          snippet: (text.split('\n')[first.link.line - 1] ?? '').replace(/\r$/, '').trim().slice(0, 200),
        }
      })
      return page(items, backlinks.length, args.operation)
    }
    case 'get_tags': {
      const counts = countTags(index, await scopeFor(context, args.path, exclude))
      const items = counts.slice(0, args.limit).map((entry) => ({ tags: [entry.tag], count: entry.count }))
      return page(items, counts.length, args.operation)
    }
    case 'list_tasks': {
      const result = listTasks(
        index,
        await scopeFor(context, args.path, exclude),
        args.include_completed,
        args.limit,
      )
      const items = result.tasks.map(({ path: notePath, task }) => ({
        path: notePath,
        line_number: task.line,
        task_text: task.text,
        task_status:
          task.status === ' ' ? 'open' : task.status === 'x' || task.status === 'X' ? 'done' : task.status,
        task_completed: task.completed,
      }))
      return page(items, result.totalCount, args.operation)
    }
    case 'list_templates':
    case 'run_base':
      return runConventionQuery(context, args)
  }
}

async function listFolders(context: ToolContext, args: Input, exclude: string[]): Promise<ToolResult> {
  const index = context.vault.index
  const parent = args.path === undefined || args.path.trim() === '' ? '' : normalizeVaultPath(args.path)
  if (parent !== '' && !index.hasFolder(parent)) {
    throw await notFound(
      context,
      parent,
      `Folder not found: ${parent}. Use operation='list_folders' without path to see the top-level folders.`,
    )
  }
  const prefix = parent === '' ? '' : `${parent}/`
  const children = index
    .folders()
    .filter(
      (folder) =>
        folder.startsWith(prefix) && !folder.slice(prefix.length).includes('/') && folder !== parent,
    )
    .sort(comparePaths)
  const items = children.map((folder) => ({
    path: folder,
    count: createScope(index, { path: folder, exclude }).count(),
  }))
  return page(items.slice(0, args.limit), items.length, args.operation)
}

/** Read-only questions about the vault, answered from its index. */
export const queryVaultTool = defineTool({
  name: 'obsidian_query_vault',
  title: 'Query the vault',
  description: DESCRIPTION,
  input,
  output,
  annotations: { readOnly: true, destructive: false },
  run: async (args, context) => ({ result: await runQuery(context, args) }),
})
