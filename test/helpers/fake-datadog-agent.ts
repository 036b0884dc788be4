/**
 * A fake Datadog Agent on 127.0.0.1 for tests: decodes APM traces (`/v0.4/traces`, `/v0.5/traces`,
 * msgpack) and LLM Observability events (`/evp_proxy/v2/api/v2/llmobs`, JSON, maybe gzip), answers
 * 200 to everything, and records every request.
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { gunzipSync } from 'node:zlib'
import { decode } from '@msgpack/msgpack'

/** An APM span as the tracer sends it (ids as BigInt). */
export interface ApmSpan {
  trace_id: bigint
  span_id: bigint
  parent_id: bigint
  name: string
  resource: string
  service: string
  type?: string
  error: number
  meta: Record<string, string>
  metrics: Record<string, number>
}

/** An LLM Observability span event. */
export interface LlmObsSpan {
  trace_id: string
  span_id: string
  parent_id: string
  name: string
  status: 'ok' | 'error'
  session_id?: string
  tags: string[]
  meta: {
    'span.kind': string
    model_name?: string
    model_provider?: string
    input: { value?: string; messages?: { role: string; content?: string }[] }
    output: { value?: string; messages?: { role: string; content?: string }[] }
    metadata?: Record<string, unknown>
    'error.message'?: string
    [key: string]: unknown
  }
  metrics: Record<string, number>
}

export interface FakeDatadogAgent extends AsyncDisposable {
  url: string
  /** Every request as `METHOD /path`. */
  requests: string[]
  spans: ApmSpan[]
  llmObsSpans: LlmObsSpan[]
  /** Resolves once `check()` is true, or rejects after `timeoutMs` with `describe()`. */
  waitFor(check: () => boolean, describe: () => string, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function startFakeDatadogAgent(): Promise<FakeDatadogAgent> {
  const requests: string[] = []
  const spans: ApmSpan[] = []
  const llmObsSpans: LlmObsSpan[] = []
  const server = createServer(async (request, response) => {
    const body = await readBody(request)
    const path = (request.url ?? '').split('?')[0] ?? ''
    requests.push(`${request.method} ${path}`)
    try {
      if (path === '/v0.4/traces') {
        for (const trace of decode(body, { useBigInt64: true }) as ApmSpan[][]) spans.push(...trace)
      } else if (path === '/v0.5/traces') {
        spans.push(...decodeV05(body))
      } else if (path.endsWith('/api/v2/llmobs')) {
        llmObsSpans.push(...decodeLlmObs(body))
      }
    } catch (error) {
      requests.push(`UNDECODABLE ${path}: ${(error as Error).message}`)
    }
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(path.endsWith('/traces') ? '{"rate_by_service":{}}' : '{}')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  async function close() {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    spans,
    llmObsSpans,
    async waitFor(check, describe, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for Datadog data: ${describe()}`)
        await sleep(50)
      }
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body
}

function decodeLlmObs(body: Buffer): LlmObsSpan[] {
  const payload = JSON.parse(body.toString('utf8')) as unknown
  const batches = (Array.isArray(payload) ? payload : [payload]) as { spans?: LlmObsSpan[] }[]
  return batches.flatMap((batch) => batch.spans ?? [])
}

/** v0.5: `[strings, traces]`, each span an array whose strings are indexes into `strings`. */
function decodeV05(body: Buffer): ApmSpan[] {
  const [strings, traces] = decode(body, { useBigInt64: true }) as [string[], unknown[][][]]
  const text = (index: unknown) => strings[Number(index)] ?? ''
  const map = (value: unknown, read: (v: unknown) => unknown) => {
    const entries = value instanceof Map ? [...value] : Object.entries(value as object)
    return Object.fromEntries(entries.map(([k, v]) => [text(k), read(v)]))
  }
  return traces.flat().map((fields) => ({
    service: text(fields[0]),
    name: text(fields[1]),
    resource: text(fields[2]),
    trace_id: BigInt(fields[3] as bigint),
    span_id: BigInt(fields[4] as bigint),
    parent_id: BigInt(fields[5] as bigint),
    error: Number(fields[8]),
    meta: map(fields[9], text) as Record<string, string>,
    metrics: map(fields[10], Number) as Record<string, number>,
    type: text(fields[11]),
  }))
}
