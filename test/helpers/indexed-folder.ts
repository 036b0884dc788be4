/** A temporary folder holding the given files, opened and indexed as a vault: the base of the vault test helpers. */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createSilentLogger } from '../../src/log.ts'
import { createVault, type Vault } from '../../src/vault/index.ts'
import { tmpDir } from './tmp-dir.ts'

export interface IndexedFolder extends AsyncDisposable {
  vault: Vault
  /** Writes a file (creating its folders), without telling the index. */
  write(filePath: string, content: string | Uint8Array): Promise<void>
}

/** Writes `files` (path → text or bytes) into a new folder, then indexes it; dispose closes and removes it. */
export async function createIndexedFolder(
  files: Record<string, string | Uint8Array>,
  options: { watch?: boolean; prefix?: string } = {},
): Promise<IndexedFolder> {
  const dir = await tmpDir(options.prefix ?? 'jasque-vault-')
  const write = async (filePath: string, content: string | Uint8Array) => {
    const absolute = path.join(dir.path, filePath)
    await mkdir(path.dirname(absolute), { recursive: true })
    await writeFile(absolute, content)
  }
  for (const [filePath, content] of Object.entries(files)) await write(filePath, content)
  const vault = await createVault({
    root: dir.path,
    log: createSilentLogger(),
    watch: options.watch ?? false,
  })
  await vault.start()
  return {
    vault,
    write,
    async [Symbol.asyncDispose]() {
      await vault.close()
      await dir[Symbol.asyncDispose]()
    },
  }
}
