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

/** A Standard Schema that advertises `input`'s JSON Schema and accepts any value unchanged. */
export function toAdvertisedSchema(input: z.ZodType): StandardSchemaWithJSON {
  return {
    '~standard': {
      version: 1,
      vendor: 'jasque',
      // Validation happens in executeTool, which turns a bad call into a readable tool result.
      validate: (value: unknown) => ({ value }),
      jsonSchema: input['~standard'].jsonSchema,
    },
  }
}
