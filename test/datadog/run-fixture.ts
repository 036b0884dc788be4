/**
 * Starts `fixtures/agent-turns.ts` in a child process, with dd-trace preloaded unless told not to,
 * pointed at a fake Anthropic API and a Datadog Agent URL, and returns what it printed.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const FIXTURE = fileURLToPath(new URL('./fixtures/agent-turns.ts', import.meta.url))

export interface FixtureTurn {
  prompt: string
  conversationId: string
  traceContent: boolean
  abortAfterMs?: number
}

export interface TurnOutcome {
  turn: number
  ms: number
  finishReason?: string
  error?: string
  text: string
}

export interface FixtureRun {
  outcomes: TurnOutcome[]
  stderr: string
  exitCode: number | null
}

/** Settings for a quiet, fast tracer that talks to `agentUrl` (LLM Obs through the agent). */
export function datadogEnv(agentUrl: string): Record<string, string> {
  return {
    DD_TRACE_AGENT_URL: agentUrl,
    DD_LLMOBS_ENABLED: '1',
    DD_LLMOBS_ML_APP: 'jasque',
    DD_LLMOBS_AGENTLESS_ENABLED: '0',
    DD_SERVICE: 'jasque',
    DD_ENV: 'test',
    DD_TRACE_FLUSH_INTERVAL: '100',
    _DD_LLMOBS_FLUSH_INTERVAL: '100',
    DD_TRACE_STARTUP_LOGS: 'false',
    DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
    DD_REMOTE_CONFIGURATION_ENABLED: 'false',
    DD_RUNTIME_METRICS_ENABLED: 'false',
    DD_PROFILING_ENABLED: 'false',
  }
}

export async function runFixture(
  turns: FixtureTurn[],
  env: Record<string, string>,
  {
    preload = true,
    timeoutMs = 20_000,
    stopAfterTurns,
  }: {
    preload?: boolean
    timeoutMs?: number
    /** Stop the child once this many turns are done, instead of waiting for it to exit. */
    stopAfterTurns?: number
  } = {},
): Promise<FixtureRun> {
  const child = spawn(
    process.execPath,
    [...(preload ? ['--import', 'dd-trace/initialize.mjs'] : []), FIXTURE],
    {
      // A clean environment: no inherited DD_* or NODE_OPTIONS from the test runner.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        JASQUE_TEST_TURNS: JSON.stringify(turns),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    if (
      stopAfterTurns !== undefined &&
      stdout.split('\n').filter((line) => line.startsWith('{')).length >= stopAfterTurns
    ) {
      setTimeout(() => child.kill(), 200)
    }
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const [exitCode] = (await once(child, 'exit')) as [number | null]
  const outcomes = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as TurnOutcome)
  return { outcomes, stderr, exitCode }
}
