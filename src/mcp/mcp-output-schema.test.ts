import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { toAdvertisedOutput } from './mcp-output-schema.ts'

const output = z.object({
  success: z.boolean().describe('Whether it worked.'),
  count: z.number().int().optional(),
  mode: z.enum(['a', 'b']).optional(),
  results: z.array(z.object({ path: z.string(), size: z.number() })).optional(),
  names: z.array(z.string()).optional(),
  tree: z.object({ name: z.string() }).optional(),
})

test('the advertised output keeps top-level fields and types, nested shapes as plain objects, lists without items', () => {
  const json = toAdvertisedOutput(output)['~standard'].jsonSchema.output({ target: 'draft-2020-12' })
  assert.deepEqual(json, {
    type: 'object',
    properties: {
      success: { type: 'boolean' },
      count: { type: 'integer' },
      mode: { type: 'string', enum: ['a', 'b'] },
      results: { type: 'array' },
      names: { type: 'array' },
      tree: { type: 'object' },
    },
    required: ['success'],
  })
})

test('the advertised output validates with the full schema: a wrong nested field is refused', async () => {
  const validate = toAdvertisedOutput(output)['~standard'].validate
  const good = { success: true, results: [{ path: 'a.md', size: 1 }] }
  assert.deepEqual(await validate(good), { value: good })
  const bad = (await validate({ success: true, results: [{ path: 3, size: 1 }] })) as { issues?: unknown[] }
  assert.ok(bad.issues !== undefined && bad.issues.length > 0)
})
