import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { defineTool } from '../tools/index.ts'
import { toMcpAnnotations } from './create-mcp-server.ts'

const cases = [
  {
    annotations: { readOnly: true, destructive: false },
    expected: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  {
    annotations: { readOnly: false, destructive: true },
    expected: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  },
  {
    annotations: { readOnly: false, destructive: false },
    expected: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  },
]

for (const { annotations, expected } of cases) {
  test(`a tool with ${JSON.stringify(annotations)} gets every MCP hint set explicitly`, () => {
    const tool = defineTool({
      name: 't',
      description: 'a test tool',
      input: z.object({}),
      output: z.object({ success: z.boolean() }),
      annotations,
      run: async () => ({ result: { success: true } }),
    })
    assert.deepEqual(toMcpAnnotations(tool), expected)
  })
}
