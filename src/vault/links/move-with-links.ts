/**
 * Moves a note, an attachment or a folder inside the vault and keeps every link pointing where it
 * pointed: links to the moved files, relative links of the moved notes, links a new name could
 * capture, and `.canvas` file references. Returns what undo needs. `dryRun` changes nothing.
 */
import { lstat } from 'node:fs/promises'
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors.ts'
import { hashContent } from '../disk/content-hash.ts'
import { movePath } from '../disk/move-path.ts'
import { linkKey } from '../index/note-index.ts'
import { encodeNote } from '../parse/line-endings.ts'
import { isNotePath } from '../paths/note-path.ts'
import { resolveInsideVault } from '../paths/paths.ts'
import type { Vault } from '../vault.ts'
import { readVaultSettings } from '../vault-settings.ts'
import { type FileMove, planCanvasRewrite, planNoteRewrite, tableAfterMoves } from './link-update-plan.ts'

export interface MoveOptions {
  from: string
  to: string
  updateLinks?: boolean
  dryRun?: boolean
  /**
   * Called after each step that changed the disk (the move, then each link rewrite) with that
   * step's changes, and awaited before the next step: lets a caller journal them as they happen.
   */
  onChange?: (changes: MoveChange[]) => Promise<void>
}

export interface MoveChange {
  kind: 'create' | 'move' | 'modify'
  path: string
  fromPath?: string
  before?: Uint8Array
  beforeHash?: string
  afterHash?: string
}

export interface MoveResult {
  isFolder: boolean
  /** Files moved (every file of a moved folder). */
  moves: FileMove[]
  /** Final paths of the files whose links were rewritten. */
  filesChanged: string[]
  linksUpdated: number
  /** Files whose links could not be rewritten because they changed meanwhile. */
  skipped: { path: string; error: string }[]
  /** The move first, then the rewrites at their final paths (undo reverts in reverse order). */
  changes: MoveChange[]
}

const REWRITE_CONCURRENCY = 8

/** The ancestors of `target` that are not folders yet, outermost first. */
function missingParents(vault: Vault, target: string): string[] {
  const missing: string[] = []
  for (let at = target.lastIndexOf('/'); at > 0; at = target.lastIndexOf('/', at - 1)) {
    const folder = target.slice(0, at)
    if (vault.index.hasFolder(folder)) break
    missing.unshift(folder)
  }
  return missing
}

/** Moves `from` to `to` (both normalised vault paths; `to` is the full destination). */
export async function moveWithLinks(
  vault: Vault,
  { from, to, updateLinks = true, dryRun = false, onChange }: MoveOptions,
): Promise<MoveResult> {
  await vault.ready
  await vault.settled()
  const index = vault.index
  const isFolder = !index.hasFile(from) && index.hasFolder(from)
  if (!isFolder && !index.hasFile(from))
    throw new NotFoundError(`Not found: ${from}. Use operation='list_structure' to see what exists.`)
  if (to === from) throw new InvalidInputError(`${from} is already at ${to}.`)
  if (isFolder && (to + '/').startsWith(`${from}/`))
    throw new InvalidInputError(`A folder cannot move into itself: ${from} → ${to}.`)
  const destination = await resolveInsideVault(vault.root, to, { realRoot: vault.root, forMutation: true })
  const exists = await lstat(destination).then(
    () => true,
    () => false,
  )
  // A case-only rename on a case-insensitive disk finds the source itself at the destination.
  if (exists && from.toLowerCase() !== to.toLowerCase())
    throw new ConflictError(`Destination already exists: ${to}. Choose another name.`)

  const moves: FileMove[] = isFolder
    ? [...index.files()]
        .filter((file) => file.path.startsWith(`${from}/`))
        .map((file) => ({ from: file.path, to: `${to}${file.path.slice(from.length)}` }))
    : [{ from, to }]
  const movedTo = new Map(moves.map((move) => [move.from, move.to]))
  const finalPath = (filePath: string) => movedTo.get(filePath) ?? filePath

  // Every note whose links could change meaning, and every canvas.
  const candidates = new Set<string>()
  if (updateLinks) {
    for (const move of moves) {
      for (const source of index.backlinkSources(move.from)) candidates.add(source)
      for (const source of index.sourcesLinkingKey(linkKey(move.to))) candidates.add(source)
      for (const source of index.sourcesLinkingKey(linkKey(move.from))) candidates.add(source)
      if (isNotePath(move.from)) candidates.add(move.from)
    }
    for (const file of index.files())
      if (file.path.toLowerCase().endsWith('.canvas')) candidates.add(file.path)
  }
  const before = index.linkTable()
  const after = tableAfterMoves(before, moves)
  const style = await readVaultSettings(vault.root)
  const planned: {
    source: string
    final: string
    before: Buffer
    beforeHash: string
    after: Uint8Array
    links: number
  }[] = []
  let linksUpdated = 0
  for (const source of candidates) {
    const snapshot = await vault.writer.readFile(source)
    if (snapshot === undefined) continue
    const rewrite = source.toLowerCase().endsWith('.canvas')
      ? planCanvasRewrite(snapshot.text, finalPath)
      : planNoteRewrite({
          text: snapshot.text,
          sourceBefore: source,
          sourceAfter: finalPath(source),
          before,
          after,
          finalPath,
          style,
        })
    if (rewrite.linksUpdated === 0) continue
    linksUpdated += rewrite.linksUpdated
    planned.push({
      source,
      final: finalPath(source),
      before: snapshot.bytes,
      beforeHash: snapshot.hash,
      after: encodeNote(rewrite.text, snapshot),
      links: rewrite.linksUpdated,
    })
  }
  const result: MoveResult = {
    isFolder,
    moves,
    filesChanged: planned.map((entry) => entry.final),
    linksUpdated,
    skipped: [],
    changes: [],
  }
  if (dryRun) return result

  // Folders the move creates are recorded first, so undo can remove them once empty.
  const moveChanges: MoveChange[] = missingParents(vault, to).map((folder) => ({
    kind: 'create',
    path: folder,
  }))
  const movedHash = isFolder ? undefined : index.getNote(from)?.hash
  await movePath(vault, from, to)
  moveChanges.push({
    kind: 'move',
    fromPath: from,
    path: to,
    ...(movedHash === undefined ? {} : { afterHash: movedHash }),
  })
  result.changes.push(...moveChanges)
  await onChange?.(moveChanges)
  // Rewrites run a few at a time: each waits on its own fsync, which dominates at thousands of
  // files; every group is reported (journaled) before the next starts.
  for (let start = 0; start < planned.length; start += REWRITE_CONCURRENCY) {
    const group = planned.slice(start, start + REWRITE_CONCURRENCY)
    const settled = await Promise.allSettled(
      group.map((entry) => vault.writer.replaceBytes(entry.final, entry.after, entry.beforeHash)),
    )
    const done: MoveChange[] = []
    settled.forEach((outcome, i) => {
      const entry = group[i] as (typeof planned)[number]
      if (outcome.status === 'rejected') {
        result.skipped.push({ path: entry.final, error: (outcome.reason as Error).message })
        return
      }
      done.push({
        kind: 'modify',
        path: entry.final,
        before: entry.before,
        beforeHash: entry.beforeHash,
        afterHash: hashContent(entry.after),
      })
    })
    result.changes.push(...done)
    if (done.length > 0) await onChange?.(done)
  }
  const written = new Set(
    result.changes.filter((change) => change.kind === 'modify').map((change) => change.path),
  )
  result.filesChanged = [...written]
  result.linksUpdated = planned
    .filter((entry) => written.has(entry.final))
    .reduce((sum, entry) => sum + entry.links, 0)
  return result
}
