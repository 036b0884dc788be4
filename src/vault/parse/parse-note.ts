import { parseFrontmatter } from '../frontmatter/frontmatter.ts'
import { extractBlockIds, extractHeadings } from './headings.ts'
import { createLineLocator } from './line-locator.ts'
import { extractLinks } from './links.ts'
import { maskCode } from './markdown-mask.ts'
import { extractFrontmatterTags, extractInlineTags, uniqueTags } from './tags.ts'
import { extractTasks } from './tasks.ts'
import type { ParsedNote } from './types.ts'

/** What the index keeps of a parse: everything but headings and block ids (read from disk when needed). */
export type IndexParse = Omit<ParsedNote, 'headings' | 'blockIds'>

/** Reads everything Jasque indexes from one note's text; `path` is vault-relative, for the title. */
export function parseNote(text: string, path: string): ParsedNote {
  const { masked, bodyStart, lineAt, ...parsed } = parseForIndex(text, path)
  return {
    ...parsed,
    headings: extractHeadings(masked, bodyStart, lineAt),
    blockIds: extractBlockIds(masked, bodyStart),
  }
}

/** parseNote without headings and block ids: the index build's parse (two passes fewer). */
export function parseNoteForIndex(text: string, path: string): IndexParse {
  const { masked: _masked, bodyStart: _bodyStart, lineAt: _lineAt, ...parsed } = parseForIndex(text, path)
  return parsed
}

function parseForIndex(text: string, path: string) {
  const frontmatter = parseFrontmatter(text)
  const { bodyStart } = frontmatter
  const masked = maskCode(text, bodyStart).text
  const lineAt = createLineLocator(text)
  const data = frontmatter.data
  const links = extractLinks(masked, bodyStart, lineAt)
  // Link text and destinations are not prose: a `#` in them is not a tag.
  const linkRanges = links.map((link) => link.range)
  return {
    masked,
    bodyStart,
    lineAt,
    frontmatter,
    title: readTitle(data, path),
    aliases: readAliases(data),
    tags: uniqueTags([...extractFrontmatterTags(data), ...extractInlineTags(masked, bodyStart, linkRanges)]),
    links,
    tasks: extractTasks(masked, bodyStart, lineAt),
  }
}

/** A note's title when its frontmatter gives none: its file name without `.md`. */
export function titleFromPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name.toLowerCase().endsWith('.md') ? name.slice(0, -3) : name
}

function readTitle(data: Record<string, unknown> | null, path: string): string {
  const title = data?.title
  if (typeof title === 'string' && title.trim() !== '') return title
  return titleFromPath(path)
}

function readAliases(data: Record<string, unknown> | null): string[] {
  if (data === null) return []
  const aliases: string[] = []
  for (const key of ['aliases', 'alias']) {
    const value = data[key]
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number') continue
      const alias = String(item).trim()
      if (alias !== '' && !aliases.includes(alias)) aliases.push(alias)
    }
  }
  return aliases
}
