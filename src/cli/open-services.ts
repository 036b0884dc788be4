/** Jasque's services for one CLI command: logs on stderr (stdout carries the output), no watcher. */
import { loadConfig } from '../config.ts'
import { createLogger } from '../log.ts'
import { createServices, type Services } from '../services.ts'
import type { CliIo } from './command.ts'

export interface WithServicesOptions {
  /** Build the vault index before `run` (default true). */
  index?: boolean
}

/**
 * Loads the configuration, opens the store and the vault (indexed first unless `index: false`),
 * runs `run`, and closes everything, also when `run` throws. Throws ConfigError for bad settings.
 */
export async function withServices<T>(
  io: CliIo,
  run: (services: Services) => Promise<T>,
  { index = true }: WithServicesOptions = {},
): Promise<T> {
  const config = loadConfig({ env: io.env, cwd: io.cwd })
  const log = createLogger({ fd: 2, level: 'warn' })
  const services = await createServices(config, { log, watch: false })
  try {
    if (index) await services.vault.start()
    return await run(services)
  } finally {
    await services.close()
  }
}
