/**
 * `obsidian_manage_structure`: folders, renames and moves that keep every link working, folder
 * deletes to the trash, and a tree view. Renames and moves rewrite links (dry_run shows them first).
 */

import { lstat, mkdir } from 'node:fs/promises'
import { z } from 'zod'
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts'
import { moveWithLinks, normalizeVaultPath, resolveInsideVault, type Vault } from '../vault/index.ts'
import { baseRenameWarning } from './base-rename-warning.ts'
import { defineTool, type ToolResult, type ToolRunContext, type ToolRunOutput } from './define-tool.ts'
import { deleteFolder } from './delete-folder.ts'
import { buildStructure } from './structure-tree.ts'
import type { VaultToolDeps } from './tool-deps.ts'

const OPERATIONS = ['create_folder', 'rename', 'move', 'delete_folder', 'list_structure'] as const

const input = z.object({
  operation: z.enum(OPERATIONS).describe('What to do; see the tool description.'),
  path: z
    .string()
    .optional()
    .describe('The note, file or folder to act on (vault-relative); list_structure: the folder to show.'),
  new_path: z
    .string()
    .optional()
    .describe(
      'rename: the new name or full path (same folder); move: the destination path, or an existing folder to move into.',
    ),
  force: z
    .boolean()
    .default(false)
    .describe(
      'delete_folder: also delete a folder that is not empty, hidden files included (it goes to the trash).',
    ),
  dry_run: z
    .boolean()
    .default(false)
    .describe('rename/move: report the files and links that would change, change nothing.'),
  update_links: z
    .boolean()
    .default(true)
    .describe('rename/move: rewrite links to keep them working (default true).'),
  depth: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(3)
    .describe('list_structure: how many folder levels to show (default 3).'),
  bulk: z.boolean().default(false).describe('rename/move several items at once, given in items.'),
  items: z
    .array(
      z.object({ path: z.string().describe('What to move.'), new_path: z.string().describe('Where to.') }),
    )
    .max(100)
    .optional()
    .describe('bulk: up to 100 {path, new_path} pairs, each done on its own.'),
})

type Input = z.output<typeof input>

const DESCRIPTION = `Organise the vault's folders and files.
Operations:
- create_folder (path): create a folder and its parents.
- rename (path, new_path): rename a note or folder in place; new_path may be just the new name.
- move (path, new_path): move a note or folder; if new_path is an existing folder the item goes inside it.
- delete_folder (path, force): delete an empty folder (no entry at all, hidden ones included); force=true deletes a non-empty one with everything inside (to the trash, unless the vault has none).
- list_structure (path?, depth): the folder tree.
Renames and moves rewrite every [[link]] and Markdown link to the moved notes (and links inside moved notes) so nothing breaks; use dry_run=true first for large changes. bulk=true with items moves several at once. Every change can be undone with obsidian_history.`

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
async function moveOne(
  deps: VaultToolDeps,
  args: Input,
  context: ToolRunContext,
  pathInput: string,
  newPathInput: string,
) {
  const operation = args.operation as 'rename' | 'move'
  const from = normalizeVaultPath(pathInput, { forMutation: true })
  const to = destinationOf(deps.vault, operation, from, newPathInput)
  const result = await moveWithLinks(deps.vault, {
    from,
    to,
    updateLinks: args.update_links,
    dryRun: args.dry_run,
    onChange: context.recordProgress,
  })
  return { from, to, result }
}

async function runMove(deps: VaultToolDeps, args: Input, context: ToolRunContext): Promise<ToolRunOutput> {
  if (args.bulk) {
    const items = args.items ?? []
    if (items.length === 0)
      throw new InvalidInputError(`items is required with bulk=true: [{"path": "...", "new_path": "..."}].`)
    const errors: { path: string; error: string }[] = []
    const filesChanged = new Set<string>()
    let linksUpdated = 0
    let affected = 0
    let baseWarnings = ''
    for (const item of items) {
      try {
        const { from, result } = await moveOne(deps, args, context, item.path, item.new_path)
        baseWarnings += await baseRenameWarning(deps, from)
        affected++
        linksUpdated += result.linksUpdated
        for (const file of result.filesChanged) filesChanged.add(file)
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
        ...(errors.length === 0 ? {} : { errors }),
      },
      effects: { operation: args.operation, paths: items.map((item) => item.path), linksUpdated },
    }
  }
  const { from, to, result } = await moveOne(
    deps,
    args,
    context,
    requirePath(args.path, 'path', args.operation),
    requirePath(args.new_path, 'new_path', args.operation),
  )
  const what = result.isFolder ? `folder (${result.moves.length} files)` : 'file'
  const baseWarning = await baseRenameWarning(deps, from)
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
      ...(result.skipped.length === 0 ? {} : { errors: result.skipped }),
    },
    effects: { operation: args.operation, paths: [from, to], linksUpdated: result.linksUpdated },
  }
}

async function exists(absolute: string): Promise<boolean> {
  return lstat(absolute).then(
    () => true,
    () => false,
  )
}

async function run(deps: VaultToolDeps, args: Input, context: ToolRunContext): Promise<ToolRunOutput> {
  const vault = deps.vault
  await vault.whenReady()
  switch (args.operation) {
    case 'create_folder': {
      const folder = normalizeVaultPath(requirePath(args.path, 'path', 'create_folder'), {
        forMutation: true,
      })
      const absolute = await resolveInsideVault(vault.root, folder, {
        realRoot: vault.root,
        forMutation: true,
      })
      if (await exists(absolute))
        throw new ConflictError(
          `Something already exists at ${folder}. Use operation='list_structure' to see it.`,
        )
      await mkdir(absolute, { recursive: true })
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
      return runMove(deps, args, context)
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

/** Creates the structure tool over a vault. */
export function createManageStructureTool(deps: VaultToolDeps) {
  return defineTool({
    name: 'obsidian_manage_structure',
    title: 'Manage folders and files',
    description: DESCRIPTION,
    input,
    annotations: { readOnly: false, destructive: true },
    run: (args, context) => run(deps, args, context),
  })
}
