/**
 * Test support for several Jasque processes on one vault: the CLI and the server run as real
 * child processes of `node`, with only the settings given (no inherited keys or .env).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

const CLI = path.resolve(import.meta.dirname, '../../src/cli/main.ts')
const SERVER = path.resolve(import.meta.dirname, '../../src/main.ts')

export interface ProcessRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface JasqueSettings {
  vaultRoot: string
  dataDir: string
  databaseUrl?: string | undefined
  env?: Record<string, string>
}

function environment({ vaultRoot, dataDir, databaseUrl, env = {} }: JasqueSettings): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    OBSIDIAN_VAULT_PATH: vaultRoot,
    JASQUE_DATA_DIR: dataDir,
    LLM_MODEL: 'anthropic:claude-test',
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    ...env,
  }
}

/** Runs `jasque <args>` to its end, or kills it with SIGKILL after `killAfterMs`. */
export function runJasque(
  args: string[],
  settings: JasqueSettings,
  { killAfterMs, onSpawn }: { killAfterMs?: number; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: settings.dataDir,
      env: environment(settings),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    onSpawn?.(child)
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** `jasque tool <name> <input>`, its JSON result parsed; rejects when the process failed. */
export async function runTool(
  name: string,
  input: Record<string, unknown>,
  settings: JasqueSettings,
): Promise<Record<string, unknown>> {
  const run = await runJasque(['tool', name, JSON.stringify(input)], settings)
  if (run.code !== 0) throw new Error(`jasque tool exited ${run.code}: ${run.stderr}`)
  return JSON.parse(run.stdout) as Record<string, unknown>
}

export interface RunningServer {
  url: string
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Starts `node src/main.ts` on a free port; rejects when it exits or is not listening within 60 s. */
export function startServer(settings: JasqueSettings): Promise<RunningServer> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: settings.dataDir,
    env: { ...environment(settings), PORT: '0', LOG_LEVEL: 'info' },
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  let output = ''
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not listen within 60 s; it printed: ${output.slice(-2000)}`))
    }, 60_000)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited with ${code} before listening: ${output.slice(-2000)}`))
    })
    child.stdout.on('data', (chunk) => {
      output += chunk
      const line = output.split('\n').find((text) => text.includes('"listening"'))
      if (line === undefined) return
      clearTimeout(timer)
      const { address } = JSON.parse(line) as { address: string }
      resolve({
        url: address,
        async stop() {
          child.kill('SIGTERM')
          return exited
        },
      })
    })
  })
}

/** Every visible file of a vault (not `.trash`, `.obsidian` or `_jasque`) with its bytes. */
export async function snapshotVault(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    if (/^(\.trash|\.obsidian|_jasque)\//.test(relative)) continue
    files.set(relative, (await readFile(path.join(root, relative))).toString('base64'))
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)))
}
