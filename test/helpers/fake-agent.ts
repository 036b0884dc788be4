/**
 * A scripted Agent for HTTP tests: it plays a list of events (with pauses), records each request
 * and whether its signal was aborted, and can refuse to start like a missing provider key.
 */
import type { Agent, AgentEvent, AgentRequest, TokenUsage } from '../../src/agent/events.ts'
import { UnavailableError } from '../../src/errors.ts'

export type ScriptItem =
  | AgentEvent
  /** Waits; an abort during the wait ends the run with `end` / `aborted`. */
  | { type: 'delay'; ms: number }
  /** Throws from the iterator, like a bug in the agent. */
  | { type: 'throw'; error: unknown }

export interface FakeAgentCall {
  request: AgentRequest
  signal: AbortSignal
  /** Resolves when the run's iterator has finished. */
  done: Promise<void>
}

export interface FakeAgent extends Agent {
  calls: FakeAgentCall[]
}

export interface FakeAgentOptions {
  /** Events for each run; a function gets the request (default: "Hello world"). */
  script?: ScriptItem[] | ((request: AgentRequest) => ScriptItem[])
  /** When set, `assertReady` throws UnavailableError with this message. */
  notReady?: string
  modelId?: string
}

export const DEFAULT_USAGE: TokenUsage = { inputTokens: 12, outputTokens: 5 }

/** The events of a plain one-step answer. */
export function answer(...texts: string[]): ScriptItem[] {
  return [
    { type: 'step-start', step: 1 },
    ...texts.map((text) => ({ type: 'text-delta', text }) as const),
    { type: 'usage', usage: DEFAULT_USAGE },
    { type: 'end', finishReason: 'stop', usage: DEFAULT_USAGE },
  ]
}

function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Creates the fake; inspect `calls` after a request. */
export function createFakeAgent(options: FakeAgentOptions = {}): FakeAgent {
  const calls: FakeAgentCall[] = []
  const script = options.script ?? answer('Hello', ' world')
  return {
    modelId: options.modelId ?? 'fake:scripted',
    calls,
    assertReady() {
      if (options.notReady !== undefined) throw new UnavailableError(options.notReady)
    },
    run(request, signal) {
      const items = typeof script === 'function' ? script(request) : script
      let finish = () => {}
      const done = new Promise<void>((resolve) => {
        finish = resolve
      })
      calls.push({ request, signal, done })
      async function* play(): AsyncGenerator<AgentEvent> {
        try {
          for (const item of items) {
            if (item.type === 'delay') {
              if (!(await wait(item.ms, signal))) {
                yield { type: 'end', finishReason: 'aborted', usage: { inputTokens: 0, outputTokens: 0 } }
                return
              }
            } else if (item.type === 'throw') {
              throw item.error
            } else {
              yield item
            }
          }
        } finally {
          finish()
        }
      }
      return play()
    },
  }
}
