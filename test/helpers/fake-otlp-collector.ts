/**
 * A fake OTLP/HTTP trace collector on 127.0.0.1 for tests: decodes `POST /v1/traces` bodies
 * (protobuf with protobufjs and the OTLP schema, or OTLP/JSON) into flat spans and records them.
 * It can also accept requests and never answer, to test a collector that hangs.
 */
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import protobuf from 'protobufjs'

export interface CollectedSpan {
  traceId: string
  spanId: string
  parentSpanId: string
  name: string
  attributes: Record<string, unknown>
  status: { code: number; message: string }
  serviceName: unknown
}

export interface CollectedRequest {
  contentType: string
  headers: IncomingMessage['headers']
  body: Buffer
}

export interface FakeOtlpCollector extends AsyncDisposable {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT (the exporter adds `/v1/traces`). */
  endpoint: string
  spans: CollectedSpan[]
  requests: CollectedRequest[]
  /** Resolves once `count` spans (or more) arrived. */
  waitForSpans(count: number, timeoutMs?: number): Promise<CollectedSpan[]>
  close(): Promise<void>
}

const schema = protobuf.parse(readFileSync(new URL('./otlp-trace.proto', import.meta.url), 'utf8')).root
const ExportRequest = schema.lookupType('otlp.ExportTraceServiceRequest')

interface AnyValue {
  stringValue?: string
  boolValue?: boolean
  intValue?: string | number
  doubleValue?: number
  arrayValue?: { values?: AnyValue[] }
}
interface KeyValue {
  key: string
  value?: AnyValue
}
interface RawSpan {
  traceId?: string
  spanId?: string
  parentSpanId?: string
  name?: string
  attributes?: KeyValue[]
  status?: { code?: number; message?: string }
}
interface RawRequest {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: RawSpan[] }[] }[]
}

function toValue(value: AnyValue | undefined): unknown {
  if (value === undefined) return undefined
  if (value.stringValue !== undefined) return value.stringValue
  if (value.boolValue !== undefined) return value.boolValue
  if (value.intValue !== undefined) return Number(value.intValue)
  if (value.doubleValue !== undefined) return value.doubleValue
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(toValue)
  return undefined
}

const toAttributes = (list: KeyValue[] | undefined) =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, toValue(value)]))

function decodeRequest(contentType: string, body: Buffer): RawRequest {
  if (contentType.includes('json')) return JSON.parse(body.toString('utf8')) as RawRequest
  // Ids as hex, 64-bit integers as strings: the same shapes OTLP/JSON uses.
  const message = ExportRequest.decode(body)
  const object = ExportRequest.toObject(message, {
    longs: String,
    bytes: String,
    defaults: false,
  }) as RawRequest
  const toHex = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('hex')
  for (const resourceSpans of object.resourceSpans ?? []) {
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        span.traceId = toHex(span.traceId)
        span.spanId = toHex(span.spanId)
        span.parentSpanId = toHex(span.parentSpanId)
      }
    }
  }
  return object
}

/**
 * Starts the collector on an ephemeral port; `hang: true` reads requests and never answers;
 * `decode: false` only records the requests (a benchmark's client shares this process).
 */
export async function startFakeOtlpCollector({
  hang = false,
  decode = true,
} = {}): Promise<FakeOtlpCollector> {
  const spans: CollectedSpan[] = []
  const requests: CollectedRequest[] = []
  const waiting = new Set<() => void>()
  const open = new Set<ServerResponse>()
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const contentType = request.headers['content-type'] ?? ''
    requests.push({ contentType, headers: request.headers, body })
    if (hang) {
      open.add(response)
      return
    }
    const decoded = decode ? decodeRequest(contentType, body) : {}
    for (const resourceSpans of decoded.resourceSpans ?? []) {
      const serviceName = toAttributes(resourceSpans.resource?.attributes)['service.name']
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            traceId: span.traceId ?? '',
            spanId: span.spanId ?? '',
            parentSpanId: span.parentSpanId ?? '',
            name: span.name ?? '',
            attributes: toAttributes(span.attributes),
            status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
            serviceName,
          })
        }
      }
    }
    for (const wake of waiting) wake()
    response.writeHead(200, {
      'content-type': contentType.includes('json') ? 'application/json' : contentType,
    })
    response.end(contentType.includes('json') ? '{}' : '')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const close = async () => {
    for (const response of open) response.destroy()
    server.closeAllConnections()
    server.close()
    await once(server, 'close').catch(() => {})
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    requests,
    waitForSpans(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (spans.length < count) return
          clearTimeout(timer)
          waiting.delete(check)
          resolve(spans)
        }
        const timer = setTimeout(() => {
          waiting.delete(check)
          reject(new Error(`${spans.length} spans arrived, expected ${count}`))
        }, timeoutMs)
        waiting.add(check)
        check()
      })
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
