/**
 * MCP over Streamable HTTP, stateless: every request is served by a fresh server instance (the
 * SDK's `createMcpHandler`: 2026-07-28 requests natively, 2025-11-25 ones through its stateless
 * fallback), so nothing is kept between requests. Host and Origin are checked first (DNS
 * rebinding), with the SDK's Fastify hooks.
 */
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/fastify'
import { createMcpHandler, localhostAllowedHostnames } from '@modelcontextprotocol/server'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { describeError } from '../errors.ts'
import { type CreateMcpServerOptions, createMcpServer } from './create-mcp-server.ts'

export interface CreateMcpHttpRouteOptions extends Omit<CreateMcpServerOptions, 'fallbackClient'> {
  /**
   * Security: accept only Host localhost, 127.0.0.1 or [::1] (DNS rebinding). Set when the server
   * has no API key (it then listens on loopback only); with a key any Host is accepted, since a
   * DNS-rebinding page cannot send the key.
   */
  localOnly: boolean
  /** Browser origins allowed besides localhost (ALLOWED_ORIGINS); requests without Origin pass. */
  allowedOrigins: string[]
}

/** Answers one HTTP request to `/mcp` (any method) on the Fastify reply. */
export type McpHttpRoute = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/** The hostname of an origin such as `app://obsidian.md` or `http://localhost:3000`, if it parses. */
function hostnameOf(origin: string): string | undefined {
  try {
    const { hostname } = new URL(origin)
    return hostname === '' ? undefined : hostname
  } catch {
    return undefined
  }
}

/** The first product of a User-Agent (`claude-code/1.0.2 (…)` → `claude-code/1.0.2`). */
function userAgentProduct(userAgent: string | null): string | undefined {
  const product = userAgent?.trim().split(/\s+/)[0]
  return product === undefined || product === '' ? undefined : product
}

/** The Fastify request as a web Request without its body (the SDK is given the parsed body). */
function toWebRequest(request: FastifyRequest, signal: AbortSignal): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  return new Request(`http://${request.host}${request.url}`, { method: request.method, headers, signal })
}

/** Builds the `/mcp` handler; the tools run through executeTool, journaled with source `mcp`. */
export function createMcpHttpRoute({
  localOnly,
  allowedOrigins,
  ...serverOptions
}: CreateMcpHttpRouteOptions): McpHttpRoute {
  const { log } = serverOptions
  const checkHost = localOnly ? hostHeaderValidation(localhostAllowedHostnames()) : undefined
  const origins = [
    ...localhostAllowedHostnames(),
    ...allowedOrigins.flatMap((origin) => hostnameOf(origin) ?? []),
  ]
  const checkOrigin = originValidation(origins)
  const handler = createMcpHandler(
    ({ requestInfo }) =>
      createMcpServer({
        ...serverOptions,
        // A 2025-era tools/call carries no clientInfo (that came with initialize, another request).
        ...withFallbackClient(userAgentProduct(requestInfo?.headers.get('user-agent') ?? null)),
      }),
    {
      legacy: 'stateless',
      onerror: (error) => log.warn({ err: describeError(error) }, 'mcp http request rejected'),
    },
  )
  return async (request, reply) => {
    await checkHost?.(request, reply)
    if (!reply.sent) await checkOrigin(request, reply)
    if (reply.sent) return
    // A client that goes away mid-call aborts it: a running write finishes, a bulk call stops
    // between notes, and what was written is journaled.
    const disconnected = new AbortController()
    const onClose = () => {
      if (!reply.raw.writableFinished) disconnected.abort()
    }
    reply.raw.once('close', onClose)
    const response = await handler.fetch(toWebRequest(request, disconnected.signal), {
      ...(request.body === undefined ? {} : { parsedBody: request.body }),
    })
    await reply.send(response)
  }
}

function withFallbackClient(client: string | undefined): { fallbackClient?: string } {
  return client === undefined ? {} : { fallbackClient: client }
}
