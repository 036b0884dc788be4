/**
 * The activity page at `/ui`: the page and its two assets (public, no data in them), the HTML
 * fragments it fetches with the API key (turns, one turn, undo), and `/ui/events`, a server-sent
 * event stream saying a new turn was recorded. Every asset comes from the package: no network.
 */
import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { listTurns, loadTurn } from '../activity/index.ts'
import { describeError, isAppError, UnavailableError } from '../errors.ts'
import type { Journal, Runs } from '../store/index.ts'
import { executeTool, type ToolDefinition, type ToolDependencies } from '../tools/index.ts'
import { renderProblem, renderTurnDetail, renderTurnList, renderUndoResult } from './activity-html.ts'

export interface ActivityDeps {
  /** Whether the API needs a key: the page then asks for it before fetching anything. */
  needsKey?: boolean
  store: { runs: Runs; journal: Journal }
  /** The obsidian_history tool: the page's undo goes through it like the CLI's. */
  history: ToolDefinition
  /** The vault and the journal the history tool works on. */
  toolDependencies: ToolDependencies
  vaultRoot: string
  /** How often `/ui/events` looks for a new turn (default 1 s). */
  pollMs?: number
}

/** The page's files, read once. */
const ASSETS = {
  '/ui': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/ui/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/ui/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
} as const

/** The paths anyone may fetch: the page holds no data (it asks for the key when one is needed). */
export const ACTIVITY_PUBLIC_PATHS = [...Object.keys(ASSETS), '/ui/access']

// Security: the page runs only its own script and styles, and cannot be framed.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const TURNS_PER_PAGE = 50
const RUN_ID = /^[0-9a-hjkmnp-tv-z]{13}$/

function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html)
}

/** A fragment, or the problem in its place: 503 while the store is down. */
async function fragment(reply: FastifyReply, render: () => Promise<string>) {
  try {
    return sendHtml(reply, 200, await render())
  } catch (error) {
    if (error instanceof UnavailableError)
      return sendHtml(
        reply,
        503,
        renderProblem(`The journal is unavailable: ${error.message}. Retrying…`, 'store-down'),
      )
    throw error
  }
}

/** Registers the page, its fragments and its event stream. */
export function registerActivity(app: FastifyInstance, deps: ActivityDeps): void {
  const folder = new URL('./activity-page/', import.meta.url)
  for (const [route, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(asset.file, folder))
    app.get(route, { schema: { hide: true } }, (_request, reply) =>
      reply
        .header('content-type', asset.type)
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .send(body),
    )
  }

  app.get('/ui/access', { schema: { hide: true } }, () => ({ key: deps.needsKey === true }))

  app.get<{ Querystring: { before?: string } }>(
    '/ui/fragments/turns',
    { schema: { hide: true } },
    (request, reply) => {
      const before = request.query.before
      return fragment(reply, async () =>
        renderTurnList(
          await listTurns(deps.store.runs, {
            limit: TURNS_PER_PAGE,
            ...(before !== undefined && RUN_ID.test(before) ? { before } : {}),
          }),
        ),
      )
    },
  )

  app.get<{ Params: { id: string } }>(
    '/ui/fragments/turns/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params
      if (!RUN_ID.test(id)) return sendHtml(reply, 404, renderProblem(`No turn ${id}.`, 'not-found'))
      const turn = await loadTurn(deps.store, deps.vaultRoot, id).catch((error: unknown) => {
        if (error instanceof UnavailableError) return error
        throw error
      })
      if (turn instanceof UnavailableError) return fragment(reply, () => Promise.reject(turn))
      if (turn === undefined) return sendHtml(reply, 404, renderProblem(`No turn ${id}.`, 'not-found'))
      return sendHtml(reply, 200, renderTurnDetail(turn))
    },
  )

  app.post<{ Body: unknown }>('/ui/fragments/undo', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const target =
      typeof body.run_id === 'string'
        ? { run_id: body.run_id }
        : typeof body.change_id === 'string'
          ? { change_id: body.change_id }
          : undefined
    if (target === undefined)
      return sendHtml(reply, 400, renderProblem('Give run_id or change_id.', 'bad-request'))
    const controller = new AbortController()
    request.raw.once('close', () => controller.abort())
    const { result } = await executeTool(
      deps.history,
      { operation: 'undo', ...target },
      {
        ...deps.toolDependencies,
        signal: controller.signal,
        source: { kind: 'api', requestId: String(request.id) },
      },
    )
    request.log.info({ ...target, success: result.success }, 'undo from the activity page')
    return sendHtml(reply, 200, renderUndoResult(result))
  })

  // Open event streams end when the server closes, or closing would wait for them forever.
  const streams = new Set<FastifyReply['raw']>()
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end()
  })

  app.get('/ui/events', { schema: { hide: true } }, (_request, reply) => {
    reply.hijack()
    const raw = reply.raw
    streams.add(raw)
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    raw.write(': activity events\n\n')
    let newest: string | undefined
    let isFirst = true
    let wasDown = false
    const poll = async () => {
      try {
        const [run] = await deps.store.runs.listNewest({ limit: 1 })
        if (!isFirst && run?.id !== newest)
          raw.write(`event: turn\ndata: ${JSON.stringify({ runId: run?.id ?? null })}\n\n`)
        if (wasDown) raw.write('event: store\ndata: {"available":true}\n\n')
        newest = run?.id
        isFirst = false
        wasDown = false
      } catch (error) {
        if (!wasDown) {
          const message = isAppError(error) ? error.message : describeError(error)
          raw.write(`event: store\ndata: ${JSON.stringify({ available: false, message })}\n\n`)
        }
        wasDown = true
      }
    }
    void poll()
    const timer = setInterval(() => void poll(), deps.pollMs ?? 1000)
    raw.once('close', () => {
      clearInterval(timer)
      streams.delete(raw)
    })
  })
}
