/**
 * Jasque's services for one CLI command: logs on stderr (stdout carries the output), no watcher,
 * the database opened only when the command needs it.
 */
import { loadConfig } from '../config.ts'
import { createLogger } from '../log.ts'
import type { Services } from '../services.ts'
import { createToolServices, type ToolServices } from '../tool-services.ts'
import type { CliIo } from './command.ts'

export interface WithServicesOptions {
  /** Build the vault index before `run` (default true). */
  index?: boolean
}

async function runWith<S extends ToolServices, T>(
  services: S,
  run: (services: S) => Promise<T>,
  index: boolean,
): Promise<T> {
  try {
    if (index) await services.vault.start()
    return await run(services)
  } finally {
    await services.close()
  }
}

/**
 * Loads the configuration, opens the vault (indexed first unless `index: false`) and the tools,
 * runs `run`, and closes everything, also when `run` throws. The agent and its model providers
 * are not loaded. Throws ConfigError for bad settings.
 */
export async function withToolServices<T>(
  io: CliIo,
  run: (services: ToolServices) => Promise<T>,
  { index = true }: WithServicesOptions = {},
): Promise<T> {
  const config = loadConfig({ env: io.env, cwd: io.cwd })
  const log = createLogger({ fd: 2, level: 'warn' })
  const services = await createToolServices(config, {
    log,
    watch: false,
    lazyStore: true,
    snapshotOnClose: 'when-stale',
  })
  return runWith(services, run, index)
}

/** Like withToolServices, with the agent (loaded on demand: only `jasque ask` needs it). */
export async function withServices<T>(
  io: CliIo,
  run: (services: Services) => Promise<T>,
  { index = true }: WithServicesOptions = {},
): Promise<T> {
  const config = loadConfig({ env: io.env, cwd: io.cwd })
  const log = createLogger({ fd: 2, level: 'warn' })
  const { createServices } = await import('../services.ts')
  const services = await createServices(config, {
    log,
    watch: false,
    lazyStore: true,
    snapshotOnClose: 'when-stale',
  })
  return runWith(services, run, index)
}
