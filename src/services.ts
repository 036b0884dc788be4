/**
 * Builds the parts of Jasque from its configuration for the server and `jasque ask`: the tool
 * services (logger, store, vault, preferences, tools) plus the agent.
 */
import { type Agent, createAgent, createLanguageModel, describeModel, findMissingKey } from './agent/index.ts'
import type { Config } from './config.ts'
import { type CreateToolServicesOptions, createToolServices, type ToolServices } from './tool-services.ts'

export interface Services extends ToolServices {
  agent: Agent
}

export type CreateServicesOptions = CreateToolServicesOptions

/** Opens the store (throws UnavailableError when PostgreSQL is down) and the vault (not yet indexed: call `vault.start()`). */
export async function createServices(
  config: Readonly<Config>,
  options: CreateServicesOptions,
): Promise<Services> {
  const services = await createToolServices(config, options)
  const { log, store, tools, preferences } = services
  const missingKey = findMissingKey(config.llm)
  const agent = createAgent({
    model: missingKey === undefined ? createLanguageModel(config.llm) : undefined,
    modelId: describeModel(config.llm),
    ...(missingKey === undefined ? {} : { missingKey }),
    tools,
    preferences,
    runs: store.runs,
    journal: store.journal,
    log,
    maxSteps: config.agentMaxSteps,
    timeoutMs: config.llm.timeoutMs,
    maxRetries: config.llm.maxRetries,
    traceContent: config.traceContent,
    storePrompts: config.storePrompts,
  })
  return { ...services, agent }
}
