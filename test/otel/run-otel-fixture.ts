/** Starts `fixtures/agent-turns.ts` in a child process with the given environment; returns what it printed. */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const FIXTURE = fileURLToPath(new URL('./fixtures/agent-turns.ts', import.meta.url))

export interface OtelFixtureRun {
  outcomes: { turn: number; ms: number; finishReason?: string; error?: string; text: string }[]
  loaded: string[]
  stderr: string
  exitCode: number | null
}

export async function runOtelFixture(
  turns: { prompt: string; conversationId: string; abortAfterMs?: number }[],
  env: Record<string, string>,
  { preloadDatadog = false } = {},
): Promise<OtelFixtureRun> {
  const args = [...(preloadDatadog ? ['--import', 'dd-trace/initialize.mjs'] : []), FIXTURE]
  const child = spawn(process.execPath, args, {
    // A clean environment: no OTEL_* or NODE_OPTIONS inherited from the test runner.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      JASQUE_TEST_TURNS: JSON.stringify(turns),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const [exitCode] = (await once(child, 'exit')) as [number | null]
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  const loaded = (lines.find((line) => Array.isArray(line.loaded))?.loaded ?? []) as string[]
  return {
    outcomes: lines.filter((line) => 'turn' in line) as OtelFixtureRun['outcomes'],
    loaded,
    stderr,
    exitCode,
  }
}
