/**
 * A fake Anthropic Messages API on 127.0.0.1 for tests: answers `POST …/v1/messages` (JSON, or SSE
 * when `stream: true`) from a queue of scripted responses, records every request, and can fail the
 * way the real API does (429, 529, 500, no answer, a stream cut in the middle).
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface FakeToolUse {
  id?: string
  name: string
  input: unknown
}

export interface FakeUsage {
  input: number
  output: number
}

export type FakeResponse =
  /** A normal answer: text (streamed as the given deltas), then tool_use blocks. */
  | {
      type: 'turn'
      text?: string | string[]
      toolUses?: FakeToolUse[]
      usage?: FakeUsage
      /** Default: `tool_use` when there are tool uses, else `end_turn`. */
      stopReason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence'
      /** Pause before each SSE event, to test aborts mid-stream. */
      delayMs?: number
    }
  | { type: 'error'; status: 429 | 500 | 529 }
  /** Accepts the request and never answers. */
  | { type: 'hang' }
  /** Starts streaming the text, then destroys the connection before message_stop. */
  | { type: 'cut'; text?: string }

export interface RecordedRequest {
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
}

export interface FakeAnthropic extends AsyncDisposable {
  /** Base URL for ANTHROPIC_BASE_URL, e.g. `http://127.0.0.1:PORT/anthropic/v1`. */
  baseUrl: string
  requests: RecordedRequest[]
  enqueue(...responses: FakeResponse[]): void
  close(): Promise<void>
}

const ERROR_TYPES: Record<number, string> = {
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
}

/** Starts the fake on an ephemeral port; close it with `await using` or `close()`. */
export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: FakeResponse[] = []
  const requests: RecordedRequest[] = []
  let messageCount = 0

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy())
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const path = request.url ?? ''
    if (request.method !== 'POST' || !/anthropic.*\/v1\/messages$/.test(path)) {
      sendError(response, 404, 'not_found_error', `No route ${request.method} ${path}`)
      return
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
    requests.push({ path, headers: request.headers, body })
    const next = queue.shift()
    if (next === undefined) {
      sendError(response, 500, 'api_error', 'The fake has no scripted response left')
      return
    }
    messageCount += 1
    const id = `msg_fake_${messageCount}`
    const model = typeof body.model === 'string' ? body.model : 'claude-fake'
    if (next.type === 'error') {
      sendError(response, next.status, ERROR_TYPES[next.status] ?? 'api_error', `Fake ${next.status}`)
    } else if (next.type === 'hang') {
      // Never answers; close() destroys the socket.
    } else if (next.type === 'cut') {
      writeSseHead(response)
      writeEvent(response, 'message_start', messageStart(id, model, 10))
      writeEvent(response, 'content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      })
      writeEvent(response, 'content_block_delta', textDelta(0, next.text ?? 'Partial'))
      await sleep(20)
      response.socket?.destroy()
    } else if (body.stream === true) {
      await streamTurn(response, id, model, next)
    } else {
      sendJson(response, 200, messageJson(id, model, next))
    }
  }

  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  async function close() {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  return {
    baseUrl: `http://127.0.0.1:${port}/anthropic/v1`,
    requests,
    enqueue: (...responses) => queue.push(...responses),
    close,
    [Symbol.asyncDispose]: close,
  }
}

type Turn = Extract<FakeResponse, { type: 'turn' }>

const textsOf = (turn: Turn) => (turn.text === undefined ? [] : [turn.text].flat())

const stopReasonOf = (turn: Turn) =>
  turn.stopReason ?? ((turn.toolUses?.length ?? 0) > 0 ? 'tool_use' : 'end_turn')

const toolIdOf = (tool: FakeToolUse, index: number, messageId: string) =>
  tool.id ?? `toolu_${messageId}_${index}`

function messageStart(id: string, model: string, inputTokens: number) {
  return {
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: 1 },
    },
  }
}

const textDelta = (index: number, text: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'text_delta', text },
})

async function streamTurn(response: ServerResponse, id: string, model: string, turn: Turn) {
  const usage = turn.usage ?? { input: 10, output: 5 }
  const events: [string, unknown][] = [['message_start', messageStart(id, model, usage.input)]]
  let index = 0
  const texts = textsOf(turn)
  if (texts.length > 0) {
    events.push([
      'content_block_start',
      { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    ])
    events.push(['ping', { type: 'ping' }])
    for (const text of texts) events.push(['content_block_delta', textDelta(index, text)])
    events.push(['content_block_stop', { type: 'content_block_stop', index }])
    index += 1
  }
  for (const [toolIndex, tool] of (turn.toolUses ?? []).entries()) {
    const json = JSON.stringify(tool.input)
    const middle = Math.floor(json.length / 2)
    events.push([
      'content_block_start',
      {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: toolIdOf(tool, toolIndex, id), name: tool.name, input: {} },
      },
    ])
    for (const part of [json.slice(0, middle), json.slice(middle)]) {
      events.push([
        'content_block_delta',
        { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } },
      ])
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }])
    index += 1
  }
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: stopReasonOf(turn), stop_sequence: null },
      usage: { output_tokens: usage.output },
    },
  ])
  events.push(['message_stop', { type: 'message_stop' }])

  writeSseHead(response)
  for (const [name, data] of events) {
    if (turn.delayMs !== undefined) await sleep(turn.delayMs)
    if (response.destroyed) return
    writeEvent(response, name, data)
  }
  response.end()
}

function messageJson(id: string, model: string, turn: Turn) {
  const usage = turn.usage ?? { input: 10, output: 5 }
  const text = textsOf(turn).join('')
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [
      ...(text === '' ? [] : [{ type: 'text', text }]),
      ...(turn.toolUses ?? []).map((tool, index) => ({
        type: 'tool_use',
        id: toolIdOf(tool, index, id),
        name: tool.name,
        input: tool.input,
      })),
    ],
    stop_reason: stopReasonOf(turn),
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  }
}

function writeSseHead(response: ServerResponse) {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': 'req_fake',
  })
}

function writeEvent(response: ServerResponse, name: string, data: unknown) {
  response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_fake' })
  response.end(JSON.stringify(body))
}

function sendError(response: ServerResponse, status: number, type: string, message: string) {
  sendJson(response, status, { type: 'error', error: { type, message } })
}
