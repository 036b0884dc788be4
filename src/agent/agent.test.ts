import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { pino } from 'pino'
import { z } from 'zod'
import { type FakeResponse, startFakeAnthropic } from '../../test/helpers/fake-anthropic.ts'
import { createIndexedFolder } from '../../test/helpers/indexed-folder.ts'
import type { Config } from '../config.ts'
import { InvalidInputError, UnavailableError, UpstreamError } from '../errors.ts'
import { createSilentLogger } from '../log.ts'
import { DEFAULT_PREFERENCES, type Preferences } from '../preferences/index.ts'
import { defineTool } from '../tools/index.ts'
import { type AgentOptions, type AgentRunInput, createAgent } from './agent.ts'
import type { AgentEvent, AgentRequest } from './events.ts'
import { createLanguageModel } from './model.ts'

const MODEL = 'claude-sonnet-4-5'

function llmConfig(baseUrl: string | undefined, apiKey: string | undefined = 'test-key'): Config['llm'] {
  return {
    model: { provider: 'anthropic', model: MODEL },
    anthropicApiKey: apiKey,
    anthropicBaseUrl: baseUrl,
    openaiApiKey: undefined,
    openaiBaseUrl: undefined,
    googleApiKey: undefined,
    baseUrl: undefined,
    apiKey: undefined,
    timeoutMs: 2000,
    maxRetries: 0,
  }
}

function createEchoTool() {
  const calls: unknown[] = []
  const sources: unknown[] = []
  const echo = defineTool({
    name: 'echo',
    description: 'Says a path back.',
    input: z.object({
      operation: z.enum(['say']).describe('What to do'),
      path: z.string().describe('A note path'),
    }),
    output: z.object({ success: z.boolean() }).loose(),
    annotations: { readOnly: true, destructive: false },
    async run(input, { source }) {
      calls.push(input)
      sources.push(source)
      return {
        result: { success: true, operation: 'say', message: `said ${input.path}` },
        effects: { operation: 'say', paths: [input.path], changeId: `change-${calls.length}` },
      }
    },
  })
  return { echo, calls, sources }
}

function createSlowTool() {
  const seen = { started: false, aborted: false }
  const slow = defineTool({
    name: 'slow',
    description: 'Takes its time.',
    input: z.object({ path: z.string().describe('A note path') }),
    output: z.object({ success: z.boolean() }).loose(),
    annotations: { readOnly: true, destructive: false },
    async run(_input, { signal }) {
      seen.started = true
      try {
        await sleep(5000, undefined, { signal })
      } catch {
        seen.aborted = signal.aborted
      }
      return { result: { success: true } }
    },
  })
  return { slow, seen }
}

async function setup(t: TestContext, overrides: Partial<AgentOptions> = {}) {
  const fake = await startFakeAnthropic()
  t.after(() => fake.close())
  const records: AgentRunInput[] = []
  const tools = createEchoTool()
  const folder = await createIndexedFolder({})
  t.after(() => folder[Symbol.asyncDispose]())
  const agent = createAgent({
    model: createLanguageModel(llmConfig(fake.baseUrl)),
    modelId: `anthropic:${MODEL}`,
    tools: [tools.echo],
    toolDependencies: { vault: folder.vault },
    preferences: { get: async () => structuredClone(DEFAULT_PREFERENCES) as Preferences },
    runs: {
      async record(run) {
        records.push(run)
        return { id: `run-${records.length}` }
      },
    },
    log: createSilentLogger(),
    maxSteps: 5,
    timeoutMs: 2000,
    maxRetries: 0,
    now: () => new Date('2026-11-25T10:30:00Z'),
    timeZone: 'UTC',
    ...overrides,
  })
  return { fake, agent, records, calls: tools.calls, sources: tools.sources }
}

function request(overrides: Partial<AgentRequest> = {}): AgentRequest {
  return {
    prompt: 'What is in my vault?',
    history: [],
    clientInstructions: [],
    requestId: 'req-1',
    conversationId: 'conv-1',
    source: { kind: 'chat', requestId: 'req-1' },
    ...overrides,
  }
}

async function collect(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const list: AgentEvent[] = []
  for await (const event of events) list.push(event)
  return list
}

const turn = (fields: Omit<Extract<FakeResponse, { type: 'turn' }>, 'type'>): FakeResponse => ({
  type: 'turn',
  ...fields,
})

function lastEvent(events: AgentEvent[]) {
  const end = events.at(-1)
  assert.equal(end?.type, 'end')
  return end as Extract<AgentEvent, { type: 'end' }>
}

function toolResultsOf(body: Record<string, unknown>): { tool_use_id: string; content: unknown }[] {
  const messages = body.messages as { role: string; content: { type: string }[] }[]
  return messages
    .flatMap((message) => message.content)
    .filter((block) => block.type === 'tool_result') as unknown as { tool_use_id: string; content: unknown }[]
}

test('a text-only turn streams the text, reports usage and ends with stop', async (t) => {
  const { fake, agent, records } = await setup(t)
  fake.enqueue(turn({ text: ['Hel', 'lo'], usage: { input: 12, output: 3 } }))

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.deepEqual(
    events.map((event) => event.type),
    ['step-start', 'text-delta', 'text-delta', 'usage', 'end'],
  )
  assert.deepEqual(
    events.filter((event) => event.type === 'text-delta').map((event) => event.text),
    ['Hel', 'lo'],
  )
  assert.deepEqual(lastEvent(events), {
    type: 'end',
    finishReason: 'stop',
    usage: { inputTokens: 12, outputTokens: 3 },
    runId: 'run-1',
  })
  const sent = fake.requests[0]
  assert.equal(sent?.headers['x-api-key'], 'test-key')
  assert.equal(sent?.body.stream, true)
  assert.match(JSON.stringify(sent?.body.system), /Jasque/)
  assert.equal(records[0]?.outcome, 'ok')
  assert.equal(records[0]?.inputTokens, 12)
})

test('history and client instructions reach the model, client instructions last', async (t) => {
  const { fake, agent } = await setup(t)
  fake.enqueue(turn({ text: 'ok' }))

  await collect(
    agent.run(
      request({
        history: [
          { role: 'user', content: 'Earlier question' },
          { role: 'assistant', content: 'Earlier answer' },
        ],
        clientInstructions: ['Always answer in French.'],
      }),
      new AbortController().signal,
    ),
  )

  const body = fake.requests[0]?.body ?? {}
  const system = JSON.stringify(body.system)
  assert.ok(system.indexOf('Always answer in French.') > system.indexOf('Output style'))
  assert.match(system, /2026-11-25T10:30:00\+00:00/)
  const texts = (body.messages as { role: string; content: { text?: string }[] }[]).map(
    (message) => `${message.role}: ${message.content.map((block) => block.text).join('')}`,
  )
  assert.deepEqual(texts, [
    'user: Earlier question',
    'assistant: Earlier answer',
    'user: What is in my vault?',
  ])
})

test('one tool round runs the tool through executeTool and sends its result back', async (t) => {
  const { fake, agent, records, calls, sources } = await setup(t)
  fake.enqueue(
    turn({
      text: 'Looking.',
      toolUses: [{ id: 'toolu_1', name: 'echo', input: { operation: 'say', path: 'a.md' } }],
    }),
    turn({ text: 'Done.', usage: { input: 30, output: 4 } }),
  )

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.deepEqual(
    events.map((event) => event.type),
    [
      'step-start',
      'text-delta',
      'tool-call-start',
      'tool-call-end',
      'usage',
      'step-start',
      'text-delta',
      'usage',
      'end',
    ],
  )
  assert.deepEqual(calls, [{ operation: 'say', path: 'a.md' }])
  assert.deepEqual(sources, [{ kind: 'chat', requestId: 'req-1' }])
  const end = events.find((event) => event.type === 'tool-call-end')
  assert.equal(end?.type, 'tool-call-end')
  if (end?.type === 'tool-call-end') {
    assert.equal(end.toolCallId, 'toolu_1')
    assert.deepEqual(end.result, { success: true, operation: 'say', message: 'said a.md' })
    assert.deepEqual(end.effects, { operation: 'say', paths: ['a.md'], changeId: 'change-1' })
    assert.ok(end.durationMs >= 0)
  }
  const [result] = toolResultsOf(fake.requests[1]?.body ?? {})
  assert.equal(result?.tool_use_id, 'toolu_1')
  assert.match(JSON.stringify(result?.content), /said a\.md/)
  assert.deepEqual(lastEvent(events).usage, { inputTokens: 40, outputTokens: 9 })
  assert.deepEqual(records[0]?.toolCalls, [
    {
      name: 'echo',
      operation: 'say',
      paths: ['a.md'],
      durationMs: records[0]?.toolCalls[0]?.durationMs,
      ok: true,
      changeId: 'change-1',
      arguments: { operation: 'say', path: 'a.md' },
    },
  ])
})

test('two tool calls in one step both run and both results go back', async (t) => {
  const { fake, agent, calls } = await setup(t)
  fake.enqueue(
    turn({
      toolUses: [
        { id: 'toolu_a', name: 'echo', input: { operation: 'say', path: 'a.md' } },
        { id: 'toolu_b', name: 'echo', input: { operation: 'say', path: 'b.md' } },
      ],
    }),
    turn({ text: 'Both done.' }),
  )

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.equal(events.filter((event) => event.type === 'tool-call-start').length, 2)
  assert.equal(events.filter((event) => event.type === 'tool-call-end').length, 2)
  assert.equal(calls.length, 2)
  const results = toolResultsOf(fake.requests[1]?.body ?? {})
  assert.deepEqual(results.map((result) => result.tool_use_id).sort(), ['toolu_a', 'toolu_b'])
})

test('bad tool arguments give the model a result that says how to fix them', async (t) => {
  const { fake, agent, calls, records } = await setup(t)
  fake.enqueue(
    turn({ toolUses: [{ id: 'toolu_bad', name: 'echo', input: { operation: 'shout' } }] }),
    turn({ text: 'Sorry.' }),
  )

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.equal(calls.length, 0)
  const end = events.find((event) => event.type === 'tool-call-end')
  assert.equal(end?.type === 'tool-call-end' && end.result.success, false)
  const [result] = toolResultsOf(fake.requests[1]?.body ?? {})
  assert.match(JSON.stringify(result?.content), /Invalid arguments for echo.*operation.*path/)
  assert.equal(records[0]?.toolCalls[0]?.ok, false)
  assert.equal(lastEvent(events).finishReason, 'stop')
})

test('a call to an unknown tool is answered with an error result and the run goes on', async (t) => {
  const { fake, agent } = await setup(t)
  fake.enqueue(turn({ toolUses: [{ name: 'nope', input: {} }] }), turn({ text: 'Ok.' }))

  const events = await collect(agent.run(request(), new AbortController().signal))

  const end = events.find((event) => event.type === 'tool-call-end')
  assert.equal(end?.type === 'tool-call-end' && end.result.success, false)
  assert.equal(lastEvent(events).finishReason, 'stop')
})

const failures: { name: string; response: FakeResponse; kind: string; status: number; message: RegExp }[] = [
  {
    name: 'a 429',
    response: { type: 'error', status: 429 },
    kind: 'rate_limit',
    status: 429,
    message: /429/,
  },
  { name: 'a 529', response: { type: 'error', status: 529 }, kind: 'failure', status: 502, message: /529/ },
  { name: 'a 500', response: { type: 'error', status: 500 }, kind: 'failure', status: 502, message: /500/ },
  { name: 'a cut stream', response: { type: 'cut' }, kind: 'failure', status: 502, message: /mid-response/ },
  { name: 'no answer', response: { type: 'hang' }, kind: 'timeout', status: 504, message: /did not answer/ },
]

for (const failure of failures) {
  test(`${failure.name} from the provider ends the run with an UpstreamError of kind ${failure.kind}`, async (t) => {
    const { fake, agent, records } = await setup(t, { timeoutMs: 300 })
    fake.enqueue(failure.response)

    const events = await collect(agent.run(request(), new AbortController().signal))

    const error = events.find((event) => event.type === 'error')
    assert.ok(error?.type === 'error')
    assert.ok(error.error instanceof UpstreamError)
    assert.equal(error.error.kind, failure.kind)
    assert.equal(error.error.status, failure.status)
    assert.match(error.error.message, failure.message)
    assert.doesNotMatch(error.error.message, /127\.0\.0\.1|:\/\/|Fake|at \w+ \(/)
    assert.equal(lastEvent(events).finishReason, 'error')
    assert.equal(events.indexOf(error), events.length - 2)
    assert.equal(records[0]?.outcome, `upstream_${failure.kind}`)
    assert.equal(records[0]?.errorMessage, error.error.message)
  })
}

test('aborting while a tool runs stops the tool and ends the run as aborted', async (t) => {
  const { slow, seen } = createSlowTool()
  const { fake, agent, records } = await setup(t, { tools: [slow] })
  fake.enqueue(turn({ toolUses: [{ name: 'slow', input: { path: 'a.md' } }] }), turn({ text: 'never' }))
  const controller = new AbortController()
  const events: AgentEvent[] = []
  const started = Date.now()

  for await (const event of agent.run(request(), controller.signal)) {
    events.push(event)
    if (event.type === 'tool-call-start') setTimeout(() => controller.abort(), 50)
  }

  assert.ok(Date.now() - started < 3000)
  assert.equal(lastEvent(events).finishReason, 'aborted')
  assert.equal(
    events.some((event) => event.type === 'error'),
    false,
  )
  assert.equal(seen.started, true)
  await sleep(20)
  assert.equal(seen.aborted, true)
  assert.equal(fake.requests.length, 1)
  assert.equal(records[0]?.outcome, 'aborted')
  assert.equal(records[0]?.toolCalls[0]?.ok, false)
})

test('time spent running tools does not count towards the model timeout', async (t) => {
  const waits = defineTool({
    name: 'waits',
    description: 'Takes longer than the model timeout.',
    input: z.object({}),
    output: z.object({ success: z.boolean() }).loose(),
    annotations: { readOnly: true, destructive: false },
    async run() {
      await sleep(400)
      return { result: { success: true } }
    },
  })
  const { fake, agent } = await setup(t, { tools: [waits], timeoutMs: 200 })
  fake.enqueue(turn({ toolUses: [{ name: 'waits', input: {} }] }), turn({ text: 'Done.' }))

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.equal(lastEvent(events).finishReason, 'stop')
  assert.equal(fake.requests.length, 2)
})

test('aborting mid-stream stops the model call and ends the run as aborted', async (t) => {
  const { fake, agent, records } = await setup(t)
  fake.enqueue(turn({ text: Array.from({ length: 50 }, (_, i) => `word${i} `), delayMs: 30 }))
  const controller = new AbortController()
  const events: AgentEvent[] = []
  const started = Date.now()

  for await (const event of agent.run(request(), controller.signal)) {
    events.push(event)
    if (event.type === 'text-delta') controller.abort()
  }

  assert.ok(Date.now() - started < 1000)
  assert.ok(events.filter((event) => event.type === 'text-delta').length < 5)
  assert.equal(lastEvent(events).finishReason, 'aborted')
  assert.equal(records[0]?.outcome, 'aborted')
})

test('a signal aborted before the run starts ends it at once without calling the model', async (t) => {
  const { fake, agent } = await setup(t)

  const events = await collect(agent.run(request(), AbortSignal.abort()))

  assert.deepEqual(
    events.map((event) => event.type),
    ['end'],
  )
  assert.equal(lastEvent(events).finishReason, 'aborted')
  assert.equal(fake.requests.length, 0)
})

test('the step limit ends the run with finishReason length', async (t) => {
  const { fake, agent } = await setup(t, { maxSteps: 2 })
  const call = turn({ toolUses: [{ name: 'echo', input: { operation: 'say', path: 'a.md' } }] })
  fake.enqueue(call, call, call)

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.equal(fake.requests.length, 2)
  assert.equal(lastEvent(events).finishReason, 'length')
})

test('the token limit ends the run with finishReason length', async (t) => {
  const { fake, agent, records } = await setup(t)
  fake.enqueue(turn({ text: 'A long ans', stopReason: 'max_tokens' }))

  const events = await collect(
    agent.run(request({ options: { maxOutputTokens: 5 } }), new AbortController().signal),
  )

  assert.equal(lastEvent(events).finishReason, 'length')
  assert.equal(fake.requests[0]?.body.max_tokens, 5)
  assert.equal(records[0]?.outcome, 'length')
})

test('a missing API key makes assertReady throw naming ANTHROPIC_API_KEY, and run report it', async (t) => {
  const folder = await createIndexedFolder({})
  t.after(() => folder[Symbol.asyncDispose]())
  const agent = createAgent({
    model: undefined,
    modelId: `anthropic:${MODEL}`,
    missingKey: 'ANTHROPIC_API_KEY',
    tools: [],
    toolDependencies: { vault: folder.vault },
    preferences: { get: async () => structuredClone(DEFAULT_PREFERENCES) as Preferences },
    log: createSilentLogger(),
    maxSteps: 5,
    timeoutMs: 1000,
    maxRetries: 0,
  })

  assert.throws(
    () => agent.assertReady(),
    (error) => error instanceof UnavailableError && /ANTHROPIC_API_KEY/.test(error.message),
  )
  const events = await collect(agent.run(request(), new AbortController().signal))
  assert.deepEqual(
    events.map((event) => event.type),
    ['error', 'end'],
  )
  assert.equal(events[0]?.type === 'error' && events[0].error.status, 503)
})

test('invalid preferences fail the run with their InvalidInputError before any model call', async (t) => {
  const problem = new InvalidInputError('Invalid YAML in _jasque/preferences.md at line 3: bad')
  const { fake, agent } = await setup(t, {
    preferences: {
      get: async () => {
        throw problem
      },
    },
  })

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.deepEqual(
    events.map((event) => event.type),
    ['error', 'end'],
  )
  assert.equal(events[0]?.type === 'error' && events[0].error, problem)
  assert.equal(fake.requests.length, 0)
})

test('a failure to record the run is logged and the run still ends', async (t) => {
  const lines: string[] = []
  const log = pino({ level: 'error' }, { write: (line: string) => lines.push(line) })
  const { fake, agent } = await setup(t, {
    log,
    runs: {
      record: async () => {
        throw new Error('database down')
      },
    },
  })
  fake.enqueue(turn({ text: 'Hi' }))

  const events = await collect(agent.run(request(), new AbortController().signal))

  assert.equal(lastEvent(events).finishReason, 'stop')
  assert.equal(lastEvent(events).runId, undefined)
  assert.match(lines.join(''), /could not record the agent run/)
})

test('a run reserves its id first: its tool calls journal under it and the record keeps the request', async (t) => {
  const records: AgentRunInput[] = []
  const runs = {
    newId: () => 'run0000000001',
    async record(run: AgentRunInput) {
      records.push(run)
      return { id: run.id ?? 'unexpected' }
    },
  }
  const { fake, agent, sources } = await setup(t, { runs })
  fake.enqueue(
    turn({ toolUses: [{ id: 'toolu_1', name: 'echo', input: { operation: 'say', path: 'a.md' } }] }),
    turn({ text: 'Done.' }),
  )
  const events = await collect(
    agent.run(request({ prompt: `Tidy up ${'x'.repeat(600)}` }), new AbortController().signal),
  )
  assert.deepEqual(sources, [{ kind: 'chat', requestId: 'req-1', runId: 'run0000000001' }])
  assert.equal(records[0]?.id, 'run0000000001')
  assert.equal(records[0]?.request, `Tidy up ${'x'.repeat(492)}`)
  assert.equal(lastEvent(events).runId, 'run0000000001')
})

test('with storePrompts false the run record keeps no request', async (t) => {
  const { fake, agent, records } = await setup(t, { storePrompts: false })
  fake.enqueue(turn({ text: 'Hi.' }))
  await collect(agent.run(request(), new AbortController().signal))
  assert.equal(records.length, 1)
  assert.equal(records[0]?.request, undefined)
})
