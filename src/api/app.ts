/**
 * Builds the Fastify application: request ids, CORS, access, OpenAPI, the OpenAI-compatible routes
 * and the health routes, with one error handler. It does not listen; see `startServer`.
 */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Agent } from '../agent/index.ts'
import type { Config } from '../config.ts'
import type { Logger } from '../log.ts'
import { type ActivityDeps, registerActivity } from './activity-routes.ts'
import { registerAuth } from './auth.ts'
import { registerChatCompletions } from './chat-completions.ts'
import { registerChatTest } from './chat-test.ts'
import { registerCors } from './cors.ts'
import { registerErrorHandling } from './error-handler.ts'
import { type HealthStore, type HealthVault, registerHealth } from './health.ts'
import { type McpRouteHandler, registerMcpRoute } from './mcp-route.ts'
import { registerModels } from './models.ts'
import { generateRequestId, registerRequestIdHeader } from './request-id.ts'

export const BODY_LIMIT_BYTES = 10 * 1024 * 1024

export interface BuildAppDeps {
  agent: Agent
  store: HealthStore
  vault: HealthVault
  config: Pick<Config, 'apiKey' | 'allowedOrigins' | 'requestTimeoutMs' | 'maxConversationMessages'> &
    Partial<Pick<Config, 'streamProgress'>>
  log: Logger
  /** Loads the `/mcp` handler (on its first request); without it there is no `/mcp` route. */
  mcp?: () => Promise<McpRouteHandler>
  /** Interval of the SSE comments sent while a tool runs (default 10 s); shorter in tests. */
  streamKeepAliveMs?: number
  /** The activity page at /ui (runs, journal, the history tool); absent: no page. */
  activity?: ActivityDeps | undefined
}

const isHealthProbe = (url: string) =>
  url === '/health' || url.startsWith('/health/') || url.startsWith('/health?')

/** Creates the app with every route registered and `ready()` awaited. */
export async function buildApp(deps: BuildAppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: config.requestTimeoutMs,
    genReqId: generateRequestId,
    // Lets streams in flight finish on shutdown while idle keep-alive sockets close at once.
    forceCloseConnections: 'idle',
    // Health probes poll every few seconds: one debug line each (below) instead of two info lines.
    logController: new LogController({
      disableRequestLogging: (request: { url?: string }) => isHealthProbe(request.url ?? ''),
    }),
  }) as unknown as FastifyInstance
  app.addHook('onResponse', async (request, reply) => {
    if (isHealthProbe(request.url))
      request.log.debug({ url: request.url, statusCode: reply.statusCode }, 'health probe')
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  registerRequestIdHeader(app)
  registerErrorHandling(app)
  await registerCors(app, config.allowedOrigins)
  registerAuth(app, config.apiKey)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jasque',
        description: 'An agent for an Obsidian vault behind an OpenAI-compatible API.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  registerHealth(app, deps.store, deps.vault)
  registerModels(app, new Date())
  registerChatCompletions(app, {
    agent: deps.agent,
    maxConversationMessages: config.maxConversationMessages,
    requestTimeoutMs: config.requestTimeoutMs,
    keepAliveMs: deps.streamKeepAliveMs,
    streamProgress: config.streamProgress ?? 'auto',
  })
  registerChatTest(app, { agent: deps.agent, requestTimeoutMs: config.requestTimeoutMs })
  if (deps.activity !== undefined)
    registerActivity(app, { ...deps.activity, needsKey: config.apiKey !== undefined })
  if (deps.mcp !== undefined) registerMcpRoute(app, deps.mcp)

  await app.ready()
  return app
}
