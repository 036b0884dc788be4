import { createLineLocator, type LineLocator } from './line-locator.ts'
import type { NoteLink } from './types.ts'

const WIKILINK = /\[\[([^[\]\r\n]+)\]\]/g
// [text](dest "title"): dest either <…> or without spaces, with balanced parentheses one deep.
// Candidates are found by their `](` (rare) and then read from the `[` before it.
const LINK_MIDDLE = /\]\(/g
const MARKDOWN_LINK =
  /\[([^[\]\r\n]*)\]\((?:[ \t]*<([^<>\r\n]*)>|[ \t]*((?:[^\s()<>]|\([^\s()<>]*\))+))([ \t]+(?:"[^"\r\n]*"|'[^'\r\n]*'|\([^()\r\n]*\)))?[ \t]*\)/y
const URL_SCHEME = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i

/**
 * Every wikilink, embed and Markdown link to a vault path in `text`, in order. `text` must have
 * code blanked out (see maskCode); wikilinks are also read in the frontmatter, which ends at
 * `bodyStart`. External URLs (`https:`, `mailto:`, `obsidian:` …) are not links.
 */
export function extractLinks(
  text: string,
  bodyStart = 0,
  lineAt: LineLocator = createLineLocator(text),
): NoteLink[] {
  const links: NoteLink[] = []
  WIKILINK.lastIndex = 0
  let match: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((match = WIKILINK.exec(text)) !== null) {
    const link = readWikilink(match, isEmbed(text, match.index), match.index < bodyStart)
    if (link !== null) links.push(link)
  }
  const wikilinkCount = links.length
  LINK_MIDDLE.lastIndex = bodyStart
  let middle: RegExpExecArray | null
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((middle = LINK_MIDDLE.exec(text)) !== null) {
    const open = findLinkOpen(text, middle.index, bodyStart)
    if (open === -1) continue
    MARKDOWN_LINK.lastIndex = open
    match = MARKDOWN_LINK.exec(text)
    if (match === null) continue
    LINK_MIDDLE.lastIndex = open + match[0].length
    const embed = isEmbed(text, match.index)
    // An escaped `\[` is literal text, not a link.
    if (!embed && match.index > 0 && text.charCodeAt(match.index - 1) === 92) continue
    const link = readMarkdownLink(match, embed)
    if (link !== null) links.push(link)
  }
  if (wikilinkCount > 0 && links.length > wikilinkCount) links.sort((a, b) => a.range.start - b.range.start)
  for (const link of links) link.line = lineAt(link.range.start)
  return links
}

/** The `[` that starts the link text ending at `close`; the text holds no brackets or newlines. */
function findLinkOpen(text: string, close: number, floor: number): number {
  for (let i = close - 1; i >= floor; i--) {
    const code = text.charCodeAt(i)
    if (code === 91) return i
    if (code === 93 || code === 10 || code === 13) return -1
  }
  return -1
}

function isEmbed(text: string, offset: number): boolean {
  return offset > 0 && text.charCodeAt(offset - 1) === 33
}

function readWikilink(match: RegExpExecArray, embed: boolean, inFrontmatter: boolean): NoteLink | null {
  const inner = match[1]!
  // Obsidian: `[[## text]]` and `[[^^ text]]` are editor search shortcuts, not links.
  if (inner.startsWith('##') || inner.startsWith('^^')) return null
  const pipe = inner.indexOf('|')
  const escapedPipe = pipe > 0 && inner.charCodeAt(pipe - 1) === 92
  const path = pipe === -1 ? inner : inner.slice(0, escapedPipe ? pipe - 1 : pipe)
  const hash = path.indexOf('#')
  const target = (hash === -1 ? path : path.slice(0, hash)).trim()
  const subpath = hash === -1 ? undefined : path.slice(hash + 1).trim()
  if (target === '' && !subpath) return null
  const link: NoteLink = {
    kind: 'wikilink',
    embed,
    target,
    line: 0,
    range: { start: embed ? match.index - 1 : match.index, end: match.index + match[0].length },
  }
  if (subpath !== undefined) link.subpath = subpath
  if (pipe !== -1) link.alias = inner.slice(pipe + 1)
  if (escapedPipe) link.escapedPipe = true
  if (inFrontmatter) link.inFrontmatter = true
  return link
}

function readMarkdownLink(match: RegExpExecArray, embed: boolean): NoteLink | null {
  const angled = match[2]
  const destination = angled ?? match[3]!
  if (destination === '' || URL_SCHEME.test(destination)) return null
  const hash = destination.indexOf('#')
  const target = decode(hash === -1 ? destination : destination.slice(0, hash))
  const link: NoteLink = {
    kind: 'markdown',
    embed,
    target,
    line: 0,
    range: { start: embed ? match.index - 1 : match.index, end: match.index + match[0].length },
  }
  if (hash !== -1) link.subpath = decode(destination.slice(hash + 1))
  if (target === '' && !link.subpath) return null
  const text = match[1]!
  if (text !== '') link.alias = text
  if (angled !== undefined) link.angleBrackets = true
  if (match[4] !== undefined) link.title = match[4]
  return link
}

function decode(value: string): string {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
