/**
 * The input schema an MCP client sees for a tool: the tool's zod schema made strict (an unknown
 * field is an error, not silently dropped), advertised as JSON Schema but not validated by the SDK,
 * so a bad call reaches `executeTool` and comes back with the same fix-it message the agent gets.
 */
import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server'
import { z } from 'zod'

/** The tool's input with unknown fields rejected (objects only; other schemas are kept as they are). */
export function toStrictInput(input: z.ZodType): z.ZodType {
  return input instanceof z.ZodObject ? input.strict() : input
}

/**
 * The schema without its `$schema` line (the protocol fixes the dialect) and without the
 * safe-integer bounds zod adds to every integer: noise for a model, and tokens in tools/list.
 */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema
  return withShallowLists(withoutSafeIntegerBounds(rest) as Record<string, unknown>)
}

/**
 * A list of objects whose field description names the objects' fields (bulk `items`) is shown as
 * a list of objects: the fields are told once, in words, not twice.
 */
function withShallowLists(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined
  if (properties === undefined) return schema
  const shallow = Object.entries(properties).map(([name, property]) => {
    const items = property.items as { type?: unknown } | undefined
    const isDescribedList =
      property.type === 'array' && items?.type === 'object' && property.description !== undefined
    return [name, isDescribedList ? { ...property, items: { type: 'object' } } : property]
  })
  return { ...schema, properties: Object.fromEntries(shallow) }
}

function withoutSafeIntegerBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSafeIntegerBounds)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).filter(
    ([key, item]) =>
      !(key === 'maximum' && item === Number.MAX_SAFE_INTEGER) &&
      !(key === 'minimum' && item === Number.MIN_SAFE_INTEGER),
  )
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutSafeIntegerBounds(item)]))
}

/** A Standard Schema that advertises `input`'s JSON Schema and accepts any value unchanged. */
export function toAdvertisedSchema(input: z.ZodType): StandardSchemaWithJSON {
  return {
    '~standard': {
      version: 1,
      vendor: 'jasque',
      // Validation happens in executeTool, which turns a bad call into a readable tool result.
      validate: (value: unknown) => ({ value }),
      jsonSchema: {
        input: (options) => withoutDialect(input['~standard'].jsonSchema.input(options)),
        output: (options) => withoutDialect(input['~standard'].jsonSchema.output(options)),
      },
    },
  }
}
