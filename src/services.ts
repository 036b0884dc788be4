/**
 * Builds the parts of Jasque from its configuration for the server and `jasque ask`: the tool
 * services (logger, store, vault, preferences, tools) plus the agent.
 */
import {
  type Agent,
  createAgent,
  createLanguageModel,
  createOpenTelemetry,
  describeModel,
  findMissingKey,
  type OpenTelemetry,
} from './agent/index.ts'
import type { Config } from './config.ts'
import { type CreateToolServicesOptions, createToolServices, type ToolServices } from './tool-services.ts'

export interface Services extends ToolServices {
  agent: Agent
  /** OTLP export of chat turns and MCP tool calls (off, and not loaded, without an OTLP endpoint). */
  openTelemetry: OpenTelemetry
}

export type CreateServicesOptions = CreateToolServicesOptions

/** Opens the store (throws UnavailableError when PostgreSQL is down) and the vault (not yet indexed: call `vault.start()`). */
export async function createServices(
  config: Readonly<Config>,
  options: CreateServicesOptions,
): Promise<Services> {
  const services = await createToolServices(config, options)
  const { log, store, tools, toolDependencies, preferences } = services
  const missingKey = findMissingKey(config.llm)
  const openTelemetry = createOpenTelemetry({ otlp: config.otlp, traceContent: config.traceContent, log })
  // Loaded now, not on the first chat turn (nothing is loaded when export is off).
  void openTelemetry.load()
  const agent = createAgent({
    model: missingKey === undefined ? createLanguageModel(config.llm) : undefined,
    modelId: describeModel(config.llm),
    ...(missingKey === undefined ? {} : { missingKey }),
    tools,
    preferences,
    runs: store.runs,
    toolDependencies,
    log,
    maxSteps: config.agentMaxSteps,
    timeoutMs: config.llm.timeoutMs,
    maxRetries: config.llm.maxRetries,
    traceContent: config.traceContent,
    // The hosted providers read images; an OpenAI-compatible server may not, so it is told instead.
    supportsImages: config.llm.model.provider !== 'openai-compatible',
    openTelemetry,
    storePrompts: config.storePrompts,
  })
  return {
    ...services,
    agent,
    openTelemetry,
    async close() {
      await services.close()
      // Last: the spans of turns that ended during shutdown are still sent.
      await openTelemetry.shutdown()
    },
  }
}
