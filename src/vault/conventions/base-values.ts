/**
 * The values a Bases expression works on, and the operators between them, as Obsidian's Bases
 * define them: strings, numbers, booleans, null, lists, objects, dates, durations, links and files.
 * Anything Jasque does not support raises BaseExpressionError naming it. Pure.
 */
import moment from 'moment'

/** An expression Jasque cannot evaluate faithfully: never a silently wrong row. */
export class BaseExpressionError extends Error {}

export interface BaseDate {
  kind: 'date'
  ms: number
  /** False for a date without a time of day (a date property, today(), date.date()). */
  hasTime: boolean
}

export interface BaseDuration {
  kind: 'duration'
  duration: moment.Duration
}

export interface BaseLink {
  kind: 'link'
  /** The vault path it resolves to, or the link text when unresolved. */
  path: string
}

/** A file row, as the file.* fields and functions see it. */
export interface BaseFileRow {
  path: string
  size: number
  mtimeMs: number
  ctimeMs: number
  tags: readonly string[]
  /** Vault paths of resolved links (link text for unresolved ones). */
  links: readonly string[]
  properties: Record<string, unknown>
}

export interface BaseFile {
  kind: 'file'
  row: BaseFileRow
}

export type BaseValue =
  | null
  | string
  | number
  | boolean
  | BaseValue[]
  | BaseDate
  | BaseDuration
  | BaseLink
  | BaseFile
  | { [key: string]: BaseValue }

const isKind = <K extends string>(value: BaseValue, kind: K): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (value as { kind?: unknown }).kind === kind

export const isDate = (value: BaseValue): value is BaseDate => isKind(value, 'date')
export const isDuration = (value: BaseValue): value is BaseDuration => isKind(value, 'duration')
export const isLink = (value: BaseValue): value is BaseLink => isKind(value, 'link')
export const isFile = (value: BaseValue): value is BaseFile => isKind(value, 'file')

export function typeName(value: BaseValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'object') return (value as { kind?: string }).kind ?? 'object'
  return typeof value
}

const UNITS: Record<string, moment.unitOfTime.DurationConstructor> = {
  y: 'years',
  year: 'years',
  years: 'years',
  M: 'months',
  month: 'months',
  months: 'months',
  d: 'days',
  day: 'days',
  days: 'days',
  w: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  h: 'hours',
  hour: 'hours',
  hours: 'hours',
  m: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
  s: 'seconds',
  second: 'seconds',
  seconds: 'seconds',
}

/** A duration string such as "1M", "2 days" or "1d 4h"; throws BaseExpressionError when it is not one. */
export function parseDuration(text: string): BaseDuration {
  const duration = moment.duration(0)
  const parts = [...text.trim().matchAll(/(-?\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*/gy)]
  const consumed = parts.reduce((length, part) => length + part[0].length, 0)
  if (parts.length === 0 || consumed !== text.trim().length) {
    throw new BaseExpressionError(`"${text}" is not a duration (use forms like "1d", "2 weeks", "3h")`)
  }
  for (const [, amount, unit] of parts) {
    // Obsidian: `M` is months and `m` minutes; the long forms are case-insensitive.
    const key = unit === 'M' || unit === 'm' ? unit : (unit ?? '').toLowerCase()
    const name = UNITS[key]
    if (name === undefined) throw new BaseExpressionError(`"${unit}" is not a duration unit in "${text}"`)
    duration.add(Number(amount), name)
  }
  return { kind: 'duration', duration }
}

const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD HH:mm:ss', moment.ISO_8601]

/** A date from a string such as "2024-05-31" or "2024-05-31 12:00:00"; null when it is not one. */
export function parseDate(text: string): BaseDate | null {
  const parsed = moment(text.trim(), DATE_FORMATS, true)
  if (!parsed.isValid()) return null
  return { kind: 'date', ms: parsed.valueOf(), hasTime: text.trim().length > 10 }
}

export function makeDate(ms: number, hasTime: boolean): BaseDate {
  return { kind: 'date', ms, hasTime }
}

/** Obsidian's truthiness: null, false, 0, "" and empty lists and objects are false. */
export function isTruthy(value: BaseValue): boolean {
  if (value === null) return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object')
    return (
      isKind(value, 'date') ||
      isKind(value, 'duration') ||
      isKind(value, 'link') ||
      isKind(value, 'file') ||
      Object.keys(value).length > 0
    )
  return Boolean(value)
}

const pathOf = (value: BaseValue): string | undefined =>
  isLink(value) ? value.path : isFile(value) ? value.row.path : undefined

/** `==`: same kind and value; a link equals a file (or link) it resolves to. */
export function valuesEqual(left: BaseValue, right: BaseValue): boolean {
  const leftPath = pathOf(left)
  const rightPath = pathOf(right)
  if (leftPath !== undefined || rightPath !== undefined) return leftPath === rightPath
  if (isDate(left) || isDate(right)) {
    const a = asDate(left)
    const b = asDate(right)
    return a !== null && b !== null && a.ms === b.ms
  }
  if (Array.isArray(left) && Array.isArray(right))
    return left.length === right.length && left.every((item, i) => valuesEqual(item, right[i] ?? null))
  if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null)
    return JSON.stringify(left) === JSON.stringify(right)
  return left === right
}

function asDate(value: BaseValue): BaseDate | null {
  if (isDate(value)) return value
  return typeof value === 'string' ? parseDate(value) : null
}

/** `<`, `>`…: numbers, strings and dates; a null or mismatched side makes the comparison false. */
export function compareForOperator(left: BaseValue, right: BaseValue): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left - right
  if (isDate(left) || isDate(right)) {
    const a = asDate(left)
    const b = asDate(right)
    return a === null || b === null ? undefined : a.ms - b.ms
  }
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0
  return undefined
}

function durationOf(value: BaseValue, operator: string): moment.Duration | undefined {
  if (isDuration(value)) return value.duration
  if (typeof value === 'string') return parseDuration(value).duration
  if (typeof value === 'number' && operator === '-') return undefined
  return undefined
}

/** `+ - * / %` with Obsidian's rules for strings, dates and durations; null in, null out. */
export function arithmetic(operator: string, left: BaseValue, right: BaseValue): BaseValue {
  if (left === null || right === null) return null
  if (isDate(left)) {
    if (operator === '-' && (isDate(right) || (typeof right === 'string' && parseDate(right) !== null))) {
      return left.ms - (asDate(right) as BaseDate).ms
    }
    const duration = durationOf(right, operator)
    if (duration !== undefined && (operator === '+' || operator === '-')) {
      const result = moment(left.ms)[operator === '+' ? 'add' : 'subtract'](duration)
      return makeDate(result.valueOf(), left.hasTime || duration.asMilliseconds() % 86_400_000 !== 0)
    }
  }
  if (isDuration(left) && typeof right === 'number' && (operator === '*' || operator === '/')) {
    const ms = left.duration.asMilliseconds()
    return { kind: 'duration', duration: moment.duration(operator === '*' ? ms * right : ms / right) }
  }
  if (operator === '+' && (typeof left === 'string' || typeof right === 'string'))
    return displayText(left) + displayText(right)
  if (typeof left === 'number' && typeof right === 'number') {
    switch (operator) {
      case '+':
        return left + right
      case '-':
        return left - right
      case '*':
        return left * right
      case '/':
        return left / right
      case '%':
        return left % right
    }
  }
  throw new BaseExpressionError(
    `the operator ${operator} between a ${typeName(left)} and a ${typeName(right)} is not supported`,
  )
}

/** A value as text (toString(), string concatenation). */
export function displayText(value: BaseValue): string {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(displayText).join(', ')
  if (isDate(value)) return moment(value.ms).format(value.hasTime ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD')
  if (isDuration(value)) return String(value.duration.asMilliseconds())
  if (isLink(value)) return value.path
  if (isFile(value)) return value.row.path
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** A value as it goes into a result row (JSON): dates as ISO text, links and files as paths. */
export function toJson(value: BaseValue): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(toJson)
  if (isDate(value)) return moment(value.ms).format(value.hasTime ? 'YYYY-MM-DDTHH:mm:ss' : 'YYYY-MM-DD')
  if (isDuration(value)) return value.duration.asMilliseconds()
  if (isLink(value) || isFile(value)) return displayText(value)
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]))
}

/** Order for sorting rows: nulls last; numbers, dates, then text case-insensitively. */
export function compareForSort(left: BaseValue, right: BaseValue): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1
  const direct = compareForOperator(left, right)
  if (direct !== undefined && !(typeof left === 'string' && typeof right === 'string')) return direct
  const a = displayText(left)
  const b = displayText(right)
  const folded = a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0
  return folded !== 0 ? folded : a < b ? -1 : a > b ? 1 : 0
}
