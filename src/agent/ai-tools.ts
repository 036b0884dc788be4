/**
 * Adapts Jasque's tool definitions to the AI SDK. Validation is left to `executeTool` (the SDK is
 * given the JSON schema only), so a bad call reaches the model as a result telling it what to fix
 * instead of an SDK error.
 */
import { asSchema, jsonSchema, type ToolSet, tool, zodSchema } from 'ai'
import type { ChangeSource, ToolDefinition, ToolDependencies, ToolRunOutput } from '../tools/index.ts'
import { executeTool } from '../tools/index.ts'
import { describeToolCall, type TracedToolCall } from './traced-tool-call.ts'

export interface FinishedToolCall {
  toolName: string
  input: unknown
  output: ToolRunOutput
  durationMs: number
}

export interface ToAiToolsOptions {
  source: ChangeSource
  /** The vault and journal the tools run on. */
  dependencies: ToolDependencies
  /** The run's signal, used when the SDK gives the call none. */
  signal: AbortSignal
  onFinished(toolCallId: string, call: FinishedToolCall): void
  /** Called inside the tool call's tracing context, for annotating its span. */
  onToolCall?(call: TracedToolCall): void
  /** Tool calls still running (an aborted run waits for them before it is recorded). */
  running?: Set<Promise<unknown>>
}

type ConvertedSchema = ReturnType<typeof asSchema>

// The SDK converts a zod schema to JSON Schema once per schema object; keeping that object per
// definition converts each tool once, not on every run (it was a few percent of a turn's CPU).
const schemasByDefinition = new WeakMap<ToolDefinition, ConvertedSchema>()

function getSchema(definition: ToolDefinition): ConvertedSchema {
  let schema = schemasByDefinition.get(definition)
  if (schema === undefined) {
    schema = asSchema(zodSchema(definition.input))
    schemasByDefinition.set(definition, schema)
  }
  return schema
}

/** One AI SDK tool per definition, each running through `executeTool`. */
export function toAiTools(definitions: readonly ToolDefinition[], options: ToAiToolsOptions): ToolSet {
  const entries = definitions.map((definition) => {
    const schema = getSchema(definition)
    const aiTool = tool({
      description: definition.description,
      inputSchema: jsonSchema<unknown>(() => schema.jsonSchema),
      execute: async (input: unknown, { toolCallId, abortSignal }) => {
        const startedAt = performance.now()
        const call = executeTool(definition, input, {
          ...options.dependencies,
          signal: abortSignal ?? options.signal,
          source: options.source,
        })
        options.running?.add(call)
        const output = await call.finally(() => options.running?.delete(call))
        const durationMs = Math.round(performance.now() - startedAt)
        options.onToolCall?.(describeToolCall(input, output.result, output.effects))
        options.onFinished(toolCallId, { toolName: definition.name, input, output, durationMs })
        return output.result
      },
    })
    return [definition.name, aiTool] as const
  })
  return Object.fromEntries(entries)
}
