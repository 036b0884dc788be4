/**
 * The real server in this process for end-to-end tests: Jasque's services over a temporary vault,
 * the model at a fake Anthropic API, the API on 127.0.0.1 with a key. The caller closes `app`,
 * then `services`.
 */
import type { FastifyInstance } from 'fastify'
import { createActivityDeps } from '../../src/activity-deps.ts'
import { buildApp } from '../../src/api/index.ts'
import { loadConfig } from '../../src/config.ts'
import { createSilentLogger } from '../../src/log.ts'
import { createServices, type Services } from '../../src/services.ts'

export interface ServicesServerOptions {
  vaultRoot: string
  dataDir: string
  anthropicBaseUrl: string
  apiKey: string
  /** Serves the activity page at /ui, looking for new turns this often. */
  activityPollMs?: number
}

export interface ServicesServer {
  services: Services
  app: FastifyInstance
  baseUrl: string
}

/** Opens the services, builds the index, and listens on an ephemeral port. */
export async function startServicesServer(options: ServicesServerOptions): Promise<ServicesServer> {
  const config = loadConfig({
    env: {
      OBSIDIAN_VAULT_PATH: options.vaultRoot,
      JASQUE_DATA_DIR: options.dataDir,
      ANTHROPIC_API_KEY: 'test',
      ANTHROPIC_BASE_URL: options.anthropicBaseUrl,
      LLM_MAX_RETRIES: '0',
      JASQUE_API_KEY: options.apiKey,
      JASQUE_WATCH: 'false',
    },
    readDotEnv: false,
  })
  const log = createSilentLogger()
  const services = await createServices(config, { log })
  await services.vault.start()
  const activity = options.activityPollMs === undefined ? undefined : createActivityDeps(services)
  if (options.activityPollMs !== undefined && activity === undefined)
    throw new Error('the activity page needs the journal')
  const app = await buildApp({
    agent: services.agent,
    store: services.store,
    vault: { isReady: services.vault.isReady, noteCount: () => services.vault.index.noteCount() },
    config,
    log,
    ...(activity === undefined ? {} : { activity: { ...activity, pollMs: options.activityPollMs } }),
  })
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  return { services, app, baseUrl }
}
