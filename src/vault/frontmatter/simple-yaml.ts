/**
 * A fast reader for the plain frontmatter most notes have (`key: scalar`, `key: [a, b]`, block
 * lists). It returns undefined for anything else so the caller falls back to the full YAML parser;
 * what it does return equals what `yaml` (YAML 1.2 core schema) would produce.
 */

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*):(?:[ ]+(.*?))?[ ]*$/
const ITEM_LINE = /^([ ]*)-(?:[ ]+(.*?))?[ ]*$/
const INT = /^(?:0|[1-9][0-9]{0,14})$/
// Anything the core schema could read as a number, null or boolean, and forms we do not handle.
const NUMBER_LIKE = /^[-+]?(?:\.|[0-9])|^0[ox]/
const SPECIAL_WORD = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/
const FLOAT_OR_INT =
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/

type Scalar = string | number | boolean | null
const FAIL = Symbol('fail')

/** Parses simple YAML into a plain object, or returns undefined when it needs the full parser. */
export function parseSimpleYaml(raw: string): Record<string, unknown> | undefined {
  if (raw.includes('\t')) return undefined
  const lines = raw.split('\n')
  const data: Record<string, unknown> = {}
  let listKey: string | undefined
  let listIndent = -1
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1)
    if (line.trim() === '') continue
    if (listKey !== undefined) {
      const item = ITEM_LINE.exec(line)
      if (item !== null) {
        const indent = item[1]!.length
        if (listIndent === -1) listIndent = indent
        else if (indent !== listIndent) return undefined
        const value = readScalar(item[2] ?? '', false)
        if (value === FAIL) return undefined
        ;(data[listKey] as Scalar[]).push(value)
        continue
      }
      if (listIndent === -1) data[listKey] = null
      listKey = undefined
    }
    const match = KEY_LINE.exec(line)
    if (match === null) return undefined
    const key = match[1]!
    // A key the core schema reads as null or a boolean (`null` is the key "", `TRUE` is "true")
    // is rare: the full parser names it and sees duplicates like `NULL` then `null`.
    if (SPECIAL_WORD.test(key)) return undefined
    if (Object.hasOwn(data, key) || key === '__proto__') return undefined
    const rest = match[2]
    if (rest === undefined || rest === '') {
      data[key] = []
      listKey = key
      listIndent = -1
      continue
    }
    const value = rest.startsWith('[') ? readFlowList(rest) : readScalar(rest, false)
    if (value === FAIL) return undefined
    data[key] = value
  }
  if (listKey !== undefined && listIndent === -1) data[listKey] = null
  return data
}

function readFlowList(text: string): Scalar[] | typeof FAIL {
  if (!text.endsWith(']')) return FAIL
  const inner = text.slice(1, -1).trim()
  if (inner === '') return []
  const items: Scalar[] = []
  for (const part of inner.split(',')) {
    const value = readScalar(part.trim(), true)
    if (value === FAIL || value === '') return FAIL
    items.push(value)
  }
  return items
}

function readScalar(text: string, inFlow: boolean): Scalar | typeof FAIL {
  if (text === '') return inFlow ? FAIL : null
  const first = text[0]
  if (first === '"') {
    if (text.length < 2 || !text.endsWith('"')) return FAIL
    const body = text.slice(1, -1)
    return body.includes('"') || body.includes('\\') ? FAIL : body
  }
  if (first === "'") {
    if (text.length < 2 || !text.endsWith("'")) return FAIL
    const body = text.slice(1, -1)
    if (body.replaceAll("''", '').includes("'")) return FAIL
    return body.replaceAll("''", "'")
  }
  if (PLAIN_START.test(text) && !NUMBER_LIKE.test(text)) return FAIL
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return FAIL
  if (inFlow && /[[\]{},:]/.test(text)) return FAIL
  if (SPECIAL_WORD.test(text)) {
    if (text[0] === '~' || text[0] === 'n' || text[0] === 'N') return null
    return text[0] === 't' || text[0] === 'T'
  }
  if (NUMBER_LIKE.test(text)) {
    if (INT.test(text)) return Number(text)
    if (FLOAT_OR_INT.test(text)) return FAIL
  }
  return text
}
