/** `jasque mcp`: the vault tools as an MCP server over stdio, until stdin ends or SIGTERM/SIGINT. */
// Not the agent's index: that would load the AI SDK into an MCP server that never calls a model.
import { createOpenTelemetry } from '../agent/open-telemetry.ts'
import { loadConfig } from '../config.ts'
import { createLogger } from '../log.ts'
import { createToolServices } from '../tool-services.ts'
import { type CliCommand, UsageError } from './command.ts'

const usage = `Usage: jasque mcp

Serves the vault tools (obsidian_query_vault, obsidian_manage_notes, obsidian_manage_structure,
obsidian_history) to an MCP client over stdio, for the vault at OBSIDIAN_VAULT_PATH. The client
starts this command itself; stdout carries the protocol only, logs go to stderr. Changes are
journaled with the source "mcp": undo them with obsidian_history or \`jasque undo\`.
Stops when the client closes stdin, or on SIGTERM or SIGINT. The server (jasque serve) also
serves the tools over Streamable HTTP at /mcp.

Options:
  -h, --help  show this help`

const VERSION = '0.1.0'

/** `jasque mcp`: indexes the vault, watches it for the session, and serves MCP on stdio. */
export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'serve the vault tools to an MCP client over stdio',
  usage,
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`mcp takes no arguments (got ${args.join(' ')})`)
    const config = loadConfig({ env: io.env, cwd: io.cwd })
    // Security: stdout is the protocol channel; anything else written there breaks the client.
    const log = createLogger({ fd: 2, level: config.logLevel, pretty: false })
    const stop = new AbortController()
    const onSignal = () => stop.abort()
    io.signal.addEventListener('abort', onSignal, { once: true })
    process.once('SIGTERM', onSignal)
    // The watcher follows the configuration (JASQUE_WATCH): a long-running server keeps its index fresh.
    const services = await createToolServices(config, { log, lazyStore: true })
    const openTelemetry = createOpenTelemetry({ otlp: config.otlp, traceContent: config.traceContent, log })
    try {
      await services.vault.start()
      log.info({ vault: services.vault.root }, 'mcp server ready on stdio')
      const { createMcpCallTracer, serveMcpStdio } = await import('../mcp/index.ts')
      await serveMcpStdio({
        tracer: createMcpCallTracer({ traceContent: config.traceContent }),
        tools: services.tools,
        dependencies: services.toolDependencies,
        log,
        version: VERSION,
        signal: stop.signal,
        traceToolCall: openTelemetry.traceToolCall,
      })
      log.info('mcp server stopped')
      return 0
    } finally {
      process.off('SIGTERM', onSignal)
      io.signal.removeEventListener('abort', onSignal)
      await services.close()
      await openTelemetry.shutdown()
    }
  },
}
