/**
 * CORS for Obsidian (origin `app://obsidian.md`) and local web clients. An allowed origin given
 * without a port matches any port of that host; preflights allow the OpenAI SDK's headers.
 */
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

const BASE_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-request-id',
  'openai-organization',
  'openai-project',
]

/**
 * True when `origin` is in `allowed`: same scheme and host, and the same port only when the entry
 * names one (`http://localhost` allows `http://localhost:5173`). `*` allows every origin.
 */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  const requested = parseOrigin(origin)
  if (requested === undefined) return false
  return allowed.some((entry) => {
    if (entry === '*') return true
    const candidate = parseOrigin(entry)
    if (candidate === undefined) return false
    if (candidate.protocol !== requested.protocol || candidate.hostname !== requested.hostname) return false
    return candidate.port === '' || candidate.port === requested.port
  })
}

function parseOrigin(value: string): URL | undefined {
  try {
    return new URL(value.trim().toLowerCase())
  } catch {
    return undefined
  }
}

/**
 * The headers a preflight may allow: the usual ones plus any `x-stainless-*` header the OpenAI SDK
 * asks for (its list grows between versions).
 */
export function selectAllowedHeaders(requested: string | undefined): string[] {
  const extra = (requested ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => /^x-stainless-[a-z0-9-]{1,64}$/.test(name))
  return [...new Set([...BASE_ALLOWED_HEADERS, ...extra])]
}

/** Registers @fastify/cors with per-request origin and header decisions; exposes `X-Request-ID`. */
export async function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): Promise<void> {
  await app.register(cors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin
      const requestedHeaders = request.headers['access-control-request-headers']
      callback(null, {
        origin: typeof origin === 'string' && isOriginAllowed(origin, allowedOrigins) ? origin : false,
        methods: ['GET', 'POST', 'OPTIONS'],
        allowedHeaders: selectAllowedHeaders(
          typeof requestedHeaders === 'string' ? requestedHeaders : undefined,
        ),
        exposedHeaders: ['X-Request-ID'],
        maxAge: 600,
        strictPreflight: false,
      })
    },
  })
}
