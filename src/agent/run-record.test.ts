import assert from 'node:assert/strict'
import { test } from 'node:test'
import { redactArguments } from './run-record.ts'

test('tool arguments lose their note content but keep what was asked', () => {
  assert.deepEqual(
    redactArguments({
      operation: 'replace',
      path: 'a.md',
      old_text: 'secret',
      new_text: 'public!',
      properties: { status: 'done', owner: 'me' },
      bulk: true,
      items: [{ path: 'b.md', content: 'hello' }],
    }),
    {
      operation: 'replace',
      path: 'a.md',
      old_text: '[6 characters]',
      new_text: '[7 characters]',
      properties: ['status', 'owner'],
      bulk: true,
      items: [{ path: 'b.md', content: '[5 characters]' }],
    },
  )
  assert.equal(redactArguments('not an object'), undefined)
})
