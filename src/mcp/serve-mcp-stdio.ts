/** Serves the MCP server on stdin/stdout until stdin ends or the signal aborts. */
import type { Readable, Writable } from 'node:stream'
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio'
import { describeError } from '../errors.ts'
import { type CreateMcpServerOptions, createMcpServer } from './create-mcp-server.ts'

export interface ServeMcpStdioOptions extends CreateMcpServerOptions {
  signal: AbortSignal
  stdin?: Readable
  stdout?: Writable
}

/**
 * Answers MCP requests on `stdin`/`stdout` (stdout carries protocol only) and resolves once the
 * client closes stdin or `signal` aborts, the connection closed and calls in flight finished.
 */
export async function serveMcpStdio({
  signal,
  stdin = process.stdin,
  stdout = process.stdout,
  ...serverOptions
}: ServeMcpStdioOptions): Promise<void> {
  const { log } = serverOptions
  const ended = new Promise<void>((resolve) => {
    if (signal.aborted || stdin.readableEnded) return resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
    stdin.once('end', () => resolve())
    stdin.once('close', () => resolve())
  })
  const inFlight = new Set<Promise<unknown>>()
  const handle = serveStdio(() => createMcpServer({ ...serverOptions, inFlight }), {
    transport: new StdioServerTransport(stdin, stdout),
    onerror: (error) => log.warn({ err: describeError(error) }, 'mcp connection error'),
  })
  await ended
  await handle.close()
  // Aborted calls still finish their journal entry before the caller closes the store.
  await Promise.allSettled(inFlight)
}
