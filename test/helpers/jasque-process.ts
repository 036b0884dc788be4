/**
 * A Jasque process as a user starts it (`node src/main.ts`, the CLI, bin/jasque.js) with only the
 * settings given (no inherited keys, database or `.env`), killed by its PID when the test ends.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import path from 'node:path'
import type { TestContext } from 'node:test'

export const REPOSITORY = path.resolve(import.meta.dirname, '../..')

export interface JasqueProcess {
  child: ChildProcessWithoutNullStreams
  /** Everything written so far. */
  output(): { stdout: string; stderr: string }
  /**
   * Resolves with the first stdout/stderr line matching `pattern`; rejects, naming `what` and the
   * output so far, when the process exits first or after `timeoutMs` (not a timing assertion: a
   * limit so a broken start fails clearly instead of hanging the test run).
   */
  waitForLine(pattern: RegExp, what: string, timeoutMs?: number): Promise<string>
  /** The exit code (or the signal's name). */
  exited: Promise<number | string>
}

export interface StartOptions {
  /** Script and arguments after `node` (default: src/main.ts). */
  args?: string[]
  env?: Record<string, string>
  cwd: string
  /** The Node binary (default: this one). */
  node?: string
}

export function startJasqueProcess(t: TestContext, options: StartOptions): JasqueProcess {
  const child = spawn(
    options.node ?? process.execPath,
    options.args ?? [path.join(REPOSITORY, 'src/main.ts')],
    {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    },
  )
  let stdout = ''
  let stderr = ''
  const waiters = new Set<() => void>()
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    for (const waiter of waiters) waiter()
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    for (const waiter of waiters) waiter()
  })
  const exited = new Promise<number | string>((resolve) => {
    child.on('close', (code, signal) => {
      resolve(code ?? signal ?? 'unknown')
      for (const waiter of waiters) waiter()
    })
  })
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
      process.kill(child.pid)
  })
  const output = () => ({ stdout, stderr })
  return {
    child,
    output,
    exited,
    waitForLine(pattern, what, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = `${stdout}\n${stderr}`.split('\n').find((candidate) => pattern.test(candidate))
          if (line !== undefined) return done(() => resolve(line))
          if (child.exitCode !== null || child.signalCode !== null)
            return done(() => reject(new Error(`the process exited before ${what}:\n${stdout}\n${stderr}`)))
        }
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${what} within ${timeoutMs} ms:\n${stdout}\n${stderr}`))),
          timeoutMs,
        )
        const done = (settle: () => void) => {
          clearTimeout(timer)
          waiters.delete(check)
          settle()
        }
        waiters.add(check)
        check()
      })
    },
  }
}
