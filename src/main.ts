/**
 * The Jasque server: configuration → services → HTTP API → listen, then the vault index is built
 * while `/health` already answers; graceful shutdown on SIGTERM/SIGINT.
 */
import { buildApp, installGracefulShutdown, startServer } from './api/index.ts'
import { loadConfig } from './config.ts'
import { ConfigError, describeError, UnavailableError } from './errors.ts'
import { createLogger } from './log.ts'
import { createServices } from './services.ts'

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
  let services: Awaited<ReturnType<typeof createServices>>
  try {
    services = await createServices(config, { log })
  } catch (error) {
    if (error instanceof UnavailableError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`jasque: ${describeError(error)}\n`)
      return 2
    }
    throw error
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
  })
  // Handlers first: a signal arriving right after "listening" must shut down gracefully.
  installGracefulShutdown(app, { timeoutMs: config.shutdownTimeoutMs, log, onClose: () => services.close() })
  await startServer(app, { host: config.host, port: config.port, apiKey: config.apiKey, log })
  // A failed build is logged and retried with backoff; meanwhile tools and /health/ready say why.
  vault.start({ retry: true }).catch((error: unknown) => {
    log.error({ err: error }, 'the vault index could not be built')
  })
  return undefined
}

if (import.meta.main) {
  const code = await startJasque()
  if (code !== undefined) process.exitCode = code
}
