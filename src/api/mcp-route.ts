/**
 * `/mcp`: the vault tools for MCP clients over Streamable HTTP, behind the same bearer key as the
 * rest of the API (registerAuth). The MCP SDK is loaded on the first request, not at start-up.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** Answers one `/mcp` request on the reply (Host and Origin checks included). */
export type McpRouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/** Registers `/mcp` for every method; `load` builds the handler once, on the first request. */
export function registerMcpRoute(app: FastifyInstance, load: () => Promise<McpRouteHandler>): void {
  let handler: Promise<McpRouteHandler> | undefined
  app.all('/mcp', { schema: { hide: true } }, async (request, reply) => {
    handler ??= load().catch((error: unknown) => {
      handler = undefined
      throw error
    })
    await (await handler)(request, reply)
    return reply
  })
}
