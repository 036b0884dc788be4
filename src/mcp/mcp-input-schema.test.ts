import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { toAdvertisedSchema, toStrictInput } from './mcp-input-schema.ts'

const input = z.object({ operation: z.enum(['a', 'b']), limit: z.number().default(5) })

test('the strict input rejects an unknown field and keeps the defaults', () => {
  const strict = toStrictInput(input)
  const rejected = strict.safeParse({ operation: 'a', colour: 'blue' })
  assert.equal(rejected.success, false)
  assert.match(JSON.stringify(rejected.error?.issues), /colour/)
  assert.deepEqual(strict.parse({ operation: 'b' }), { operation: 'b', limit: 5 })
})

test('a schema that is not an object is kept as it is', () => {
  const text = z.string()
  assert.equal(toStrictInput(text), text)
})

test('the advertised schema passes any value through and shows additionalProperties false', async () => {
  const advertised = toAdvertisedSchema(toStrictInput(input))['~standard']
  const value = { operation: 'nope', colour: 'blue' }
  assert.deepEqual(await advertised.validate(value), { value })
  const json = advertised.jsonSchema.input({ target: 'draft-2020-12' })
  assert.equal(json.type, 'object')
  assert.equal(json.additionalProperties, false)
  assert.deepEqual(json.required, ['operation'])
})
