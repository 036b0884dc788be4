/** Jasque's HTTP API: an OpenAI-compatible endpoint over the agent, health routes and OpenAPI docs. */

/** What the activity page at /ui needs: the store, the history tool and the vault it undoes on. */
export type { ActivityDeps } from './activity-routes.ts'
/** Builds the Fastify app (routes, CORS, access, errors) without listening; awaits `ready()`. */
export { type BuildAppDeps, buildApp } from './app.ts'
/** The handler `/mcp` delegates to (built by the MCP front door, loaded on the first request). */
export type { McpRouteHandler } from './mcp-route.ts'
/** Translates any thrown value into an HTTP status and OpenAI's error body. */
export { createErrorBody, type OpenAIErrorBody, translateError } from './openai-error.ts'
/**
 * Starts listening (loopback only when no API key is set) and installs SIGTERM/SIGINT handling
 * that lets streams finish before closing; never exits the process.
 */
export {
  type GracefulShutdownOptions,
  installGracefulShutdown,
  type StartServerOptions,
  startServer,
} from './server.ts'
