/** The tools/list budget that `npm run bench -- --only mcp` reports, held by a test too. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { measureToolsList, TOOLS_LIST_BUDGET } from '../../bench/mcp.ts'

test('tools/list for all the tools fits in 2,000 o200k tokens', async () => {
  const { total } = await measureToolsList()
  assert.ok(total <= TOOLS_LIST_BUDGET, `tools/list is ${total} tokens`)
})
