/**
 * Every operation of every vault tool, successes and failures, checked against the tool's output
 * schema: a field the schema does not list, or a value of another type, fails the test.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { vaultTools } from '../../src/tools/index.ts'
import { tmpVault } from '../helpers/tmp-vault.ts'
import { CALLS, FILES } from '../helpers/tool-calls.ts'

const operationsOf = (input: z.ZodType) =>
  (z.toJSONSchema(input, { io: 'input' }) as unknown as { properties: { operation: { enum: string[] } } })
    .properties.operation.enum

test('the calls below cover every operation of every tool', () => {
  for (const tool of vaultTools) {
    const called = new Set(CALLS.filter(([name]) => name === tool.name).map(([, input]) => input.operation))
    assert.deepEqual(
      operationsOf(tool.input).filter((operation) => !called.has(operation)),
      [],
      `${tool.name} operations without a call`,
    )
  }
})

test('every result, success or failure, matches its tool output schema exactly', async () => {
  await using vault = await tmpVault(FILES)
  const outcomes = new Set<string>()
  for (const [name, input] of CALLS) {
    const tool = vaultTools.find((candidate) => candidate.name === name)
    assert.ok(tool, name)
    // As a client receives it: JSON, without undefined fields.
    const result = JSON.parse(JSON.stringify(await vault.call(name, input)))
    outcomes.add(`${name} ${String(result.success)}`)
    const parsed = tool.output.safeParse(result)
    assert.ok(parsed.success, `${name} ${JSON.stringify(input)}: ${parsed.error?.message}`)
    // The schemas are plain objects: a field they do not list is dropped by the parse.
    assert.deepEqual(
      parsed.data,
      result,
      `${name} ${JSON.stringify(input)} returned a field not in the schema`,
    )
  }
  for (const tool of vaultTools) {
    assert.ok(outcomes.has(`${tool.name} true`), `${tool.name} succeeded at least once`)
    assert.ok(outcomes.has(`${tool.name} false`), `${tool.name} failed at least once`)
  }
})
