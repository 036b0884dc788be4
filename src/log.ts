import { type Logger, pino } from 'pino'

export type { Logger } from 'pino'

export interface LoggerOptions {
  level?: string
  /** Human-readable lines instead of JSON; default: when the destination is a TTY. */
  pretty?: boolean
  /** 1 = stdout (server), 2 = stderr (CLI, MCP: stdout carries command output). */
  fd?: 1 | 2
}

/** Creates the pino logger shared by the process: JSON by default, readable on a terminal. */
export function createLogger({ level = 'info', fd = 1, pretty }: LoggerOptions = {}): Logger {
  const isTty = fd === 1 ? process.stdout.isTTY : process.stderr.isTTY
  const usePretty = pretty ?? isTty === true
  if (usePretty) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { destination: fd, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    })
  }
  // Synchronous: an async buffer grew without bound under load when the reader of stdout lagged.
  return pino({ level }, pino.destination({ fd, sync: true }))
}

/** A logger that drops everything: for tests and library use. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' })
}
