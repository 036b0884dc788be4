/**
 * `read`: a note's text exactly as on disk (frontmatter included, BOM left out), its parsed
 * frontmatter and the hash of its bytes; long notes come in pages that each fit the output cap.
 */
import { InvalidInputError } from '../errors.ts'
import { parseFrontmatter } from '../vault/index.ts'
import type { ToolContext } from './define-tool.ts'
import type { NoteOutcome } from './note-operations.ts'
import { PAGE_BYTES, readPage } from './read-pages.ts'

/** Frontmatter larger than this (as JSON) is left to `content` on paged reads. */
const MAX_PAGED_FRONTMATTER_BYTES = 4 * 1024

const jsonSize = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8')

/** Reads `notePath` from disk (never from the index) starting at character `offset`. */
export async function readNote(deps: ToolContext, notePath: string, offset: number): Promise<NoteOutcome> {
  const note = await deps.vault.writer.read(notePath)
  const text = note.text
  if (offset > 0 && offset >= text.length) {
    throw new InvalidInputError(
      `offset ${offset} is past the end of ${notePath} (${text.length} characters). Read from offset 0.`,
    )
  }
  const block = parseFrontmatter(text)
  const frontmatter = block.data !== null && Object.keys(block.data).length > 0 ? block.data : undefined
  const notes: string[] = []
  if (block.error !== undefined) notes.push(`Its frontmatter is not valid YAML (${block.error}).`)
  if (note.hasInvalidBytes)
    notes.push('Some bytes are not valid UTF-8 and show as U+FFFD; Jasque will not edit this note.')

  const page = readPage(text, offset, PAGE_BYTES)
  if (page.pageCount === 1 && offset === 0) {
    return {
      path: notePath,
      message: [`Read ${notePath}.`, ...notes].join(' '),
      fields: { content: text, frontmatter, hash: note.hash },
      changes: [],
      bytesWritten: 0,
    }
  }
  const end = page.offset + page.text.length
  const next =
    page.nextOffset === undefined
      ? 'This is the last page.'
      : `Call read again with offset=${page.nextOffset} for the next page.`
  const showFrontmatter = page.page === 1 && jsonSize(frontmatter ?? {}) <= MAX_PAGED_FRONTMATTER_BYTES
  return {
    path: notePath,
    message: [
      `${notePath} is long (${text.length} characters): page ${page.page} of ${page.pageCount}, characters ${page.offset}-${end}.`,
      next,
      'To change part of it, use operation=replace with old_text from this page.',
      ...notes,
    ].join(' '),
    fields: {
      content: page.text,
      frontmatter: showFrontmatter ? frontmatter : undefined,
      hash: note.hash,
      offset: page.offset,
      next_offset: page.nextOffset,
      page: page.page,
      page_count: page.pageCount,
      total_length: text.length,
    },
    changes: [],
    bytesWritten: 0,
  }
}
