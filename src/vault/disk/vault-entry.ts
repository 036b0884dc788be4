/** What is at a vault path right now, read straight from disk (the index may lag behind). */
import { lstat, readFile } from 'node:fs/promises'
import path from 'node:path'
import { resolveInsideVault } from '../paths/paths.ts'

export type VaultEntry = { kind: 'missing' } | { kind: 'folder' } | { kind: 'file'; bytes: Buffer }

/**
 * A folder, a file with its bytes, or nothing, at a path about to be changed (`root` is the
 * vault's real path); throws AccessDeniedError for a path outside the vault or hidden.
 */
export async function readVaultEntry(root: string, filePath: string): Promise<VaultEntry> {
  const target = await resolveInsideVault(root, filePath, { realRoot: root, forMutation: true })
  try {
    if ((await lstat(target)).isDirectory()) return { kind: 'folder' }
    return { kind: 'file', bytes: await readFile(target) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' }
    throw error
  }
}

/** The bytes of an indexed file, by the path it has on disk (its `diskPath`, else its path). */
export async function readIndexedFile(root: string, diskPath: string): Promise<Buffer> {
  return readFile(path.join(root, ...diskPath.split('/')))
}
