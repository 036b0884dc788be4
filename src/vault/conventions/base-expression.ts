/**
 * Parses and evaluates one Bases expression (a filter statement or a formula) for one file row,
 * with jsep as the parser. Only what Jasque evaluates faithfully is accepted: any other operator,
 * function or syntax is a BaseExpressionError naming it. Pure.
 */
import jsep from 'jsep'
import { callGlobal, callMethod } from './base-functions.ts'
import {
  arithmetic,
  BaseExpressionError,
  type BaseFileRow,
  type BaseValue,
  compareForOperator,
  isDate,
  isFile,
  isTruthy,
  makeDate,
  valuesEqual,
} from './base-values.ts'

/** What an expression can see: the row, the clock, its note properties and the base's formulas. */
export interface BaseScope {
  row: BaseFileRow
  now: Date
  /** A note property, converted by its declared type (dates become dates); null when absent. */
  property(name: string): BaseValue
  /** Another formula's value (the caller guards against cycles). */
  formula(name: string): BaseValue
  /** A link text or path as the vault path it resolves to (itself when unresolved). */
  resolveLink(text: string): string
}

const GLOBALS = new Set(['today', 'now', 'date', 'duration', 'if', 'list', 'number', 'min', 'max', 'link'])
const METHODS = new Set(
  (
    'isTruthy toString isType contains containsAll containsAny startsWith endsWith isEmpty lower upper title trim ' +
    'replace repeat reverse slice split abs ceil floor round toFixed join flat unique sort date format time ' +
    'hasTag inFolder hasLink hasProperty asLink keys values'
  ).split(' '),
)
const BINARY = new Set(['+', '-', '*', '/', '%', '==', '!=', '>', '<', '>=', '<=', '&&', '||'])
const FILE_FIELDS = new Set([
  'name',
  'basename',
  'path',
  'folder',
  'ext',
  'size',
  'ctime',
  'mtime',
  'tags',
  'links',
  'properties',
])
const DATE_FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'] as const

function fail(source: string, reason: string): never {
  throw new BaseExpressionError(`Unsupported Bases expression '${source}': ${reason}`)
}

/** Checks every node once, so an unsupported part fails even on rows that would not reach it. */
function check(node: jsep.Expression, source: string): void {
  switch (node.type) {
    case 'Literal':
      if ((node as jsep.Literal).value instanceof RegExp)
        fail(source, 'regular expressions are not supported')
      return
    case 'Identifier':
      return
    case 'ThisExpression':
      fail(source, '`this` is not supported (it depends on where Obsidian shows the base)')
      return
    case 'ArrayExpression':
      for (const element of (node as jsep.ArrayExpression).elements) if (element) check(element, source)
      return
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression
      if (unary.operator !== '!' && unary.operator !== '-')
        fail(source, `the operator ${unary.operator} is not supported`)
      check(unary.argument, source)
      return
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression
      if (!BINARY.has(binary.operator)) fail(source, `the operator ${binary.operator} is not supported`)
      check(binary.left, source)
      check(binary.right, source)
      return
    }
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression
      check(member.object, source)
      if (member.computed) check(member.property, source)
      return
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression
      for (const arg of call.arguments) check(arg, source)
      if (call.callee.type === 'Identifier') {
        const name = (call.callee as jsep.Identifier).name
        if (!GLOBALS.has(name)) fail(source, `the function ${name}() is not supported`)
        return
      }
      if (call.callee.type === 'MemberExpression') {
        const member = call.callee as jsep.MemberExpression
        const name = member.computed ? undefined : (member.property as jsep.Identifier).name
        if (name === undefined || !METHODS.has(name))
          fail(source, `the function ${name ?? '(computed)'}() is not supported`)
        check(member.object, source)
        return
      }
      fail(source, 'this kind of call is not supported')
      return
    }
    default:
      fail(source, `${node.type} is not supported`)
      return
  }
}

/** Parses and checks an expression; throws BaseExpressionError when it is unsupported. */
export function parseBaseExpression(source: string): jsep.Expression {
  let node: jsep.Expression
  try {
    node = jsep(source)
  } catch (error) {
    return fail(source, (error as Error).message)
  }
  check(node, source)
  return node
}

function fileField(row: BaseFileRow, name: string): BaseValue {
  const fileName = row.path.slice(row.path.lastIndexOf('/') + 1)
  const dot = fileName.lastIndexOf('.')
  switch (name) {
    case 'name':
      return fileName
    case 'basename':
      return dot > 0 ? fileName.slice(0, dot) : fileName
    case 'path':
      return row.path
    // Obsidian: the vault root folder's path is "/".
    case 'folder':
      return row.path.includes('/') ? row.path.slice(0, row.path.lastIndexOf('/')) : '/'
    case 'ext':
      return dot > 0 ? fileName.slice(dot + 1) : ''
    case 'size':
      return row.size
    case 'ctime':
      return makeDate(row.ctimeMs, true)
    case 'mtime':
      return makeDate(row.mtimeMs, true)
    case 'tags':
      return [...row.tags]
    case 'links':
      return row.links.map((path) => ({ kind: 'link', path }))
    default:
      return row.properties as BaseValue
  }
}

function memberName(member: jsep.MemberExpression, scope: BaseScope, source: string): string | number {
  if (!member.computed) return (member.property as jsep.Identifier).name
  const key = evaluate(member.property, scope, source)
  if (typeof key !== 'string' && typeof key !== 'number') fail(source, 'an index must be a text or a number')
  return key
}

function evaluateMember(member: jsep.MemberExpression, scope: BaseScope, source: string): BaseValue {
  const object = member.object
  if (object.type === 'Identifier') {
    const root = (object as jsep.Identifier).name
    if (root === 'note') return scope.property(String(memberName(member, scope, source)))
    if (root === 'formula') return scope.formula(String(memberName(member, scope, source)))
    if (root === 'file') {
      const name = String(memberName(member, scope, source))
      if (!FILE_FIELDS.has(name)) fail(source, `file.${name} is not supported`)
      return fileField(scope.row, name)
    }
  }
  const value = evaluate(object, scope, source)
  const key = memberName(member, scope, source)
  if (value === null) return null
  if (Array.isArray(value)) {
    if (key === 'length') return value.length
    if (typeof key === 'number') return value[key < 0 ? value.length + key : key] ?? null
  }
  if (typeof value === 'string' && key === 'length') return value.length
  if (isDate(value)) {
    const field = DATE_FIELDS.find((name) => name === key)
    if (field === undefined) fail(source, `the date field ${key} is not supported`)
    const date = new Date(value.ms)
    const parts = [
      date.getFullYear(),
      date.getMonth() + 1,
      date.getDate(),
      date.getHours(),
      date.getMinutes(),
      date.getSeconds(),
      date.getMilliseconds(),
    ]
    return parts[DATE_FIELDS.indexOf(field)] ?? null
  }
  if (isFile(value)) return fileField(value.row, String(key))
  if (typeof value === 'object' && !Array.isArray(value) && !('kind' in value))
    return value[String(key)] ?? null
  return fail(
    source,
    `the field ${key} of a ${Array.isArray(value) ? 'list' : typeof value} is not supported`,
  )
}

/** Evaluates a parsed expression for the scope's row. Throws BaseExpressionError. */
export function evaluate(node: jsep.Expression, scope: BaseScope, source: string): BaseValue {
  switch (node.type) {
    case 'Literal':
      return (node as jsep.Literal).value as BaseValue
    case 'Identifier': {
      const name = (node as jsep.Identifier).name
      if (name === 'file') return { kind: 'file', row: scope.row }
      if (name === 'note') return scope.row.properties as BaseValue
      return scope.property(name)
    }
    case 'ArrayExpression':
      return (node as jsep.ArrayExpression).elements.map((element) =>
        element ? evaluate(element, scope, source) : null,
      )
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression
      const value = evaluate(unary.argument, scope, source)
      if (unary.operator === '!') return !isTruthy(value)
      if (value === null) return null
      if (typeof value !== 'number') fail(source, `cannot negate a ${typeof value}`)
      return -value
    }
    case 'BinaryExpression': {
      const { operator, left, right } = node as jsep.BinaryExpression
      if (operator === '&&')
        return isTruthy(evaluate(left, scope, source)) && isTruthy(evaluate(right, scope, source))
      if (operator === '||')
        return isTruthy(evaluate(left, scope, source)) || isTruthy(evaluate(right, scope, source))
      const a = evaluate(left, scope, source)
      const b = evaluate(right, scope, source)
      if (operator === '==') return valuesEqual(a, b)
      if (operator === '!=') return !valuesEqual(a, b)
      if (operator === '>' || operator === '<' || operator === '>=' || operator === '<=') {
        const order = compareForOperator(a, b)
        if (order === undefined) return false
        return operator === '>'
          ? order > 0
          : operator === '<'
            ? order < 0
            : operator === '>='
              ? order >= 0
              : order <= 0
      }
      try {
        return arithmetic(operator, a, b)
      } catch (error) {
        return fail(source, (error as Error).message)
      }
    }
    case 'MemberExpression':
      return evaluateMember(node as jsep.MemberExpression, scope, source)
    case 'CallExpression': {
      const call = node as jsep.CallExpression
      const args = call.arguments.map((arg) => evaluate(arg, scope, source))
      try {
        if (call.callee.type === 'Identifier')
          return callGlobal((call.callee as jsep.Identifier).name, args, scope.now, scope.resolveLink)
        const member = call.callee as jsep.MemberExpression
        const target = evaluate(member.object, scope, source)
        return callMethod(target, (member.property as jsep.Identifier).name, args, scope.resolveLink)
      } catch (error) {
        if (error instanceof BaseExpressionError && !error.message.startsWith('Unsupported'))
          fail(source, error.message)
        throw error
      }
    }
  }
  return fail(source, `${node.type} is not supported`)
}
