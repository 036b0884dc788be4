/**
 * Health routes: `/health` (liveness, never touches the database), `/health/db` (one query on the
 * store) and `/health/ready` (database reachable and vault index built).
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { describeError, UnavailableError } from '../errors.ts'
import { translateError } from './openai-error.ts'

export interface HealthStore {
  provider: 'postgresql' | 'sqlite'
  ping(): Promise<void>
}

export interface HealthVault {
  isReady(): boolean
  noteCount(): number
  /** Why the index could not be built (it is retried); undefined while building or built. */
  buildFailure?(): string | undefined
}

const PING_TIMEOUT_MS = 3000

async function pingWithTimeout(store: HealthStore): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS)
  })
  try {
    await Promise.race([store.ping(), timeout])
    return undefined
  } catch (error) {
    return describeError(error)
  } finally {
    clearTimeout(timer)
  }
}

/** Registers the three health routes. */
export function registerHealth(app: FastifyInstance, store: HealthStore, vault: HealthVault): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get(
    '/health',
    {
      schema: {
        summary: 'Liveness',
        tags: ['Health'],
        response: { 200: z.object({ status: z.literal('healthy'), service: z.literal('api') }) },
      },
    },
    async () => ({ status: 'healthy' as const, service: 'api' as const }),
  )

  typed.get(
    '/health/db',
    { schema: { summary: 'Database health (SELECT 1)', tags: ['Health'], security: [{ bearerAuth: [] }] } },
    async (request, reply) => {
      const failure = await pingWithTimeout(store)
      if (failure === undefined) {
        return { status: 'healthy', service: 'database', provider: store.provider }
      }
      request.log.warn({ provider: store.provider, reason: failure }, 'database health check failed')
      const { body } = translateError(new UnavailableError(`Database is not reachable: ${failure}`))
      return reply
        .code(503)
        .send({ status: 'unhealthy', service: 'database', provider: store.provider, ...body })
    },
  )

  typed.get(
    '/health/ready',
    {
      schema: {
        summary: 'Readiness: database and vault index',
        tags: ['Health'],
        security: [{ bearerAuth: [] }],
      },
    },
    async (_request, reply) => {
      const failure = await pingWithTimeout(store)
      const isIndexed = vault.isReady()
      const buildFailure = isIndexed ? undefined : vault.buildFailure?.()
      const state = {
        database: failure === undefined ? 'connected' : 'disconnected',
        vault: {
          notes: vault.noteCount(),
          indexed: isIndexed,
          ...(buildFailure === undefined ? {} : { error: buildFailure }),
        },
      }
      if (failure === undefined && isIndexed) return { status: 'ready', ...state }
      const vaultReason =
        buildFailure === undefined
          ? 'The vault index is still being built'
          : `The vault index could not be built: ${buildFailure}; retrying`
      const reason = failure === undefined ? vaultReason : 'Database is not reachable'
      const { body } = translateError(new UnavailableError(reason))
      return reply.code(503).send({ status: 'not_ready', ...state, ...body })
    },
  )
}
