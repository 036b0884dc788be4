/**
 * Helpers for the Docker tests (test/docker/*.test.ts): the docker and compose commands, free
 * loopback ports, polling, a chat turn, and the reason to skip when there is no engine or image.
 * scripts/docker-ci.sh runs these tests with JASQUE_DOCKER_REQUIRED=1, where a missing engine or
 * image fails instead of skipping.
 */
import assert from 'node:assert/strict'
import { execFile, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { chmod, chown, mkdtemp } from 'node:fs/promises'
import { type AddressInfo, createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { FakeResponse } from '../helpers/fake-anthropic.ts'

const execFileAsync = promisify(execFile)

/** The image under test: `docker build --network host -t jasque:ci .` (scripts/docker-ci.sh). */
export const IMAGE = process.env.JASQUE_DOCKER_IMAGE ?? 'jasque:ci'
export const API_KEY = 'docker-test-key'
/** The uid and gid of the `node` user of node:24-slim, which the image runs as. */
export const NODE_UID = 1000

const required = process.env.JASQUE_DOCKER_REQUIRED === '1'

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0
}

/** `docker-compose` (v1) when installed, else the `docker compose` plugin, else undefined. */
export function composeCommand(): string[] | undefined {
  if (succeeds('docker-compose', ['version'])) return ['docker-compose']
  if (succeeds('docker', ['compose', 'version'])) return ['docker', 'compose']
  return undefined
}

/** Why the Docker tests cannot run here, or undefined when they can. */
export function missingDocker({ compose = false } = {}): string | undefined {
  if (!succeeds('docker', ['info'])) {
    return 'no Docker engine is reachable (scripts/docker-ci.sh starts one and runs these tests)'
  }
  if (!succeeds('docker', ['image', 'inspect', IMAGE])) {
    return `the image ${IMAGE} is missing (docker build --network host -t ${IMAGE} .)`
  }
  if (compose && composeCommand() === undefined) {
    return 'neither docker-compose nor the docker compose plugin is installed'
  }
  return undefined
}

/** The `skip` option of a Docker test: the reason, unless JASQUE_DOCKER_REQUIRED=1 (then it fails). */
export function skipUnlessDocker(reason: string | undefined): string | false {
  if (reason === undefined) return false
  return required ? false : reason
}

/** Fails the test when Docker is required but missing. */
export function assertDocker(reason: string | undefined): void {
  if (reason !== undefined) assert.fail(`JASQUE_DOCKER_REQUIRED=1 but ${reason}`)
}

/** Runs a command and returns its stdout; throws with its stderr on failure. */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 180_000,
      maxBuffer: 32 * 1024 * 1024,
      encoding: 'utf8',
    })
    return stdout
  } catch (error) {
    const failure = error as Error & { stderr?: string; stdout?: string }
    throw new Error(
      `${command} ${args.join(' ')} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    )
  }
}

export const docker = (args: string[], timeoutMs?: number) => run('docker', args, { timeoutMs })

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Polls `check` until it returns a value other than undefined; fails with `describe()` after the timeout. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  describe: () => string | Promise<string>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`)
    await sleep(250)
  }
}

/** GET with the API key; resolves to the status and the parsed body, or undefined on a network error. */
export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${API_KEY}` },
    signal: AbortSignal.timeout(5000),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Waits for `GET /health/ready` to answer 200. */
export async function waitForReady(baseUrl: string, logs: () => Promise<string>, timeoutMs = 90_000) {
  let last = 'no answer'
  await waitFor(
    async () => {
      const { status, body } = await getJson(`${baseUrl}/health/ready`)
      last = `${status} ${JSON.stringify(body)}`
      return status === 200 ? true : undefined
    },
    async () => `GET /health/ready: ${last}\n${await logs()}`,
    timeoutMs,
  )
}

/** One non-streaming chat turn; returns the assistant's text. */
export async function chat(baseUrl: string, content: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'jasque', messages: [{ role: 'user', content }] }),
    signal: AbortSignal.timeout(60_000),
  })
  const text = await response.text()
  assert.equal(response.status, 200, text)
  const body = JSON.parse(text) as { choices: { message: { content: string } }[] }
  return body.choices[0]?.message.content ?? ''
}

/** The model's script for a turn that creates `notePath`, then answers. */
export function createNoteTurn(notePath: string, content: string): FakeResponse[] {
  return [
    {
      type: 'turn',
      text: 'Writing it down.',
      toolUses: [{ name: 'obsidian_manage_notes', input: { operation: 'create', path: notePath, content } }],
      usage: { input: 120, output: 30 },
    },
    { type: 'turn', text: `Saved ${notePath}.`, usage: { input: 180, output: 12 } },
  ]
}

/**
 * A temporary vault the container's `node` user (uid 1000) can write to: owned by uid 1000 when
 * the tests run as root (as a user's own vault would be), else open to everyone.
 */
export async function containerVault(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  if (process.getuid?.() === 0) await chown(dir, NODE_UID, NODE_UID)
  else await chmod(dir, 0o777)
  return dir
}

/** The last lines of a container's output, for failure messages. */
export async function containerLogs(name: string, lines = 60): Promise<string> {
  const result = spawnSync('docker', ['logs', '--tail', String(lines), name], { encoding: 'utf8' })
  return `--- docker logs ${name}\n${result.stdout}${result.stderr}`
}
