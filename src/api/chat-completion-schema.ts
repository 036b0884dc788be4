/**
 * The zod schema of an OpenAI Chat Completions request body. Deliberately loose: it accepts
 * everything OpenAI accepts (unknown fields kept and ignored) and only rejects wrong types; the
 * conversation rules with the spec's messages live in `openai-messages.ts`.
 */
import { z } from 'zod'

const contentPartSchema = z
  .looseObject({
    type: z
      .string()
      .describe(
        '`text` and `image_url` (a data URL, read from the last user message) are read; other part types are ignored',
      ),
    text: z.string().optional(),
  })
  .describe('One content part')

export const messageContentSchema = z
  .union([z.string(), z.array(contentPartSchema), z.null()])
  .optional()
  .describe('A string, an array of content parts, or null')

const toolCallSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z
    .looseObject({
      name: z.string().optional(),
      arguments: z.unknown().optional().describe('JSON text of the call arguments'),
    })
    .optional(),
})

export const chatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: messageContentSchema,
  name: z.string().optional(),
  tool_calls: z.array(toolCallSchema).nullable().optional(),
  tool_call_id: z.string().optional(),
})

export const chatCompletionBodySchema = z
  .looseObject({
    model: z.string().optional().describe('Any value; the answer always comes from `jasque`'),
    messages: z.array(chatMessageSchema).describe('The conversation; the last `user` message is the prompt'),
    stream: z.boolean().nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    max_tokens: z.number().int().min(1).nullable().optional(),
    max_completion_tokens: z.number().int().min(1).nullable().optional(),
    reasoning_effort: z
      .string()
      .nullable()
      .optional()
      .describe('Accepted and ignored: the model is configured on the server'),
    stop: z.union([z.string(), z.array(z.string()), z.null()]).optional(),
    tools: z.array(z.unknown()).nullable().optional().describe('Ignored: Jasque uses its own vault tools'),
    user: z.string().optional(),
  })
  .describe('An OpenAI Chat Completions request')

export type ChatCompletionBody = z.infer<typeof chatCompletionBodySchema>
export type ChatMessage = z.infer<typeof chatMessageSchema>

const usageSchema = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
})

export const chatCompletionResponseSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number(),
      message: z.object({ role: z.literal('assistant'), content: z.string() }),
      finish_reason: z.enum(['stop', 'length']),
    }),
  ),
  usage: usageSchema,
})

export const errorResponseSchema = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      param: z.string().nullable(),
      code: z.string().nullable(),
    }),
  })
  .describe("OpenAI's error shape")
