/**
 * `npm run demo`: copies the demo vault shipped in `demo/vault` to `<JASQUE_DATA_DIR>/demo-vault`
 * (once: later runs keep the user's changes) and starts the server on it, so a newcomer sees Jasque
 * work before pointing it at a real vault. Every other setting comes from the environment and `.env`.
 */
import { cp, stat } from 'node:fs/promises'
import path from 'node:path'
import { resolveDataDir } from './config.ts'
import { startJasque } from './main.ts'

export const DEMO_SOURCE = path.resolve(import.meta.dirname, '../demo/vault')

/** Copies the demo vault into `dataDir` unless it is already there; returns its path and whether it was copied. */
export async function prepareDemoVault(dataDir: string): Promise<{ path: string; isNew: boolean }> {
  const target = path.join(dataDir, 'demo-vault')
  const existing = await stat(target).catch(() => undefined)
  if (existing !== undefined) return { path: target, isNew: false }
  await cp(DEMO_SOURCE, target, { recursive: true, errorOnExist: false, force: false })
  return { path: target, isNew: true }
}

if (import.meta.main) {
  const demo = await prepareDemoVault(resolveDataDir())
  process.stderr.write(
    demo.isNew
      ? `jasque: copied the demo vault to ${demo.path}\n`
      : `jasque: using the demo vault at ${demo.path} (your changes are kept; delete the folder to start over)\n`,
  )
  const code = await startJasque({ ...process.env, OBSIDIAN_VAULT_PATH: demo.path })
  if (code !== undefined) process.exitCode = code
}
