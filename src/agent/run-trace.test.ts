import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findDatadogTracer } from './datadog-tracer.ts'
import { startRunTrace } from './run-trace.ts'

test('without the dd-trace preload no tracer is found and dd-trace is never loaded', async () => {
  assert.equal(await findDatadogTracer(), undefined)
  assert.equal((globalThis as { _ddtrace?: unknown })._ddtrace, undefined)
})

test('a run trace without a tracer runs the call and ignores everything else', () => {
  const trace = startRunTrace(undefined, { prompt: 'hi', traceContent: true })
  assert.equal(
    trace.enter(() => 42),
    42,
  )
  trace.bindCall('call-1')
  trace.annotateTool({ operation: 'edit', resultCount: 1, effects: { operation: 'edit', paths: ['a.md'] } })
  trace.end({
    output: '',
    usage: { inputTokens: 0, outputTokens: 0 },
    finishReason: 'error',
    error: new Error('x'),
  })
})
