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
import { defineTool, type ToolResult } from './define-tool.ts'
import { CONVENTION_OPERATIONS } from './query-convention-operations.ts'
import { runConventionQuery } from './query-conventions.ts'
import { compact, describeNote, findNotePath, noteText, type QueryItem } from './query-items.ts'
import { notFoundMessage } from './suggest.ts'
import type { VaultToolDeps } from './tool-deps.ts'

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
  operation: z.enum(OPERATIONS).describe('What to look up; see the tool description for each operation.'),
  query: z
    .string()
    .optional()
    .describe('Words to search for (search_text), a note name (find_by_name) or a view name (run_base).'),
  path: z
    .string()
    .optional()
    .describe('A folder or note path from the vault root, to limit the scope; the note for get_backlinks.'),
  tags: z
    .array(z.string())
    .optional()
    .describe('Tags for find_by_tag, with or without #; a tag matches its children.'),
  match: z
    .enum(['any', 'all'])
    .default('any')
    .describe('find_by_tag: notes with any (default) or all of the tags.'),
  include_completed: z.boolean().default(false).describe('list_tasks: include done and other-status tasks.'),
  response_format: z
    .enum(['concise', 'detailed'])
    .default('concise')
    .describe('detailed adds snippets, tags, aliases, modified dates and link text.'),
  limit: z.number().int().min(1).max(500).default(50).describe('Most results to return (1-500, default 50).'),
})

type Input = z.output<typeof input>

const DESCRIPTION = `Query the Obsidian vault (read-only, fast: answered from an index).
Operations:
- search_text (query): case-insensitive text search, frontmatter included; ranks matches in names first. path limits to a folder or one note.
- find_by_name (query): find notes by name like a [[wikilink]] would (file name, then aliases, then partial names and titles). Use it to resolve a [[link]] to a path.
- find_by_tag (tags, match any|all): notes carrying tags; #project also matches #project/alpha.
- list_notes (path?): notes under a folder (or the whole vault), by path.
- list_folders (path?): the subfolders of a folder with their note counts.
- get_backlinks (path): notes linking to a note.
- get_tags (path?): every tag with the number of notes carrying it.
- list_tasks (path?, include_completed): open tasks (- [ ]) with their true line numbers.
- list_templates: the vault's templates.
- run_base (path, query?=view name): rows of a base view (.base file or note with a base block).
Results carry total_count (before the limit) and truncated.`

/**
 * The error for a path the index does not hold. Security: a symlink leaving the vault is not in
 * the index either; it is refused as outside the vault (as `../` is), not reported as missing.
 */
async function notFound(deps: VaultToolDeps, wanted: string, message: string): Promise<Error> {
  await resolveInsideVault(deps.vault.root, wanted, { realRoot: deps.vault.root })
  return new NotFoundError(message)
}

async function scopeFor(
  deps: VaultToolDeps,
  pathInput: string | undefined,
  exclude: string[],
): Promise<Scope> {
  const scopePath = pathInput === undefined || pathInput.trim() === '' ? '' : normalizeVaultPath(pathInput)
  const scope = createScope(deps.vault.index, { path: scopePath, exclude })
  if (scope.kind !== 'missing') return scope
  const withExtension = `${scopePath}.md`
  if (deps.vault.index.getNote(withExtension))
    return createScope(deps.vault.index, { path: withExtension, exclude })
  throw await notFound(
    deps,
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

async function run(deps: VaultToolDeps, args: Input): Promise<ToolResult> {
  await deps.vault.whenReady()
  const index = deps.vault.index
  const exclude = await deps.searchExclusions()
  const detailed = args.response_format === 'detailed'
  const item = (notePath: string): QueryItem => describeNote(index, notePath, detailed)
  switch (args.operation) {
    case 'search_text': {
      const query = requireQuery(args.query, 'search_text')
      const result = searchText(index, {
        query,
        scope: await scopeFor(deps, args.path, exclude),
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
      const matches = findByName(index, query, await scopeFor(deps, args.path, exclude))
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
      const paths = findByTag(index, tags, args.match, await scopeFor(deps, args.path, exclude))
      return page(paths.slice(0, args.limit).map(item), paths.length, args.operation)
    }
    case 'list_notes': {
      const scope = await scopeFor(deps, args.path, exclude)
      const items: QueryItem[] = []
      for (const notePath of scope.paths()) {
        if (items.length >= args.limit) break
        items.push(item(notePath))
      }
      return page(items, scope.count(), args.operation)
    }
    case 'list_folders':
      return listFolders(deps, args, exclude)
    case 'get_backlinks': {
      if (args.path === undefined || args.path.trim() === '') {
        throw new InvalidInputError(
          'path is required for get_backlinks: give the note whose backlinks you want.',
        )
      }
      const wanted = normalizeVaultPath(args.path)
      const target = findNotePath(index, wanted) ?? (index.hasFile(wanted) ? wanted : undefined)
      if (target === undefined) throw await notFound(deps, wanted, notFoundMessage(index, wanted))
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
      const counts = countTags(index, await scopeFor(deps, args.path, exclude))
      const items = counts.slice(0, args.limit).map((entry) => ({ tags: [entry.tag], count: entry.count }))
      return page(items, counts.length, args.operation)
    }
    case 'list_tasks': {
      const result = listTasks(
        index,
        await scopeFor(deps, args.path, exclude),
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
      return runConventionQuery(deps, args)
  }
}

async function listFolders(deps: VaultToolDeps, args: Input, exclude: string[]): Promise<ToolResult> {
  const index = deps.vault.index
  const parent = args.path === undefined || args.path.trim() === '' ? '' : normalizeVaultPath(args.path)
  if (parent !== '' && !index.hasFolder(parent)) {
    throw await notFound(
      deps,
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

/** Creates the query tool over a vault. */
export function createQueryVaultTool(deps: VaultToolDeps) {
  return defineTool({
    name: 'obsidian_query_vault',
    title: 'Query the vault',
    description: DESCRIPTION,
    input,
    annotations: { readOnly: true, destructive: false },
    run: async (args) => ({ result: await run(deps, args) }),
  })
}
