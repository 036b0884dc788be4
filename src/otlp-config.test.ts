import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseOtlpConfig } from './otlp-config.ts'

test('OpenTelemetry export is off without an endpoint, and when the SDK is disabled', () => {
  const problems: string[] = []
  assert.equal(parseOtlpConfig({}, problems), undefined)
  assert.equal(
    parseOtlpConfig(
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' },
      problems,
    ),
    undefined,
  )
  assert.deepEqual(problems, [])
})

test('the standard variables give the traces URL, protocol, headers and service name', () => {
  const problems: string[] = []
  const cases = [
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'http://collector:4318/v1/traces'],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://cloud.langfuse.com/api/public/otel' },
      'https://cloud.langfuse.com/api/public/otel/v1/traces',
    ],
    [
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:9/traces',
      },
      'http://b:9/traces',
    ],
  ] as const
  for (const [variables, url] of cases) assert.equal(parseOtlpConfig(variables, problems)?.tracesUrl, url)
  const config = parseOtlpConfig(
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20abc%3D, x-team = notes',
      OTEL_SERVICE_NAME: 'my-jasque',
    },
    problems,
  )
  assert.deepEqual(problems, [])
  assert.deepEqual(config, {
    tracesUrl: 'http://collector:4318/v1/traces',
    protocol: 'http/json',
    headers: { Authorization: 'Basic abc=', 'x-team': 'notes' },
    serviceName: 'my-jasque',
    timeoutMs: 10_000,
  })
  assert.equal(
    parseOtlpConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, problems)?.protocol,
    'http/protobuf',
  )
})

test('a bad OpenTelemetry setting is a configuration problem naming the variable', () => {
  const problems: string[] = []
  parseOtlpConfig(
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_HEADERS: '=x',
      OTEL_EXPORTER_OTLP_TIMEOUT: 'soon',
    },
    problems,
  )
  assert.equal(problems.length, 4)
  assert.match(problems[0] ?? '', /^OTEL_EXPORTER_OTLP_ENDPOINT: must be an http/)
  assert.match(
    problems[1] ?? '',
    /^OTEL_EXPORTER_OTLP_PROTOCOL: .*http\/protobuf or http\/json \(got "grpc"\)/,
  )
  assert.match(problems[2] ?? '', /^OTEL_EXPORTER_OTLP_TIMEOUT/)
  assert.match(problems[3] ?? '', /^OTEL_EXPORTER_OTLP_HEADERS/)
})
