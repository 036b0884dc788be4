import type { ToolResult } from './define-tool.ts'

/** The largest tool result, in bytes of JSON, that the model receives. */
export const MAX_RESULT_BYTES = 64 * 1024

const byteLength = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8')

/**
 * Cuts a result larger than MAX_RESULT_BYTES to fit: drops trailing list items (`results`,
 * `files_changed`, `errors`), then shortens `content` and deep `structure`, and says how to narrow
 * the query. Smaller results are returned unchanged.
 */
export function capResult(result: ToolResult, maxBytes = MAX_RESULT_BYTES): ToolResult {
  if (byteLength(result) <= maxBytes) return result
  const capped: ToolResult = { ...result, truncated: true }
  for (const field of ['results', 'files_changed', 'errors'] as const) {
    const list = capped[field]
    if (!Array.isArray(list)) continue
    const kept = fitList(capped, field, list, maxBytes)
    capped[field] = kept
    if (byteLength(capped) <= maxBytes) {
      return withNote(
        capped,
        `Output cut to ${kept.length} of ${list.length} ${field}; narrow the query (path, tags, a smaller limit) to see the rest.`,
      )
    }
  }
  if (typeof capped.content === 'string') {
    const content = capped.content
    const overhead = byteLength({ ...capped, content: '' }) + 400
    const cut = cutToBytes(content, maxBytes - overhead)
    capped.content = cut
    return withNote(
      capped,
      `Content cut to ${cut.length} of ${content.length} characters; read the rest with a later page.`,
    )
  }
  return {
    success: result.success,
    ...(result.operation === undefined ? {} : { operation: result.operation }),
    truncated: true,
    message: 'The result was too large to return; narrow the query (path, depth, limit).',
  }
}

function fitList(result: ToolResult, field: string, list: unknown[], maxBytes: number): unknown[] {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (byteLength({ ...result, [field]: list.slice(0, middle) }) + 300 <= maxBytes) low = middle
    else high = middle - 1
  }
  return list.slice(0, low)
}

function cutToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return ''
  const buffer = Buffer.from(text, 'utf8')
  if (buffer.length <= maxBytes) return text
  // Cutting a UTF-8 buffer mid-character leaves a replacement char; drop it.
  return buffer
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '')
}

function withNote(result: ToolResult, note: string): ToolResult {
  const message =
    typeof result.message === 'string' && result.message !== '' ? `${result.message} ${note}` : note
  return { ...result, message }
}
