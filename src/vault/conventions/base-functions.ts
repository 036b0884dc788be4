/**
 * The Bases functions Jasque evaluates: the global ones and the methods of strings, numbers,
 * lists, dates, files and objects that need no callback. Any other name is a BaseExpressionError. Pure.
 */
import moment from 'moment'
import {
  BaseExpressionError,
  type BaseFileRow,
  type BaseValue,
  displayText,
  isDate,
  isFile,
  isLink,
  isTruthy,
  makeDate,
  parseDate,
  parseDuration,
  typeName,
  valuesEqual,
} from './base-values.ts'

const text = (value: BaseValue | undefined) => displayText(value ?? null)
const number = (value: BaseValue | undefined, name: string): number => {
  if (typeof value !== 'number')
    throw new BaseExpressionError(`${name}() needs a number, got a ${typeName(value ?? null)}`)
  return value
}

/** A global function call: today(), now(), date(), duration(), if(), list(), number(), min(), max(), link(). */
export function callGlobal(
  name: string,
  args: BaseValue[],
  now: Date,
  resolveLink: (text: string) => string,
): BaseValue {
  switch (name) {
    case 'today':
      return makeDate(moment(now).startOf('day').valueOf(), false)
    case 'now':
      return makeDate(now.getTime(), true)
    case 'date': {
      const value = args[0] ?? null
      if (isDate(value)) return value
      const parsed = typeof value === 'string' ? parseDate(value) : null
      if (parsed === null)
        throw new BaseExpressionError(
          `date(${JSON.stringify(value)}) is not a date (use "YYYY-MM-DD HH:mm:ss")`,
        )
      return parsed
    }
    case 'duration':
      return parseDuration(text(args[0]))
    case 'if':
      return isTruthy(args[0] ?? null) ? (args[1] ?? null) : (args[2] ?? null)
    case 'list': {
      const value = args[0] ?? null
      return Array.isArray(value) ? value : [value]
    }
    case 'number': {
      const value = args[0] ?? null
      if (typeof value === 'number') return value
      if (typeof value === 'boolean') return value ? 1 : 0
      if (isDate(value)) return value.ms
      const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
      if (Number.isNaN(parsed))
        throw new BaseExpressionError(`number(${JSON.stringify(value)}) is not a number`)
      return parsed
    }
    case 'min':
    case 'max': {
      const numbers = args.map((arg) => number(arg, name))
      return name === 'min' ? Math.min(...numbers) : Math.max(...numbers)
    }
    case 'link': {
      const value = args[0] ?? null
      if (isFile(value)) return { kind: 'link', path: value.row.path }
      return {
        kind: 'link',
        path: resolveLink(
          text(value)
            .replace(/^\[\[|\]\]$/g, '')
            .split('|')[0] ?? '',
        ),
      }
    }
    default:
      throw new BaseExpressionError(`the function ${name}() is not supported`)
  }
}

function titleCase(value: string): string {
  return value.replace(/\S+/g, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
}

function stringMethod(value: string, name: string, args: BaseValue[]): BaseValue {
  const strings = args.map(text)
  switch (name) {
    case 'contains':
      return value.includes(strings[0] ?? '')
    case 'containsAll':
      return strings.every((part) => value.includes(part))
    case 'containsAny':
      return strings.some((part) => value.includes(part))
    case 'startsWith':
      return value.startsWith(strings[0] ?? '')
    case 'endsWith':
      return value.endsWith(strings[0] ?? '')
    case 'isEmpty':
      return value === ''
    case 'lower':
      return value.toLowerCase()
    case 'upper':
      return value.toUpperCase()
    case 'title':
      return titleCase(value)
    case 'trim':
      return value.trim()
    case 'replace':
      return value.replaceAll(strings[0] ?? '', strings[1] ?? '')
    case 'repeat':
      return value.repeat(number(args[0], 'repeat'))
    case 'reverse':
      return [...value].reverse().join('')
    case 'slice':
      return value.slice(
        number(args[0], 'slice'),
        args[1] === undefined ? undefined : number(args[1], 'slice'),
      )
    case 'split': {
      const parts = value.split(strings[0] ?? '')
      return args[1] === undefined ? parts : parts.slice(0, number(args[1], 'split'))
    }
  }
  return unsupported('string', name)
}

function numberMethod(value: number, name: string, args: BaseValue[]): BaseValue {
  switch (name) {
    case 'abs':
      return Math.abs(value)
    case 'ceil':
      return Math.ceil(value)
    case 'floor':
      return Math.floor(value)
    case 'round': {
      const factor = 10 ** (args[0] === undefined ? 0 : number(args[0], 'round'))
      return Math.round(value * factor) / factor
    }
    case 'toFixed':
      return value.toFixed(number(args[0], 'toFixed'))
    case 'isEmpty':
      return false
  }
  return unsupported('number', name)
}

function listMethod(value: BaseValue[], name: string, args: BaseValue[]): BaseValue {
  const has = (wanted: BaseValue) => value.some((item) => valuesEqual(item, wanted))
  switch (name) {
    case 'contains':
      return has(args[0] ?? null)
    case 'containsAll':
      return args.every(has)
    case 'containsAny':
      return args.some(has)
    case 'isEmpty':
      return value.length === 0
    case 'join':
      return value.map(displayText).join(text(args[0]))
    case 'reverse':
      return [...value].reverse()
    case 'slice':
      return value.slice(
        number(args[0], 'slice'),
        args[1] === undefined ? undefined : number(args[1], 'slice'),
      )
    case 'flat':
      return value.flat() as BaseValue[]
    case 'unique':
      return value.filter((item, i) => value.findIndex((other) => valuesEqual(item, other)) === i)
    case 'sort':
      return [...value].sort((a, b) =>
        displayText(a) < displayText(b) ? -1 : displayText(a) > displayText(b) ? 1 : 0,
      )
  }
  return unsupported('list', name)
}

function dateMethod(value: { ms: number; hasTime: boolean }, name: string, args: BaseValue[]): BaseValue {
  switch (name) {
    case 'date':
      return makeDate(moment(value.ms).startOf('day').valueOf(), false)
    case 'format':
      return moment(value.ms).format(text(args[0]))
    case 'time':
      return moment(value.ms).format('HH:mm:ss')
    case 'isEmpty':
      return false
  }
  return unsupported('date', name)
}

const tagMatches = (tag: string, wanted: string) => {
  const lower = tag.toLowerCase()
  const target = wanted.replace(/^#/, '').toLowerCase()
  return lower === target || lower.startsWith(`${target}/`)
}

function fileMethod(
  row: BaseFileRow,
  name: string,
  args: BaseValue[],
  resolveLink: (text: string) => string,
): BaseValue {
  switch (name) {
    case 'hasTag':
      // Obsidian: hasTag("a") also matches the nested tag a/b.
      return args.some((arg) => row.tags.some((tag) => tagMatches(tag, text(arg))))
    case 'inFolder': {
      const folder = text(args[0]).replace(/^\/+|\/+$/g, '')
      return folder === '' || row.path.startsWith(`${folder}/`)
    }
    case 'hasLink': {
      const arg = args[0] ?? null
      const target = isFile(arg) ? arg.row.path : isLink(arg) ? arg.path : resolveLink(text(arg))
      return row.links.includes(target)
    }
    case 'hasProperty':
      return Object.hasOwn(row.properties, text(args[0]))
    case 'asLink':
      return { kind: 'link', path: row.path }
  }
  return unsupported('file', name)
}

function unsupported(type: string, name: string): never {
  throw new BaseExpressionError(`the ${type} function ${name}() is not supported`)
}

/** A method call `value.name(args)`. */
export function callMethod(
  value: BaseValue,
  name: string,
  args: BaseValue[],
  resolveLink: (text: string) => string,
): BaseValue {
  if (name === 'isTruthy') return isTruthy(value)
  if (name === 'toString') return displayText(value)
  if (name === 'isType') return typeName(value) === text(args[0]).toLowerCase()
  if (typeof value === 'string') return stringMethod(value, name, args)
  if (typeof value === 'number') return numberMethod(value, name, args)
  if (Array.isArray(value)) return listMethod(value, name, args)
  if (isDate(value)) return dateMethod(value, name, args)
  if (isFile(value)) return fileMethod(value.row, name, args, resolveLink)
  if (value === null && name === 'isEmpty') return true
  if (value !== null && typeof value === 'object' && !isLink(value)) {
    if (name === 'isEmpty') return Object.keys(value).length === 0
    if (name === 'keys') return Object.keys(value)
    if (name === 'values') return Object.values(value) as BaseValue[]
  }
  // Obsidian: a method on a missing property gives nothing rather than an error.
  if (value === null) return null
  return unsupported(typeName(value), name)
}
