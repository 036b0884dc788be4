import type { NoteLink } from '../parse/types.ts'

// Characters that would end or change a Markdown link destination, and `%` so decoding is exact.
const UNSAFE_IN_PATH = /[%\s()<>#|\\]/g
const UNSAFE_IN_SUBPATH = /[%\s()<>|\\]/g

function percentEncode(character: string): string {
  return encodeURIComponent(character).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/**
 * The source text for `link` pointing at `newTarget` instead (the path text, extension chosen by
 * the caller). Keeps the link kind, the embed `!`, the subpath, the alias or link text, a table's
 * escaped `\|`, angle brackets and a Markdown title; Markdown destinations are URL-encoded.
 */
export function renderLink(link: NoteLink, newTarget: string): string {
  const bang = link.embed ? '!' : ''
  if (link.kind === 'wikilink') {
    const subpath = link.subpath === undefined ? '' : `#${link.subpath}`
    const alias = link.alias === undefined ? '' : `${link.escapedPipe ? '\\|' : '|'}${link.alias}`
    return `${bang}[[${newTarget}${subpath}${alias}]]`
  }
  const title = link.title ?? ''
  const text = link.alias ?? ''
  if (link.angleBrackets && !/[<>\r\n]/.test(newTarget + (link.subpath ?? ''))) {
    const subpath = link.subpath === undefined ? '' : `#${link.subpath}`
    return `${bang}[${text}](<${newTarget}${subpath}>${title})`
  }
  // Obsidian: destinations are URL-encoded (a space becomes %20); other characters stay as typed.
  const path = newTarget.replace(UNSAFE_IN_PATH, percentEncode)
  const subpath =
    link.subpath === undefined ? '' : `#${link.subpath.replace(UNSAFE_IN_SUBPATH, percentEncode)}`
  return `${bang}[${text}](${path}${subpath}${title})`
}
