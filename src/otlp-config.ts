/**
 * OpenTelemetry export settings from the standard `OTEL_*` variables: on only when an OTLP
 * endpoint is set. Part of the configuration, so `.env` works for them as for every other value.
 */

export type OtlpProtocol = 'http/protobuf' | 'http/json'

export interface OtlpConfig {
  /** Where traces are posted (the signal path `/v1/traces` already added to a base endpoint). */
  tracesUrl: string
  protocol: OtlpProtocol
  headers: Record<string, string>
  serviceName: string
  timeoutMs: number
}

export interface OtlpVariables {
  OTEL_SDK_DISABLED?: string | undefined
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined
  OTEL_EXPORTER_OTLP_PROTOCOL?: string | undefined
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: string | undefined
  OTEL_EXPORTER_OTLP_HEADERS?: string | undefined
  OTEL_EXPORTER_OTLP_TRACES_HEADERS?: string | undefined
  OTEL_EXPORTER_OTLP_TIMEOUT?: string | undefined
  OTEL_SERVICE_NAME?: string | undefined
}

export const OTLP_VARIABLES: (keyof OtlpVariables)[] = [
  'OTEL_SDK_DISABLED',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_TIMEOUT',
  'OTEL_SERVICE_NAME',
]

const text = (value: string | undefined) => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}

/** Undefined when no endpoint is set (or the SDK is disabled); problems are appended, not thrown. */
export function parseOtlpConfig(variables: OtlpVariables, problems: string[]): OtlpConfig | undefined {
  if (text(variables.OTEL_SDK_DISABLED)?.toLowerCase() === 'true') return undefined
  const tracesEndpoint = text(variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
  const endpoint = text(variables.OTEL_EXPORTER_OTLP_ENDPOINT)
  if (tracesEndpoint === undefined && endpoint === undefined) return undefined
  // OpenTelemetry: the signal variable is the full URL; the general one is a base for `/v1/traces`.
  const tracesUrl = tracesEndpoint ?? `${endpoint?.replace(/\/+$/, '')}/v1/traces`
  const name =
    tracesEndpoint === undefined ? 'OTEL_EXPORTER_OTLP_ENDPOINT' : 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
  if (!URL.canParse(tracesUrl) || !/^https?:$/.test(new URL(tracesUrl).protocol)) {
    problems.push(`${name}: must be an http:// or https:// URL (got "${tracesEndpoint ?? endpoint}")`)
  }
  const protocol =
    text(variables.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ??
    text(variables.OTEL_EXPORTER_OTLP_PROTOCOL) ??
    'http/protobuf'
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    problems.push(
      `OTEL_EXPORTER_OTLP_PROTOCOL: Jasque sends OTLP over HTTP only: use http/protobuf or http/json (got "${protocol}")`,
    )
  }
  const timeout = text(variables.OTEL_EXPORTER_OTLP_TIMEOUT) ?? '10000'
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1) {
    problems.push(`OTEL_EXPORTER_OTLP_TIMEOUT: must be a whole number of milliseconds (got "${timeout}")`)
  }
  return {
    tracesUrl,
    protocol: protocol === 'http/json' ? 'http/json' : 'http/protobuf',
    headers: {
      ...parseHeaders('OTEL_EXPORTER_OTLP_HEADERS', variables.OTEL_EXPORTER_OTLP_HEADERS, problems),
      ...parseHeaders(
        'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
        variables.OTEL_EXPORTER_OTLP_TRACES_HEADERS,
        problems,
      ),
    },
    serviceName: text(variables.OTEL_SERVICE_NAME) ?? 'jasque',
    timeoutMs: Number(timeout) || 10_000,
  }
}

/** `key1=value1,key2=value2`, values percent-encoded (the OpenTelemetry format). */
export function parseHeaders(
  name: string,
  value: string | undefined,
  problems: string[],
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const entry of (value ?? '').split(',')) {
    if (entry.trim() === '') continue
    const equals = entry.indexOf('=')
    const key = equals > 0 ? entry.slice(0, equals).trim() : ''
    if (key === '') {
      problems.push(`${name}: each entry must be key=value, separated by commas (got an entry without a key)`)
      continue
    }
    try {
      headers[decodeURIComponent(key)] = decodeURIComponent(entry.slice(equals + 1).trim())
    } catch {
      problems.push(`${name}: the value of ${key} is not valid percent-encoding`)
    }
  }
  return headers
}
