/**
 * Bearer-key access: when `JASQUE_API_KEY` is set, every route except `/health` and the API's
 * description (`/docs`, `/openapi.json`: no data, and a browser sends no key) needs
 * `Authorization: Bearer <key>` (Obsidian Copilot sends its "API key" that way).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { ACTIVITY_PUBLIC_PATHS } from './activity-routes.ts'
import { createErrorBody } from './openai-error.ts'

// The activity page and its assets hold no data: the page asks for the key and sends it itself.
const PUBLIC_PATHS = new Set(['/health', '/openapi.json', '/docs', ...ACTIVITY_PUBLIC_PATHS])

const isPublic = (path: string) => PUBLIC_PATHS.has(path) || path.startsWith('/docs/')

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

/**
 * True when the Authorization header carries `key`.
 * Security: both sides are hashed first so the comparison is constant-time whatever their lengths.
 */
export function isAuthorized(header: string | undefined, key: string): boolean {
  const match = /^Bearer[ \t]+(.+)$/i.exec(header?.trim() ?? '')
  const presented = match?.[1]?.trim() ?? ''
  const isEqual = timingSafeEqual(digest(presented), digest(key))
  return isEqual && presented !== ''
}

/** Adds the access check; does nothing when `apiKey` is undefined (the server then binds to loopback). */
export function registerAuth(app: FastifyInstance, apiKey: string | undefined): void {
  if (apiKey === undefined) return
  app.addHook('onRequest', async (request, reply) => {
    // CORS preflights never carry credentials; @fastify/cors answers them before this hook.
    if (request.method === 'OPTIONS') return
    const path = request.url.split('?')[0] ?? ''
    if (isPublic(path)) return
    if (isAuthorized(request.headers.authorization, apiKey)) return
    const isMissing = request.headers.authorization === undefined
    const message = isMissing
      ? 'Missing API key: send Authorization: Bearer <JASQUE_API_KEY>'
      : 'Incorrect API key provided'
    // RFC 6750: a wrong key is an invalid_token; a missing one gets the bare challenge.
    const challenge = isMissing ? 'Bearer realm="jasque"' : 'Bearer realm="jasque", error="invalid_token"'
    return reply
      .code(401)
      .header('WWW-Authenticate', challenge)
      .send(createErrorBody(401, message, 'invalid_api_key'))
  })
}
