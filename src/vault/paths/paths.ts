/**
 * The vault's path rules: which vault-relative paths a caller may name, and what they normalise
 * to. `normalizeVaultPath` is pure; `resolveInsideVault` adds the symlink check against the disk.
 */
import { lstat, realpath } from 'node:fs/promises'
import path from 'node:path'
import { AccessDeniedError, InvalidInputError } from '../../errors.ts'

export interface NormalizePathOptions {
  /** The path will be created, changed or deleted: the vault root itself is refused. */
  forMutation?: boolean
  /** An empty input is an InvalidInputError instead of meaning the vault root. */
  required?: boolean
}

const MAX_SHOWN = 200

/** The input as it may be echoed in an error message: NUL made visible, length capped. */
function shown(input: string): string {
  const visible = input.replaceAll('\0', '\\0')
  return visible.length > MAX_SHOWN ? `${visible.slice(0, MAX_SHOWN)}…` : visible
}

export function outsideVaultError(input: string): AccessDeniedError {
  return new AccessDeniedError(`Access denied: ${shown(input)} is outside the vault`)
}

export function hiddenPathError(input: string): AccessDeniedError {
  return new AccessDeniedError(
    `Access denied: ${shown(input)}: hidden paths (starting with '.') are not accessible`,
  )
}

/**
 * The checked segments of a vault-relative path, in the input's own Unicode form (the file on
 * disk keeps its form; only comparisons use NFC). Throws like `normalizeVaultPath`.
 */
export function splitVaultPath(input: string, options: NormalizePathOptions = {}): string[] {
  if (typeof input !== 'string') throw new InvalidInputError('A path must be a string')
  if (options.required === true && input.trim() === '') throw new InvalidInputError('A path is required')
  // Security: a NUL byte truncates the path in the OS call; never let one through.
  if (input.includes('\0')) throw outsideVaultError(input)
  const slashed = input.replaceAll('\\', '/')
  // Security: `/x`, `//server/x` (from `\\server\x`), `C:\x` and `C:x` name places outside the
  // vault; `~` would mean the home directory to the person (or model) who wrote it.
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || slashed === '~' || slashed.startsWith('~/')) {
    throw outsideVaultError(input)
  }
  const segments: string[] = []
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      // Security: climbing above the root is refused, not clamped to the root.
      if (segments.pop() === undefined) throw outsideVaultError(input)
      continue
    }
    segments.push(segment)
  }
  // Security: hidden segments (.obsidian, .trash, .git, our temp files) are invisible to tools.
  if (segments.some((segment) => segment.startsWith('.'))) throw hiddenPathError(input)
  if (segments.length === 0 && options.forMutation === true) {
    throw new AccessDeniedError(
      `Access denied: ${shown(input) || "''"} is the vault root, which cannot be changed`,
    )
  }
  return segments
}

/**
 * Normalises a vault-relative path: `/` separators, no `.`/empty segments, `..` resolved, NFC,
 * no trailing slash; '' is the vault root. Throws AccessDeniedError for absolute paths, NUL bytes,
 * `..` climbing out, hidden segments, and the root when `forMutation`; InvalidInputError for an
 * empty input when `required`. Pure: never touches the disk.
 */
export function normalizeVaultPath(input: string, options: NormalizePathOptions = {}): string {
  return splitVaultPath(input, options).join('/').normalize('NFC')
}

/** True when `candidate` is `root` or lies under it (both absolute, already real). */
function isWithin(root: string, candidate: string): boolean {
  if (candidate === root) return true
  const prefix = root.endsWith(path.sep) ? root : root + path.sep
  return candidate.startsWith(prefix)
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

export interface ResolveInsideVaultOptions extends NormalizePathOptions {
  /** `fs.realpath(root)`, when the caller has it already (saves one call per path). */
  realRoot?: string
}

/**
 * Checks `relPath` (in its on-disk Unicode form) and returns its absolute path under `root`,
 * after checking on disk that no symlink along it (or a dangling one at its end) leads outside
 * the vault or into a hidden folder. Throws AccessDeniedError; reads the disk, changes nothing.
 */
export async function resolveInsideVault(
  root: string,
  relPath: string,
  options: ResolveInsideVaultOptions = {},
): Promise<string> {
  const segments = splitVaultPath(relPath, options)
  const realRoot = options.realRoot ?? (await realpath(root))
  const absolute = path.join(root, ...segments)
  // The deepest existing ancestor decides where a not-yet-existing path would land.
  let probe = absolute
  for (;;) {
    try {
      const real = await realpath(probe)
      if (!isWithin(realRoot, real)) throw outsideVaultError(relPath)
      const inside = path.relative(realRoot, real)
      if (inside.split(path.sep).some((segment) => segment.startsWith('.'))) throw hiddenPathError(relPath)
      return absolute
    } catch (error) {
      if (!isMissing(error)) throw error
    }
    // Security: a dangling symlink would let a later write create its target anywhere.
    const isDangling = await lstat(probe).then(
      (stat) => stat.isSymbolicLink(),
      () => false,
    )
    if (isDangling) throw outsideVaultError(relPath)
    const parent = path.dirname(probe)
    if (parent === probe) throw outsideVaultError(relPath)
    probe = parent
  }
}
