import { InvalidInputError, NotFoundError } from '../errors.ts'
import {
  comparePaths,
  createScope,
  loadObsidianConventions,
  normalizeVaultPath,
  readIndexedFile,
} from '../vault/index.ts'
import { loadBaseRows } from './base-rows.ts'
import type { ToolContext, ToolResult } from './define-tool.ts'
import { compact, findNotePath } from './query-items.ts'

export interface ConventionQuery {
  operation: string
  path?: string | undefined
  query?: string | undefined
  limit: number
}

async function listTemplates(deps: ToolContext, args: ConventionQuery): Promise<ToolResult> {
  const { templates } = await (await loadObsidianConventions()).readObsidianConfig(deps.vault.root)
  const index = deps.vault.index
  if (templates.folder === '' || !index.hasFolder(templates.folder)) {
    throw new NotFoundError(
      templates.folder === ''
        ? 'No templates folder is set in this vault (.obsidian/templates.json). Give create a template by its path instead.'
        : `The templates folder ${templates.folder} (from .obsidian/templates.json) does not exist.`,
    )
  }
  const paths = [...createScope(index, { path: templates.folder }).paths()]
  const items = paths.slice(0, args.limit).map((notePath) => ({
    path: notePath,
    title: notePath.slice(templates.folder.length + 1).replace(/\.md$/, ''),
  }))
  return {
    success: true,
    operation: args.operation,
    total_count: paths.length,
    truncated: paths.length > items.length,
    results: items.map(compact),
    message: `Templates in ${templates.folder}; {{date}} is written as ${templates.dateFormat} and {{time}} as ${templates.timeFormat}.`,
  }
}

async function baseSource(
  deps: ToolContext,
  pathInput: string | undefined,
): Promise<{ path: string; yaml: string }> {
  if (pathInput === undefined || pathInput.trim() === '')
    throw new InvalidInputError(
      'path is required for run_base: a .base file, or a note with a ```base block.',
    )
  const wanted = normalizeVaultPath(pathInput)
  const index = deps.vault.index
  const basePath = [wanted, `${wanted}.base`].find(
    (candidate) => candidate.endsWith('.base') && index.hasFile(candidate),
  )
  if (basePath !== undefined) {
    // The index holds only files inside the vault, so this path cannot leave it.
    const diskPath = index.getFile(basePath)?.diskPath ?? basePath
    return { path: basePath, yaml: (await readIndexedFile(deps.vault.root, diskPath)).toString('utf8') }
  }
  const notePath = findNotePath(index, wanted)
  if (notePath === undefined)
    throw new NotFoundError(
      `No base or note at ${wanted}. Use list_notes, or list_structure to find .base files.`,
    )
  const yaml = (await loadObsidianConventions()).findBaseBlock((await deps.vault.writer.read(notePath)).text)
  if (yaml === null) throw new InvalidInputError(`${notePath} has no \`\`\`base code block.`)
  return { path: notePath, yaml }
}

async function runBaseView(deps: ToolContext, args: ConventionQuery): Promise<ToolResult> {
  const source = await baseSource(deps, args.path)
  const config = await (await loadObsidianConventions()).readObsidianConfig(deps.vault.root)
  const index = deps.vault.index
  const rows = await loadBaseRows(index, deps.vault.root, source.yaml.includes('ctime'))
  rows.sort((a, b) => comparePaths(a.path, b.path))
  try {
    const result = (await loadObsidianConventions()).runBase(source.yaml, rows, {
      now: new Date(),
      types: config.propertyTypes,
      view: args.query === undefined || args.query.trim() === '' ? undefined : args.query.trim(),
      resolveLink: (text) => index.resolve(text, source.path).path ?? text,
    })
    const shown = result.rows.slice(0, args.limit)
    return {
      success: true,
      operation: args.operation,
      total_count: result.totalCount,
      truncated: result.totalCount > shown.length,
      results: shown.map((row) =>
        result.columns.length === 0 ? { path: row.path } : { path: row.path, values: row.values },
      ),
      message: `View ${result.view === undefined ? '(the first)' : `'${result.view}'`} of ${source.path}${result.columns.length > 0 ? `; columns: ${result.columns.join(', ')}` : ''}.`,
    }
  } catch (error) {
    if (error instanceof (await loadObsidianConventions()).BaseExpressionError)
      throw new InvalidInputError(`${error.message} (in ${source.path}). Nothing was computed.`)
    throw error
  }
}

/** Runs list_templates or run_base. */
export function runConventionQuery(deps: ToolContext, args: ConventionQuery): Promise<ToolResult> {
  return args.operation === 'list_templates' ? listTemplates(deps, args) : runBaseView(deps, args)
}
