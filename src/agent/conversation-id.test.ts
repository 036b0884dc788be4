import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createConversationId } from './conversation-id.ts'

test('the same first message and client give the same conversation id', () => {
  const id = createConversationId('Plan my week', 'obsidian-copilot')

  assert.match(id, /^conv_[0-9a-f]{24}$/)
  assert.equal(createConversationId('  Plan my week\n', 'obsidian-copilot'), id)
})

test('another client or another first message gives another id', () => {
  const id = createConversationId('Plan my week', 'obsidian-copilot')

  assert.notEqual(createConversationId('Plan my week', 'curl'), id)
  assert.notEqual(createConversationId('Plan my month', 'obsidian-copilot'), id)
})
