import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { InvalidInputError } from '../errors.ts'
import type { ChatCompletionBody } from './chat-completion-schema.ts'
import {
  createConversationId,
  NO_USER_MESSAGE,
  readImages,
  readText,
  stripThinking,
  toAgentRequest,
} from './openai-messages.ts'

const options = { maxConversationMessages: 50, requestId: 'req-1', client: 'obsidian/1.0' }

function build(body: Partial<ChatCompletionBody> & Pick<ChatCompletionBody, 'messages'>) {
  return toAgentRequest(body as ChatCompletionBody, options)
}

describe('toAgentRequest', () => {
  test('the last user message is the prompt and the earlier turns are the history', () => {
    const request = build({
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: 'second' },
      ],
    })
    assert.equal(request.prompt, 'second')
    assert.deepEqual(request.history, [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer' },
    ])
    assert.deepEqual(request.source, {
      kind: 'chat',
      requestId: 'req-1',
      conversationId: request.conversationId,
    })
  })

  test('text parts are concatenated and image or unknown parts are ignored', () => {
    const request = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look ' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'input_audio' },
            { type: 'text', text: 'here' },
          ],
        },
      ],
    })
    assert.equal(request.prompt, 'Look here')
  })

  const rejected: Array<[string, ChatCompletionBody['messages']]> = [
    ['no messages', []],
    ['only a system message', [{ role: 'system', content: 'be brief' }]],
    ['an empty user message', [{ role: 'user', content: '   ' }]],
    ['a null user content', [{ role: 'user', content: null }]],
    ['only image parts', [{ role: 'user', content: [{ type: 'image_url' }] }]],
  ]
  for (const [name, messages] of rejected) {
    test(`a request with ${name} is rejected with the spec's message`, () => {
      assert.throws(() => build({ messages }), { status: 400, message: NO_USER_MESSAGE })
    })
  }

  test('system and developer messages become client instructions in order', () => {
    const request = build({
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use French.' }] },
        { role: 'user', content: 'hi' },
      ],
    })
    assert.deepEqual(request.clientInstructions, ['You are helpful.', 'Use French.'])
    assert.deepEqual(request.history, [])
  })

  test('tool calls and tool results are summarised into the history, not dropped', () => {
    const request = build({
      messages: [
        { role: 'user', content: 'find notes' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'obsidian_query_vault', arguments: '{"query":"x"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"success":true}' },
        { role: 'assistant', content: 'Found one.' },
        { role: 'user', content: 'thanks' },
      ],
    })
    assert.equal(request.history.length, 2)
    assert.equal(
      request.history[1]?.content,
      '[tool call obsidian_query_vault {"query":"x"}]\n\n[tool result c1: {"success":true}]\n\nFound one.',
    )
  })

  test('long tool results are capped', () => {
    const request = build({
      messages: [
        { role: 'tool', tool_call_id: 'c1', content: 'x'.repeat(10_000) },
        { role: 'user', content: 'next' },
      ],
    })
    assert.ok((request.history[0]?.content.length ?? 0) < 2200)
    assert.match(request.history[0]?.content ?? '', /more characters/)
  })

  const malformed: Array<[string, unknown]> = [
    ['invalid JSON', '{"query":'],
    ['an empty string', ''],
    ['a number instead of JSON text', 5],
    ['no arguments at all', undefined],
  ]
  for (const [name, args] of malformed) {
    test(`a tool call with ${name} as arguments names its message index`, () => {
      const messages = [
        { role: 'system', content: 's' },
        { role: 'user', content: 'a' },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 't', arguments: args } }] },
        { role: 'user', content: 'b' },
      ] as ChatCompletionBody['messages']
      assert.throws(() => build({ messages }), {
        status: 400,
        message:
          'Conversation history contains invalid data (malformed tool call at message 2). Please start a new conversation in Obsidian Copilot.',
      })
    })
  }

  test('only the newest MAX_CONVERSATION_MESSAGES earlier messages are kept', () => {
    const messages: ChatCompletionBody['messages'] = []
    for (let index = 0; index < 10; index++) {
      messages.push({ role: index % 2 === 0 ? 'user' : 'assistant', content: `m${index}` })
    }
    messages.push({ role: 'user', content: 'now' })
    const request = toAgentRequest({ messages } as ChatCompletionBody, {
      ...options,
      maxConversationMessages: 3,
    })
    assert.deepEqual(
      request.history.map((message) => message.content),
      ['m7', 'm8', 'm9'],
    )
  })

  test('sampling options are passed to the model and null values are left out', () => {
    const request = build({
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: 'END',
    })
    assert.deepEqual(request.options, {
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 200,
      stopSequences: ['END'],
    })
    const plain = build({ messages: [{ role: 'user', content: 'hi' }], temperature: null, stop: null })
    assert.equal(plain.options, undefined)
  })

  test('the conversation id depends on the first user message and the client, not later turns', () => {
    const first = build({ messages: [{ role: 'user', content: 'start' }] })
    const later = build({
      messages: [
        { role: 'user', content: 'start' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'more' },
      ],
    })
    assert.equal(first.conversationId, later.conversationId)
    assert.match(first.conversationId ?? '', /^[0-9a-f]{16}$/)
    assert.notEqual(createConversationId('start', 'other-client'), first.conversationId)
  })
})

describe('readText', () => {
  test('null, undefined and arrays without text read as empty text', () => {
    assert.equal(readText(null), '')
    assert.equal(readText(undefined), '')
    assert.equal(readText([{ type: 'image_url' }]), '')
  })
})

describe('Obsidian Copilot content', () => {
  test('stripThinking removes closed and unclosed <think> blocks', () => {
    assert.equal(stripThinking('<think>\nplan\n</think>\n\nAnswer.'), '\n\nAnswer.')
    assert.equal(stripThinking('A<think>x</think>B<think>y</think>C'), 'ABC')
    assert.equal(stripThinking('Answer.<think>cut off'), 'Answer.')
    assert.equal(stripThinking('no blocks'), 'no blocks')
  })

  test('readImages reads data URLs from image_url parts, as an object or a string', () => {
    const content = [
      { type: 'text', text: 'Look' },
      { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAEC' } },
      { type: 'image_url', image_url: 'data:image/png;base64,AwQF' },
    ]
    assert.deepEqual(readImages(content, 2), [
      { mediaType: 'image/jpeg', base64: 'AAEC' },
      { mediaType: 'image/png', base64: 'AwQF' },
    ])
  })

  test('readImages refuses an image that is not a base64 image data URL', () => {
    for (const url of ['https://example.com/a.png', 'data:text/plain;base64,AAEC', 'data:image/png,raw']) {
      assert.throws(
        () => readImages([{ type: 'image_url', image_url: { url } }], 0),
        (error: Error) =>
          error instanceof InvalidInputError && /messages\[0\]\.content\[0\]/.test(error.message),
      )
    }
  })

  test('an earlier image is mentioned in the history, the latest is passed as an image', () => {
    const request = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'first' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } },
          ],
        },
        { role: 'assistant', content: '<think>\nquery_vault: search\n</think>\n\nseen' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'second' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AQ==' } },
          ],
        },
      ],
    })
    assert.deepEqual(request.history, [
      { role: 'user', content: 'first\n[an image attached]' },
      { role: 'assistant', content: 'seen' },
    ])
    assert.deepEqual(request.images, [{ mediaType: 'image/png', base64: 'AQ==' }])
  })
})
