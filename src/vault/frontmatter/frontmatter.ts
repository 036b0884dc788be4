import { parseDocument } from 'yaml'
import type { FrontmatterBlock } from '../parse/types.ts'
import { editYamlMapping } from './edit-yaml-mapping.ts'
import { parseSimpleYaml } from './simple-yaml.ts'

/** Where a frontmatter block sits in a note's text. */
export interface FrontmatterLocation {
  /** Offset of the opening `---` (1 when the text starts with a BOM). */
  start: number
  /** Offset of the first YAML character, just past the opening line. */
  rawStart: number
  /** Offset of the closing `---` line. */
  rawEnd: number
  /** Offset just past the closing delimiter line. */
  bodyStart: number
}

const OPENING = /---[ \t]*\r?\n/y
const CLOSING = /^---[ \t]*(?:\r?\n|$)/gm
const NO_FRONTMATTER: FrontmatterBlock = Object.freeze({ data: null, raw: '', bodyStart: 0, present: false })

/** Finds the `---` block at the very top of a note (after an optional BOM); null when there is none. */
export function locateFrontmatter(text: string): FrontmatterLocation | null {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  // Obsidian: frontmatter is only recognised when the first line is `---` and a closing `---` follows.
  OPENING.lastIndex = start
  const opening = OPENING.exec(text)
  if (opening === null) return null
  const rawStart = start + opening[0].length
  CLOSING.lastIndex = rawStart
  const closing = CLOSING.exec(text)
  if (closing === null) return null
  return { start, rawStart, rawEnd: closing.index, bodyStart: closing.index + closing[0].length }
}

/** Reads the frontmatter block: the YAML mapping, or an error with its line in the note. */
export function parseFrontmatter(text: string): FrontmatterBlock {
  const location = locateFrontmatter(text)
  if (location === null) return { ...NO_FRONTMATTER }
  const raw = text.slice(location.rawStart, location.rawEnd)
  const block = { raw, bodyStart: location.bodyStart, present: true }
  const simple = parseSimpleYaml(raw)
  if (simple !== undefined) return { data: simple, ...block }
  const document = parseDocument(raw)
  const firstError = document.errors[0]
  if (firstError !== undefined) {
    // yaml places errors found at the end of input on the line after it; point at the last YAML line.
    const lastLine = raw.replace(/\r?\n$/, '').split('\n').length
    const yamlLine = Math.min(firstError.linePos?.[0].line ?? 1, lastLine)
    const line = yamlLine + lineOf(text, location.rawStart) - 1
    const reason = firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    return { data: null, error: `Invalid YAML in frontmatter at line ${line}: ${reason}`, ...block }
  }
  let value: unknown
  try {
    value = document.toJS()
  } catch (error) {
    return { data: null, error: `Invalid YAML in frontmatter: ${(error as Error).message}`, ...block }
  }
  if (value === null || value === undefined) return { data: {}, ...block }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { data: null, error: 'Frontmatter is not a YAML mapping of properties', ...block }
  }
  return { data: value as Record<string, unknown>, ...block }
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * Sets and deletes frontmatter properties (a null or undefined value deletes the key), rewriting only
 * the lines of the changed keys: other keys, comments, the BOM and the line endings stay byte for byte.
 * Creates the block when missing and drops it once nothing is left in it. Returns the new note text.
 * Throws InvalidInputError when the existing frontmatter is not a valid YAML mapping.
 */
export function updateFrontmatter(text: string, properties: Record<string, unknown>): string {
  if (Object.keys(properties).length === 0) return text
  const location = locateFrontmatter(text)
  const newline = /\r\n/.test(text.slice(0, location?.bodyStart ?? 4096)) ? '\r\n' : '\n'
  const raw = location === null ? '' : text.slice(location.rawStart, location.rawEnd)
  const yaml = editYamlMapping(raw, properties, newline)
  if (yaml === raw) return text
  if (location !== null) {
    if (yaml.trim() === '') return text.slice(0, location.start) + text.slice(location.bodyStart)
    return text.slice(0, location.rawStart) + yaml + text.slice(location.rawEnd)
  }
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
  return `${text.slice(0, bom)}---${newline}${yaml}---${newline}${text.slice(bom)}`
}
