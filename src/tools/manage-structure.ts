/**
 * `obsidian_manage_structure`: folders, renames and moves that keep every link working, folder
 * deletes to the trash, and a tree view. Renames and moves rewrite links (dry_run shows them first).
 */
import { z } from 'zod'
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts'
import { createFolder, moveWithLinks, normalizeVaultPath, type Vault } from '../vault/index.ts'
import { baseRenameWarning } from './base-rename-warning.ts'
import { changedLines } from './changed-lines.ts'
import { defineTool, type ToolResult, type ToolRunContext, type ToolRunOutput } from './define-tool.ts'
import { deleteFolder } from './delete-folder.ts'
import { buildStructure } from './structure-tree.ts'
import { commonResultFields, itemError } from './tool-output.ts'

const OPERATIONS = ['create_folder', 'rename', 'move', 'delete_folder', 'list_structure'] as const

const input = z.object({
  operation: z.enum(OPERATIONS).describe('What to do.'),
  path: z.string().optional().describe('A note, file or folder.'),
  new_path: z.string().optional().describe('The new name, path or folder.'),
  force: z.boolean().default(false).describe('delete_folder: even if not empty.'),
  dry_run: z.boolean().default(false).describe('rename/move: preview only.'),
  update_links: z.boolean().default(true).describe('rename/move: rewrite links.'),
  depth: z.number().int().min(1).max(20).default(3).describe('list_structure: folder levels.'),
  bulk: z.boolean().default(false).describe('rename/move the items.'),
  items: z
    .array(z.object({ path: z.string(), new_path: z.string() }))
    .max(100)
    .optional()
    .describe('bulk: {path, new_path} pairs.'),
})

type Input = z.output<typeof input>

const node = z.object({
  name: z.string(),
  path: z.string(),
  type: z.enum(['folder', 'note', 'file']),
  get children() {
    return z.array(node).optional()
  },
})

const output = z.object({
  ...commonResultFields,
  path: z.string().optional(),
  new_path: z.string().optional(),
  links_updated: z.number().int().optional(),
  files_changed: z
    .array(z.string())
    .optional()
    .describe('rename/move: the files whose links were rewritten.'),
  affected_count: z.number().int().optional(),
  errors: z.array(itemError).optional(),
  structure: node.optional().describe('list_structure: the folder tree.'),
  dry_run: z.boolean().optional().describe('Set when nothing was changed: a preview.'),
  link_lines: z
    .array(
      z.object({
        path: z.string(),
        lines: z.array(z.object({ line: z.number().int(), before: z.string(), after: z.string() })),
      }),
    )
    .optional()
    .describe('dry_run: per file, the link lines that would change.'),
})

const DESCRIPTION = `Organise folders and files.
- create_folder (path).
- rename (path, new_path): in place; new_path may be a name.
- move (path, new_path): into it if a folder.
- delete_folder (path, force?): to the trash; force=true if not empty.
- list_structure (path?, depth).
Renames and moves rewrite every link to and in the moved notes (dry_run previews).`

const parentOf = (filePath: string) =>
  filePath.includes('/') ? filePath.slice(0, filePath.lastIndexOf('/')) : ''
const nameOf = (filePath: string) => filePath.slice(filePath.lastIndexOf('/') + 1)

function requirePath(value: string | undefined, field: string, operation: string): string {
  if (value === undefined || value.trim() === '')
    throw new InvalidInputError(`${field} is required for ${operation}.`)
  return value
}

/** Where a rename or move lands: the full destination path. */
function destinationOf(
  vault: Vault,
  operation: 'rename' | 'move',
  from: string,
  newPathInput: string,
): string {
  if (operation === 'rename') {
    const raw = newPathInput.trim()
    const target = raw.includes('/')
      ? normalizeVaultPath(raw, { forMutation: true })
      : normalizeVaultPath(`${parentOf(from) === '' ? '' : `${parentOf(from)}/`}${raw}`, {
          forMutation: true,
        })
    if (parentOf(target) !== parentOf(from)) {
      throw new InvalidInputError(
        `rename keeps the item in its folder (${parentOf(from) || 'the vault root'}); use operation='move' to change folders.`,
      )
    }
    return withSameExtension(vault, from, target)
  }
  const target = normalizeVaultPath(newPathInput, { forMutation: true })
  if (vault.index.hasFolder(target) && !vault.index.hasFile(target)) return `${target}/${nameOf(from)}`
  return withSameExtension(vault, from, target)
}

/** A note renamed without `.md` keeps its extension. */
function withSameExtension(vault: Vault, from: string, target: string): string {
  if (vault.index.hasFile(from) && from.toLowerCase().endsWith('.md') && !/\.[^/.]+$/.test(nameOf(target)))
    return `${target}.md`
  return target
}

/** Moves one item; the move and each link rewrite are journaled as they happen. */
async function moveOne(args: Input, context: ToolRunContext, pathInput: string, newPathInput: string) {
  const operation = args.operation as 'rename' | 'move'
  const from = normalizeVaultPath(pathInput, { forMutation: true })
  const to = destinationOf(context.vault, operation, from, newPathInput)
  const result = await moveWithLinks(context.vault, {
    from,
    to,
    updateLinks: args.update_links,
    dryRun: args.dry_run,
    onChange: context.recordProgress,
  })
  return { from, to, result }
}

interface LinkLines {
  path: string
  lines: ReturnType<typeof changedLines>
}

/** A dry run's link rewrites as the lines that would change, per file (at its path after the move). */
function describeRewrites(rewrites: { path: string; before: string; after: string }[] = []): LinkLines[] {
  return rewrites.map((rewrite) => ({
    path: rewrite.path,
    lines: changedLines(rewrite.before, rewrite.after),
  }))
}

async function runMove(args: Input, context: ToolRunContext): Promise<ToolRunOutput> {
  if (args.bulk) {
    const items = args.items ?? []
    if (items.length === 0)
      throw new InvalidInputError(`items is required with bulk=true: [{"path": "...", "new_path": "..."}].`)
    const errors: { path: string; error: string }[] = []
    const filesChanged = new Set<string>()
    const linkLines: LinkLines[] = []
    let linksUpdated = 0
    let affected = 0
    let baseWarnings = ''
    for (const item of items) {
      try {
        const { from, result } = await moveOne(args, context, item.path, item.new_path)
        baseWarnings += await baseRenameWarning(context, from)
        affected++
        linksUpdated += result.linksUpdated
        for (const file of result.filesChanged) filesChanged.add(file)
        linkLines.push(...describeRewrites(result.rewrites))
        for (const skipped of result.skipped) errors.push({ path: skipped.path, error: skipped.error })
      } catch (error) {
        errors.push({ path: item.path, error: (error as Error).message })
      }
    }
    const verb = args.dry_run ? 'would move' : 'moved'
    return {
      result: {
        success: errors.length === 0,
        operation: args.operation,
        message:
          `${affected} of ${items.length} items ${verb}; ${linksUpdated} links ${args.dry_run ? 'would be' : ''} updated.`.replace(
            '  ',
            ' ',
          ) + baseWarnings,
        affected_count: affected,
        links_updated: linksUpdated,
        files_changed: [...filesChanged],
        ...(args.dry_run ? { dry_run: true, link_lines: linkLines } : {}),
        ...(errors.length === 0 ? {} : { errors }),
      },
      effects: { operation: args.operation, paths: items.map((item) => item.path), linksUpdated },
    }
  }
  const { from, to, result } = await moveOne(
    args,
    context,
    requirePath(args.path, 'path', args.operation),
    requirePath(args.new_path, 'new_path', args.operation),
  )
  const what = result.isFolder ? `folder (${result.moves.length} files)` : 'file'
  const baseWarning = await baseRenameWarning(context, from)
  const message = args.dry_run
    ? `Dry run: would ${args.operation} ${what} ${from} → ${to} and update ${result.linksUpdated} links in ${result.filesChanged.length} files.`
    : `${args.operation === 'rename' ? 'Renamed' : 'Moved'} ${what} ${from} → ${to}; updated ${result.linksUpdated} links in ${result.filesChanged.length} files.${
        result.skipped.length > 0
          ? ` ${result.skipped.length} files changed meanwhile and kept their links: read them and fix by hand.`
          : ''
      }`
  return {
    result: {
      success: result.skipped.length === 0,
      operation: args.operation,
      path: from,
      new_path: to,
      message: message + baseWarning,
      links_updated: result.linksUpdated,
      files_changed: result.filesChanged,
      ...(args.dry_run ? { dry_run: true, link_lines: describeRewrites(result.rewrites) } : {}),
      ...(result.skipped.length === 0 ? {} : { errors: result.skipped }),
    },
    effects: { operation: args.operation, paths: [from, to], linksUpdated: result.linksUpdated },
  }
}

async function run(args: Input, context: ToolRunContext): Promise<ToolRunOutput> {
  const vault = context.vault
  await vault.whenReady()
  switch (args.operation) {
    case 'create_folder': {
      const folder = normalizeVaultPath(requirePath(args.path, 'path', 'create_folder'), {
        forMutation: true,
      })
      if (!(await createFolder(vault.root, folder)))
        throw new ConflictError(
          `Something already exists at ${folder}. Use operation='list_structure' to see it.`,
        )
      await vault.refresh(folder)
      return {
        result: {
          success: true,
          operation: args.operation,
          path: folder,
          message: `Created folder ${folder}.`,
        },
        changes: [{ kind: 'create', path: folder }],
        effects: { operation: args.operation, paths: [folder] },
      }
    }
    case 'rename':
    case 'move':
      return runMove(args, context)
    case 'delete_folder':
      return deleteFolder(
        vault,
        normalizeVaultPath(requirePath(args.path, 'path', 'delete_folder'), { forMutation: true }),
        args.force,
      )
    case 'list_structure': {
      const folder = args.path === undefined || args.path.trim() === '' ? '' : normalizeVaultPath(args.path)
      if (folder !== '' && !vault.index.hasFolder(folder)) {
        throw new NotFoundError(
          `Folder not found: ${folder}. Use operation='list_structure' without path to see the whole vault.`,
        )
      }
      const tree = buildStructure(vault.index, folder, args.depth)
      const result: ToolResult = {
        success: true,
        operation: args.operation,
        path: folder,
        message: tree.truncated
          ? `Showing ${tree.nodes} items; the tree is larger: give a path or a smaller depth.`
          : `${tree.nodes} items.`,
        structure: tree.root,
        ...(tree.truncated ? { truncated: true } : {}),
      }
      return { result }
    }
  }
}

/** Folders, renames and moves that keep links working, folder deletes, and the folder tree. */
export const manageStructureTool = defineTool({
  name: 'obsidian_manage_structure',
  title: 'Manage folders and files',
  description: DESCRIPTION,
  input,
  output,
  annotations: { readOnly: false, destructive: true },
  run,
})
