/** The agent: the model, its instructions and the tool loop over the vault tools. */

/** Creates the agent (AI SDK tool loop); runs emit events and know nothing of HTTP. */
export { type AgentOptions, createAgent } from './agent.ts'
/** A short stable id for a chat, from its first user message and the client. */
export { createConversationId } from './conversation-id.ts'
/**
 * The preloaded Datadog tracer (undefined without `--import dd-trace/initialize.mjs`), the switch
 * that keeps content out of its spans, and a tool call's summary for a span: for MCP's tracing.
 */
export { type DatadogTracer, findDatadogTracer, hideTraceContent } from './datadog-tracer.ts'
export type {
  Agent,
  AgentEvent,
  AgentImage,
  AgentRequest,
  FinishReason,
  HistoryMessage,
  ModelCallOptions,
  TokenUsage,
} from './events.ts'
/** The language model for `LLM_MODEL`, and the key variable missing for it (if any). */
export { createLanguageModel, describeModel, findMissingKey } from './model.ts'
/** OTLP export of runs and MCP tool calls, loaded only when an OTLP endpoint is configured. */
export { createOpenTelemetry, type OpenTelemetry } from './open-telemetry.ts'
export { describeToolCall } from './traced-tool-call.ts'
