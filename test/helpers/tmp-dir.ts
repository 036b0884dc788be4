/** Self-cleaning temporary folders for tests: `await using dir = await tmpDir()`. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface TmpDir extends AsyncDisposable {
  path: string
}

export async function tmpDir(prefix = 'jasque-test-'): Promise<TmpDir> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  return {
    path: dir,
    async [Symbol.asyncDispose]() {
      await rm(dir, { recursive: true, force: true })
    },
  }
}
