/**
 * The text edits behind obsidian_manage_notes, pure: each takes the note's current text (no BOM,
 * its own line endings) and returns the new text. New fragments are written with `\n` and get the
 * file's line-ending style here, so every byte outside the edit stays as it was.
 */
import { InvalidInputError } from '../errors.ts'
import { applyTextStyle, locateFrontmatter, parseFrontmatter } from '../vault/index.ts'

export interface TextStyle {
  eol: '\n' | '\r\n'
}

/** `text` ending in exactly one line break (none when it is empty). */
export function withOneTrailingNewline(text: string): string {
  const trimmed = text.replace(/(?:\r?\n)+$/, '')
  return trimmed === '' ? '' : `${trimmed}\n`
}

/** `text` ending in at least one line break (unchanged when it already does or is empty). */
function endWithNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`
}

function isEmptyYaml(raw: string): boolean {
  const yaml = raw.trim()
  return yaml === '' || yaml === '{}'
}

/**
 * `update`: the new body. Content starting with a frontmatter block replaces the old block (an
 * empty block removes it, so none is ever written); otherwise the old block is kept byte for byte.
 */
export function replaceBody(text: string, content: string, style: TextStyle): string {
  const given = locateFrontmatter(content)
  if (given !== null) {
    const parsed = parseFrontmatter(content)
    if (parsed.error !== undefined) {
      throw new InvalidInputError(
        `The frontmatter at the start of content is not valid: ${parsed.error}. Fix the YAML, or leave the frontmatter out of content to keep the note's own.`,
      )
    }
    const body = withOneTrailingNewline(content.slice(given.bodyStart))
    const block = isEmptyYaml(parsed.raw) ? '' : content.slice(0, given.bodyStart)
    return applyTextStyle(endWithNewline(block) + body, style)
  }
  const kept = locateFrontmatter(text)
  const head = kept === null ? '' : text.slice(0, kept.bodyStart)
  // A closing `---` at the very end of the file has no line break after it: add the file's own.
  const separator = head !== '' && !head.endsWith('\n') && content !== '' ? style.eol : ''
  return head + separator + applyTextStyle(withOneTrailingNewline(content), style)
}

/** `append`: `content` on a new line at the end, itself ending with a line break. */
export function appendText(text: string, content: string, style: TextStyle): string {
  const separator = text === '' || text.endsWith('\n') ? '' : style.eol
  return text + separator + applyTextStyle(endWithNewline(content), style)
}

/** `prepend`: `content` just after the frontmatter block, or at the top. */
export function prependText(text: string, content: string, style: TextStyle): string {
  const block = locateFrontmatter(text)
  const at = block === null ? 0 : block.bodyStart
  const head = text.slice(0, at)
  const separator = head !== '' && !head.endsWith('\n') ? style.eol : ''
  return head + separator + applyTextStyle(endWithNewline(content), style) + text.slice(at)
}

/** Every start offset of `needle` in `text`, overlapping ones included. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = []
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at)
  return found
}

/**
 * `replace`: swaps the only occurrence of `oldText` for `newText`. Both are first given the file's
 * line endings; when that form is absent, the text as written is tried (a note with mixed endings).
 * Throws InvalidInputError when `oldText` occurs zero or several times.
 */
export function replaceOnce(
  text: string,
  oldText: string,
  newText: string,
  style: TextStyle,
  notePath: string,
): string {
  const forms = [...new Set([applyTextStyle(oldText, style), oldText])]
  for (const form of forms) {
    const found = occurrences(text, form)
    if (found.length === 0) continue
    if (found.length > 1) {
      throw new InvalidInputError(
        `old_text found ${found.length} times in ${notePath}; give more context (the surrounding words or lines) so it matches exactly once. Nothing was written.`,
      )
    }
    const at = found[0] as number
    const replacement = form === oldText ? newText : applyTextStyle(newText, style)
    return text.slice(0, at) + replacement + text.slice(at + form.length)
  }
  throw new InvalidInputError(
    `old_text not found in ${notePath}. Nothing was written. Read the note (operation='read') and copy the exact text, spaces and line breaks included.`,
  )
}
