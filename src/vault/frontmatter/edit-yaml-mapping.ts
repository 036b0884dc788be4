import { isDeepStrictEqual } from 'node:util'
import { type CST, type Document, isMap, isNode, isScalar, type Pair, parseDocument } from 'yaml'
import { InvalidInputError } from '../../errors.ts'
import { readYamlMapping, rewriteYamlMapping } from './rewrite-yaml-mapping.ts'
import { DEFAULT_YAML_STYLE, detectYamlStyle, stringifyYamlPair } from './yaml-style.ts'

/** The text of one top-level `key: value` entry, whole lines, in the raw YAML. */
interface PairSpan {
  start: number
  colonEnd: number
  end: number
  comment: string
}

interface Edit {
  start: number
  end: number
  text: string
}

const FILLER = new Set(['comment', 'newline', 'space'])

/**
 * Sets and deletes (null or undefined) keys of a YAML mapping, rewriting only the lines of the keys
 * that change so every other byte stays as written. Throws InvalidInputError when the YAML is invalid
 * or not a mapping, or when the change would alter other keys.
 */
export function editYamlMapping(raw: string, properties: Record<string, unknown>, newline: string): string {
  const document = parseDocument(raw, { keepSourceTokens: true })
  const current = readYamlMapping(document)
  const expected = applyToData(current, properties)
  if (isDeepStrictEqual(current, expected)) return raw
  const edits = planEdits(document, raw, properties, current, expected)
  // Every result must read back as exactly the expected data: a line edit can change more than asked
  // (an alias to an anchor on a replaced value), and then the whole block is re-serialised instead.
  if (edits !== null) {
    const yaml = applyEdits(raw, edits, newline)
    if (isDeepStrictEqual(readBack(yaml), expected)) return yaml
  }
  const yaml = rewriteYamlMapping(raw, properties, newline)
  if (isDeepStrictEqual(readBack(yaml), expected)) return yaml
  throw new InvalidInputError(
    "The note's frontmatter cannot be updated without changing other keys (an alias refers to a replaced value); edit the note's text instead",
  )
}

/** The mapping's data once the properties are applied, each value as it reads back from YAML. */
function applyToData(
  current: Record<string, unknown>,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const expected = { ...current }
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined) delete expected[key]
    else expected[key] = readBack(stringifyYamlPair('x', value, DEFAULT_YAML_STYLE))?.x
  }
  return expected
}

/** Edits on the raw text, or null when the block is not a plain block mapping at column 0. */
function planEdits(
  document: Document,
  raw: string,
  properties: Record<string, unknown>,
  current: Record<string, unknown>,
  expected: Record<string, unknown>,
): Edit[] | null {
  const contents = document.contents
  if (contents !== null && !(isMap(contents) && contents.srcToken?.type === 'block-map')) return null
  const pairs: Pair[] = contents === null ? [] : contents.items
  const spans: PairSpan[] = []
  for (const pair of pairs) {
    const span = locatePair(pair, raw)
    if (span === null) return null
    spans.push(span)
  }
  const style = detectYamlStyle(pairs, raw)
  const edits: Edit[] = []
  let added = ''
  for (const [key, value] of Object.entries(properties)) {
    const matching = spans.filter((_, i) => {
      const pairKey = pairs[i]?.key
      return isScalar(pairKey) && String(pairKey.value) === key
    })
    const isDeleted = value === null || value === undefined
    if (!isDeleted && Object.hasOwn(current, key) && isDeepStrictEqual(current[key], expected[key])) continue
    // Keys that read as the same string (`1` and `"1"`) all give way to the one value.
    for (const span of isDeleted ? matching : matching.slice(1))
      edits.push({ start: span.start, end: span.end, text: '' })
    if (isDeleted) continue
    const first = matching[0]
    if (first === undefined) {
      added += stringifyYamlPair(key, value, style)
      continue
    }
    const valueText = stringifyYamlPair('x', value, style).slice('x:'.length)
    edits.push({ start: first.colonEnd, end: first.end, text: withComment(valueText, first.comment) })
  }
  if (added !== '') {
    const at = spans.at(-1)?.end ?? raw.length
    edits.push({ start: at, end: at, text: added })
  }
  return edits
}

function locatePair(pair: Pair, raw: string): PairSpan | null {
  const item = pair.srcToken
  if (item === undefined) return null
  const head = [...item.start, item.key, ...(item.sep ?? [])].find(
    (token) => token && !FILLER.has(token.type),
  )
  const colonIndex = item.sep?.findIndex((token) => token.type === 'map-value-ind') ?? -1
  const colon = item.sep?.[colonIndex]
  if (head === undefined || head === null || colon === undefined) return null
  const start = raw.lastIndexOf('\n', head.offset - 1) + 1
  // Only a mapping whose keys start their lines can be edited line by line.
  if (start !== head.offset) return null
  const colonEnd = colon.offset + 1
  const valueEnd = Math.max(colonEnd, endOf(pair.key), endOf(pair.value))
  const end = lineEndAfter(raw, valueEnd)
  // A comment on the key's line (`key: # note`, `key: | # note`) outlives the value it followed.
  const colonLineEnd = lineEndAfter(raw, colonEnd)
  const headerTokens = [
    ...(item.sep?.slice(colonIndex) ?? []),
    ...(item.value?.type === 'block-scalar' ? item.value.props : []),
  ]
  const keyLineComment = headerTokens.find(
    (token): token is CST.SourceToken => token.type === 'comment' && token.offset < colonLineEnd,
  )?.source
  const trailing = raw.slice(valueEnd, end).trim()
  const comment = keyLineComment?.trim() ?? (trailing.startsWith('#') ? trailing : '')
  return { start, colonEnd, end, comment }
}

function endOf(node: unknown): number {
  return isNode(node) ? (node.range?.[1] ?? 0) : 0
}

function lineEndAfter(raw: string, offset: number): number {
  if (offset > 0 && raw[offset - 1] === '\n') return offset
  const newline = raw.indexOf('\n', offset)
  return newline === -1 ? raw.length : newline + 1
}

/** Puts the kept comment at the end of the new value's first line (after a block scalar's header). */
function withComment(valueText: string, comment: string): string {
  if (comment === '') return valueText
  const firstBreak = valueText.indexOf('\n')
  return `${valueText.slice(0, firstBreak)} ${comment}${valueText.slice(firstBreak)}`
}

function applyEdits(raw: string, edits: Edit[], newline: string): string {
  let yaml = raw
  for (const { start, end, text } of edits.toSorted((a, b) => b.start - a.start)) {
    yaml = yaml.slice(0, start) + text.replaceAll('\n', newline) + yaml.slice(end)
  }
  return yaml
}

function readBack(yaml: string): Record<string, unknown> | undefined {
  const document = parseDocument(yaml)
  if (document.errors.length > 0) return undefined
  try {
    return readYamlMapping(document)
  } catch {
    return undefined
  }
}
