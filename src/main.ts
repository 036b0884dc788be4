/**
 * The Jasque server: configuration → services → HTTP API → listen, then the vault index is built
 * while `/health` already answers; graceful shutdown on SIGTERM/SIGINT.
 */

import { createActivityDeps } from './activity-deps.ts'
import { describeModel } from './agent/index.ts'
import { buildApp, installGracefulShutdown, startServer } from './api/index.ts'
import { loadConfig } from './config.ts'
import { ConfigError, describeError } from './errors.ts'
import { createLogger, type Logger } from './log.ts'
import { createServices } from './services.ts'
import { describeStore } from './store/index.ts'

/** Vaults this large get progress lines while the first index is built. */
const LARGE_VAULT_NOTES = 5000

/** Starts the server; returns the exit code when start-up fails (2), else undefined. */
export async function startJasque(env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig({ env })
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`jasque: ${error.message}\n`)
      return 2
    }
    throw error
  }
  const log = createLogger({ level: config.logLevel })
  log.info(
    { vault: config.vaultPath, store: describeStore(config), model: describeModel(config.llm) },
    'starting',
  )
  let services: Awaited<ReturnType<typeof createServices>>
  try {
    services = await createServices(config, { log })
  } catch (error) {
    return reportStartupFailure(error)
  }
  const { agent, store, vault } = services
  try {
    agent.assertReady()
  } catch (error) {
    log.warn(describeError(error))
  }
  const app = await buildApp({
    agent,
    store,
    vault: {
      isReady: vault.isReady,
      noteCount: () => vault.index.noteCount(),
      buildFailure: vault.buildFailure,
    },
    config,
    log,
    activity: createActivityDeps(services),
    mcp: async () => {
      const { createMcpCallTracer, createMcpHttpRoute } = await import('./mcp/index.ts')
      return createMcpHttpRoute({
        tracer: createMcpCallTracer({ traceContent: config.traceContent }),
        tools: services.tools,
        dependencies: services.toolDependencies,
        log,
        traceToolCall: services.openTelemetry.traceToolCall,
        localOnly: config.apiKey === undefined,
        allowedOrigins: config.allowedOrigins,
      })
    },
  })
  // Handlers first: a signal arriving right after "listening" must shut down gracefully.
  const removeShutdown = installGracefulShutdown(app, {
    timeoutMs: config.shutdownTimeoutMs,
    log,
    onClose: () => services.close(),
  })
  try {
    await startServer(app, { host: config.host, port: config.port, apiKey: config.apiKey, log })
  } catch (error) {
    removeShutdown()
    await app.close().catch(() => {})
    await services.close().catch(() => {})
    return reportStartupFailure(error, config)
  }
  // A failed build is logged and retried with backoff; meanwhile tools and /health/ready say why.
  vault.start({ onProgress: createProgressLog(log), retry: true }).then(
    (built) => log.info({ ...vault.index.stats(), ms: built.ms }, 'vault ready'),
    (error: unknown) => log.error({ err: error }, 'the vault index could not be built'),
  )
  return undefined
}

/** One line on stderr instead of a stack trace; start-up failures exit 2 like configuration errors. */
function reportStartupFailure(error: unknown, config?: { host: string; port: number }): number {
  const code = (error as NodeJS.ErrnoException).code
  const message =
    code === 'EADDRINUSE' && config !== undefined
      ? `port ${config.port} on ${config.host} is already in use: stop the other server or set PORT to a free port`
      : describeError(error)
  process.stderr.write(`jasque: cannot start: ${message.replaceAll(/\s*\n\s*/g, ' ')}\n`)
  return 2
}

/** Says when a long first start is under way: a line at the start and at every tenth of a large vault. */
function createProgressLog(log: Logger): (done: number, total: number) => void {
  let nextTenth = 0
  return (done, total) => {
    if (total < LARGE_VAULT_NOTES) return
    if (nextTenth === 0) {
      log.info(
        { notes: total },
        'building the index of a large vault: a first start takes a while; tool calls wait for it',
      )
      nextTenth = 1
    }
    while (nextTenth <= 10 && done >= (total * nextTenth) / 10) {
      if (nextTenth < 10) log.info({ done, total }, `indexing: ${nextTenth * 10}%`)
      nextTenth++
    }
  }
}

if (import.meta.main) {
  const code = await startJasque()
  if (code !== undefined) process.exitCode = code
}
