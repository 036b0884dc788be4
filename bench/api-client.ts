/**
 * The client half of the API benchmark: streaming chat turns over real HTTP with Node's fetch,
 * one at a time or from many concurrent clients for a fixed time.
 */
import { BENCH_API_KEY, BENCH_PROMPT, FIRST_TOKEN_PATTERN } from './instant-model.ts'

export interface TurnResult {
  latencyMs: number
  /** From the model's first text part to its arrival at the client. */
  firstByteMs: number
}

export interface LoadResult {
  turns: number
  errors: number
  firstErrors: string[]
  elapsedMs: number
  latenciesMs: number[]
  firstBytesMs: number[]
}

const BODY = JSON.stringify({
  model: 'jasque',
  stream: true,
  messages: [{ role: 'user', content: BENCH_PROMPT }],
})

/** One streaming turn, read to the end; throws when the answer is not a complete, clean stream. */
export async function streamTurn(address: string): Promise<TurnResult> {
  const started = performance.now()
  const response = await fetch(`${address}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
    body: BODY,
  })
  if (response.status !== 200 || response.body === null) {
    throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`)
  }
  const decoder = new TextDecoder()
  let body = ''
  let firstByteMs: number | undefined
  for await (const bytes of response.body) {
    const arrivedAt = process.hrtime.bigint()
    body += decoder.decode(bytes, { stream: true })
    if (firstByteMs === undefined) {
      const stamp = FIRST_TOKEN_PATTERN.exec(body)?.[1]
      if (stamp !== undefined) firstByteMs = Number(arrivedAt - BigInt(stamp)) / 1e6
    }
  }
  const latencyMs = performance.now() - started
  if (!body.endsWith('data: [DONE]\n\n') || body.includes('"error":') || !body.includes('and Gamma.')) {
    throw new Error(`incomplete stream: ${body.slice(-200)}`)
  }
  if (firstByteMs === undefined) throw new Error('the first token never arrived')
  return { latencyMs, firstByteMs }
}

/** `count` turns one after another. */
export async function runSequential(address: string, count: number): Promise<LoadResult> {
  return runLoad(address, { concurrency: 1, turns: count })
}

export interface LoadOptions {
  concurrency: number
  /** Stop starting turns after this long… */
  durationMs?: number
  /** …or after this many turns in all. */
  turns?: number
}

/** Closed-loop clients: each starts its next turn when the last one ended, until time or turns run out. */
export async function runLoad(address: string, options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = {
    turns: 0,
    errors: 0,
    firstErrors: [],
    elapsedMs: 0,
    latenciesMs: [],
    firstBytesMs: [],
  }
  const started = performance.now()
  const deadline = started + (options.durationMs ?? Number.POSITIVE_INFINITY)
  const maxTurns = options.turns ?? Number.POSITIVE_INFINITY
  let begun = 0
  const client = async () => {
    while (performance.now() < deadline && begun < maxTurns) {
      begun += 1
      try {
        const turn = await streamTurn(address)
        result.turns += 1
        result.latenciesMs.push(turn.latencyMs)
        result.firstBytesMs.push(turn.firstByteMs)
      } catch (error) {
        result.errors += 1
        if (result.firstErrors.length < 3) result.firstErrors.push(String(error))
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, client))
  result.elapsedMs = performance.now() - started
  return result
}
