/**
 * Link resolution the way Obsidian's metadata cache does it: a link path names a file by exact
 * path, by a path relative to the linking note, or by the end of its path (usually just the
 * basename), compared case-insensitively.
 */

/** The file lookups resolution needs; keys are lower-cased NFC paths / file names. */
export interface LinkTargetTable {
  /** Actual path of the file whose lower-cased path is `pathLower`. */
  pathOf(pathLower: string): string | undefined
  /** Actual paths of the files whose lower-cased file name (with extension) is `nameLower`. */
  pathsNamed(nameLower: string): Iterable<string> | undefined
}

export interface LinkResolution {
  /** The file the link points to; undefined when unresolved. */
  path: string | undefined
  /** Every equally valid candidate when the name is ambiguous (more than one). */
  ambiguous?: string[]
}

const parentFolder = (filePath: string) => {
  const slash = filePath.lastIndexOf('/')
  return slash === -1 ? '' : filePath.slice(0, slash)
}

/** Joins a relative link path onto a folder, resolving `.` and `..`; undefined when it climbs out. */
function joinRelative(folder: string, relative: string): string | undefined {
  const parts = folder === '' ? [] : folder.split('/')
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(segment)
  }
  return parts.join('/')
}

function sharedDepth(a: string, b: string): number {
  const left = a === '' ? [] : a.split('/')
  const right = b === '' ? [] : b.split('/')
  let depth = 0
  while (depth < left.length && depth < right.length && left[depth] === right[depth]) depth++
  return depth
}

/**
 * Orders same-named candidates: closest to the linking note first (deepest shared folder), then
 * the shortest path, then code-point order.
 */
export function rankCandidates(candidates: string[], sourcePath: string): string[] {
  const sourceFolder = parentFolder(sourcePath)
  return candidates
    .map((candidate) => ({
      candidate,
      shared: sharedDepth(parentFolder(candidate), sourceFolder),
      depth: candidate.split('/').length,
    }))
    .sort(
      (a, b) =>
        b.shared - a.shared ||
        a.depth - b.depth ||
        a.candidate.length - b.candidate.length ||
        (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0),
    )
    .map((entry) => entry.candidate)
}

const NON_ASCII = /[^\x00-\x7f]/

function normalizeTarget(target: string): string {
  // normalize() is costly and a no-op on ASCII, which most link targets are.
  let linkPath = (NON_ASCII.test(target) ? target.normalize('NFC') : target).trim()
  while (linkPath.startsWith('/')) linkPath = linkPath.slice(1)
  return linkPath
}

/**
 * The note a plain name (no folder, no `./`) resolves to when exactly one note has that name:
 * then the answer does not depend on the linking note, so callers may cache it. Undefined when
 * the name is not a plain name or is not held by exactly one note.
 */
function resolveUniqueName(target: string, table: LinkTargetTable): string | undefined {
  const lower = normalizeTarget(target).toLowerCase()
  if (lower === '' || lower.includes('/') || lower.startsWith('.')) return undefined
  const named = table.pathsNamed(lower.endsWith('.md') ? lower : `${lower}.md`)
  if (named === undefined) return undefined
  let only: string | undefined
  let count = 0
  for (const candidate of named) {
    only = candidate
    if (++count > 1) return undefined
  }
  return only
}

/**
 * What resolveLinkPath answers for `target` whatever note it is written in, so callers may cache
 * it: a path, null when it resolves from no note, undefined when the answer depends on the
 * linking note (relative paths, paths not found from the root, names held by several files).
 */
export function resolveFixedTarget(target: string, table: LinkTargetTable): string | null | undefined {
  const linkPath = normalizeTarget(target)
  const lower = linkPath.toLowerCase()
  if (lower === '' || lower.startsWith('.')) return undefined
  if (!lower.includes('/')) {
    // A plain name: the linking note matters only to rank several files of that name.
    const resolution = resolveLinkPath(linkPath, '', table)
    return resolution.ambiguous === undefined ? (resolution.path ?? null) : undefined
  }
  // resolveLinkPath's first candidate, before anything relative to the linking note.
  return table.pathOf(lower.endsWith('.md') ? lower : `${lower}.md`)
}

/** Resolves a link path written in `sourcePath` to a file of the vault (pure: reads only `table`). */
export function resolveLinkPath(target: string, sourcePath: string, table: LinkTargetTable): LinkResolution {
  const linkPath = normalizeTarget(target)
  if (linkPath === '') return { path: sourcePath }
  const lower = linkPath.toLowerCase()
  // Fast path: a plain name held by exactly one note is that note (an exact path could only be it).
  const unique = resolveUniqueName(linkPath, table)
  if (unique !== undefined) return { path: unique }
  // Obsidian: a link without an extension names a note; with one, either a note or an attachment.
  const candidates = lower.endsWith('.md') ? [lower] : [`${lower}.md`, lower]
  const sourceFolder = parentFolder(sourcePath).toLowerCase()
  for (const candidate of candidates) {
    const isRelative = candidate.startsWith('./') || candidate.startsWith('../')
    if (isRelative) {
      const joined = joinRelative(sourceFolder, candidate)
      const found = joined === undefined ? undefined : table.pathOf(joined)
      if (found !== undefined) return { path: found }
      continue
    }
    const exact = table.pathOf(candidate)
    if (exact !== undefined) return { path: exact }
    if (candidate.includes('/')) {
      const relative = joinRelative(sourceFolder, candidate)
      const found = relative === undefined ? undefined : table.pathOf(relative)
      if (found !== undefined) return { path: found }
    }
    const name = candidate.slice(candidate.lastIndexOf('/') + 1)
    const named = table.pathsNamed(name)
    if (named === undefined) continue
    const suffix = `/${candidate}`
    const matches: string[] = []
    for (const filePath of named) {
      const pathLower = filePath.toLowerCase()
      if (pathLower === candidate || pathLower.endsWith(suffix)) matches.push(filePath)
    }
    if (matches.length === 1) return { path: matches[0] }
    if (matches.length > 1) {
      const ranked = rankCandidates(matches, sourcePath)
      return { path: ranked[0], ambiguous: ranked }
    }
  }
  return { path: undefined }
}
