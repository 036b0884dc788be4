import type { SourceRange } from './types.ts'

// Obsidian: a tag ends at whitespace, ASCII punctuation other than `-` `_` `/`, or a character from
// the General Punctuation (U+2000–U+206F) or Supplemental Punctuation (U+2E00–U+2E7F) blocks.
const INLINE_TAG = /#([^\s!"#$%&'()*+,.:;<=>?@[\]\\^`{|}~\u2000-\u206f\u2e00-\u2e7f]+)/g
const TAG_NAME = /^[^\s!"#$%&'()*+,.:;<=>?@[\]\\^`{|}~\u2000-\u206f\u2e00-\u2e7f]+$/
const DIGITS = /^[0-9]+$/
const SEPARATORS = /[,\s]+/

/** True when `name` (without `#`) is a valid Obsidian tag: allowed characters, not only digits. */
export function isValidTag(name: string): boolean {
  return TAG_NAME.test(name) && !DIGITS.test(name)
}

/**
 * Inline `#tags` in `text` from offset `from`, in order, repeats included. `text` must already
 * have code blanked out (see maskCode); `skip` lists further ranges, in order, to ignore (links).
 * A tag starts a line or follows whitespace, so heading markers, URL fragments and
 * `[[Note#Heading]]` anchors are not tags.
 */
export function extractInlineTags(text: string, from = 0, skip: readonly SourceRange[] = []): string[] {
  const tags: string[] = []
  let skipIndex = 0
  INLINE_TAG.lastIndex = from
  let match: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((match = INLINE_TAG.exec(text)) !== null) {
    if (match.index > from && !isWhitespace(text.charCodeAt(match.index - 1))) continue
    while (skipIndex < skip.length && skip[skipIndex]!.end <= match.index) skipIndex++
    if (skipIndex < skip.length && skip[skipIndex]!.start <= match.index) continue
    const name = match[1]!
    if (!DIGITS.test(name)) tags.push(name)
  }
  return tags
}

function isWhitespace(code: number): boolean {
  return code === 32 ||
    code === 10 ||
    code === 9 ||
    code === 13 ||
    code === 12 ||
    code === 11 ||
    code === 0xa0
    ? true
    : code > 0x7f && /\s/.test(String.fromCharCode(code))
}

/**
 * Tags from frontmatter `tags` (and legacy `tag`): a list, a single string, or a string of tags
 * separated by commas or spaces; a leading `#` is dropped and invalid names are ignored.
 */
export function extractFrontmatterTags(data: Record<string, unknown> | null): string[] {
  if (data === null) return []
  const tags: string[] = []
  for (const key of Object.keys(data)) {
    const lower = key.toLowerCase()
    if (lower !== 'tags' && lower !== 'tag') continue
    const value = data[key]
    const items = Array.isArray(value) ? value : [value]
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number') continue
      // Obsidian: a string value may hold several tags separated by commas or spaces.
      for (const part of String(item).split(SEPARATORS)) {
        const name = part.startsWith('#') ? part.slice(1) : part
        if (isValidTag(name)) tags.push(name)
      }
    }
  }
  return tags
}

/** Unique case-insensitively, keeping the first-seen spelling and order. */
export function uniqueTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>()
  const unique: string[] = []
  for (const tag of tags) {
    const key = tag.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    unique.push(tag)
  }
  return unique
}
