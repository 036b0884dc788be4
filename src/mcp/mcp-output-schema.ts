/**
 * The output schema an MCP client sees for a tool: its result schema cut to the top-level fields
 * (nested objects shown as plain objects, lists without their items, no descriptions, other fields
 * not ruled out), which keeps `tools/list`
 * small. It stays true: the SDK checks each result against the tool's full zod schema.
 */
import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server'
import type { z } from 'zod'

type JsonSchema = Record<string, unknown>

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'null'])

function shallowProperty(property: JsonSchema): JsonSchema {
  const { type } = property
  if (type === 'array') return { type: 'array' }
  if (typeof type === 'string' && PRIMITIVES.has(type))
    return property.enum === undefined ? { type } : { type, enum: property.enum }
  return { type: 'object' }
}

/** The top-level fields of an object schema with their types; `$schema`, descriptions and list items left out. */
export function toShallowJsonSchema(schema: JsonSchema): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, value]) => [name, shallowProperty(value)]),
    ),
    ...(schema.required === undefined ? {} : { required: schema.required }),
  }
}

/** A Standard Schema that validates with `output` and advertises its shallow JSON Schema. */
export function toAdvertisedOutput(output: z.ZodType): StandardSchemaWithJSON {
  const full = output['~standard']
  const shallow = (options: { target: string }) =>
    toShallowJsonSchema(full.jsonSchema.output(options as Parameters<typeof full.jsonSchema.output>[0]))
  return {
    '~standard': {
      version: 1,
      vendor: 'jasque',
      validate: full.validate,
      jsonSchema: { input: shallow, output: shallow },
    },
  } as StandardSchemaWithJSON
}
