/**
 * `jasque ask "question"`: one agent run streamed to the terminal, tool calls shown as they
 * happen, then the tokens used. The caller wires Ctrl-C to `signal`.
 */
import { randomUUID } from 'node:crypto'
import type { Agent } from '../agent/index.ts'
import { describeError } from '../errors.ts'

export interface RunAskOptions {
  agent: Agent
  /** Where the answer goes (stdout). */
  write: (text: string) => void
  /** Aborts the run (Ctrl-C). */
  signal: AbortSignal
}

/** Exit codes: 0 answered, 1 failed, 2 no question, 130 interrupted. */
export async function runAsk(question: string, { agent, write, signal }: RunAskOptions): Promise<number> {
  if (question.trim() === '') {
    write('Ask a question, for example: jasque ask "What did I plan for this week?"\n')
    return 2
  }
  try {
    agent.assertReady()
  } catch (error) {
    write(`${describeError(error)}\n`)
    return 1
  }
  const requestId = randomUUID()
  let isAtLineStart = true
  let hasText = false
  let needsBreak = false
  let exitCode = 0
  const print = (text: string) => {
    if (text === '') return
    write(text)
    isAtLineStart = text.endsWith('\n')
  }
  const startLine = () => {
    if (!isAtLineStart) print('\n')
  }

  const events = agent.run(
    { prompt: question, history: [], clientInstructions: [], requestId, source: { kind: 'cli', requestId } },
    signal,
  )
  for await (const event of events) {
    switch (event.type) {
      case 'step-start':
        needsBreak = hasText
        break
      case 'text-delta':
        if (needsBreak) {
          startLine()
          print('\n')
          needsBreak = false
        }
        print(event.text)
        hasText = true
        break
      case 'tool-call-start':
        startLine()
        print(`→ ${event.toolName} ${summarizeInput(event.input)}\n`)
        break
      case 'tool-call-end': {
        startLine()
        const operation = event.result.operation === undefined ? '' : ` ${event.result.operation}`
        print(
          event.result.success
            ? `✓ ${event.toolName}${operation} (${event.durationMs} ms)\n`
            : `✗ ${event.toolName}${operation}: ${event.result.message ?? 'failed'}\n`,
        )
        needsBreak = hasText
        break
      }
      case 'error':
        startLine()
        print(`\nError: ${event.error.message}\n`)
        exitCode = 1
        break
      case 'end':
        startLine()
        if (event.finishReason === 'length')
          print('\n(The answer was cut short: step or token limit reached.)\n')
        if (event.finishReason === 'aborted') {
          print('\n(Interrupted.)\n')
          exitCode = 130
        }
        print(`\n${event.usage.inputTokens} input + ${event.usage.outputTokens} output tokens\n`)
        break
      default:
        break
    }
  }
  return exitCode
}

const MAX_SUMMARY = 80

/** `search_text "weekly review"`, `read Projects/Alpha.md`, `move a.md → b.md`. */
export function summarizeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return ''
  const fields = input as Record<string, unknown>
  const parts: string[] = []
  if (typeof fields.operation === 'string') parts.push(fields.operation)
  if (typeof fields.query === 'string') parts.push(JSON.stringify(fields.query))
  if (Array.isArray(fields.tags)) parts.push(fields.tags.map((tag) => `#${String(tag)}`).join(' '))
  if (typeof fields.path === 'string') parts.push(fields.path)
  if (typeof fields.new_path === 'string') parts.push(`→ ${fields.new_path}`)
  if (Array.isArray(fields.items)) parts.push(`(${fields.items.length} items)`)
  if (fields.dry_run === true) parts.push('(dry run)')
  const summary = parts.join(' ')
  return summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary
}
