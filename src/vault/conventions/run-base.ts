/**
 * Runs one view of an Obsidian base (a `.base` file, or a ```base block in a note) over file rows:
 * the global and view filters (`and`/`or`/`not` of expressions), formulas, `sort`/`groupBy`,
 * `limit`, and the `order` columns. Unsupported parts throw BaseExpressionError naming them. Pure.
 */

import type jsep from 'jsep'
import { parse as parseYaml } from 'yaml'
import { type BaseScope, evaluate, parseBaseExpression } from './base-expression.ts'
import {
  BaseExpressionError,
  type BaseFileRow,
  type BaseValue,
  compareForSort,
  isTruthy,
  parseDate,
  toJson,
} from './base-values.ts'
import type { PropertyType } from './property-types.ts'

export interface BaseRunOptions {
  now: Date
  /** Declared property types: date and date & time properties are compared as dates. */
  types: ReadonlyMap<string, PropertyType>
  /** The view's name; the first view when absent. */
  view?: string | undefined
  resolveLink(text: string): string
}

export interface BaseRunResult {
  view: string | undefined
  columns: string[]
  /** Matching rows before the view's limit. */
  totalCount: number
  rows: { path: string; values: Record<string, unknown> }[]
}

type Filter = string | { and?: Filter[]; or?: Filter[]; not?: Filter[] }

interface View {
  name?: string
  filters?: Filter
  order?: string[]
  sort?: { property: string; direction?: string }[]
  groupBy?: { property: string; direction?: string }
  limit?: number
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}

/** The YAML of the first ```base block in a note, or null. */
export function findBaseBlock(noteText: string): string | null {
  const match = /^(`{3,}|~{3,})base[ \t]*\r?\n([\s\S]*?)^\1[ \t]*$/m.exec(noteText)
  return match === null ? null : (match[2] ?? '')
}

/** Parses each expression of one run once. */
type Parse = (source: string) => jsep.Expression

function createParse(): Parse {
  const parsed = new Map<string, jsep.Expression>()
  return (source) => {
    let node = parsed.get(source)
    if (node === undefined) {
      node = parseBaseExpression(source)
      parsed.set(source, node)
    }
    return node
  }
}

function checkFilter(filter: unknown, where: string, parse: Parse): Filter {
  if (typeof filter === 'string') {
    parse(filter)
    return filter
  }
  const keys = Object.keys(record(filter))
  if (
    keys.length !== 1 ||
    !['and', 'or', 'not'].includes(keys[0] ?? '') ||
    !Array.isArray(record(filter)[keys[0] ?? ''])
  ) {
    throw new BaseExpressionError(
      `Unsupported filter in ${where}: use a statement, or one of and/or/not with a list (got ${JSON.stringify(filter)})`,
    )
  }
  for (const item of record(filter)[keys[0] ?? ''] as unknown[]) checkFilter(item, where, parse)
  return filter as Filter
}

function matches(filter: Filter | undefined, scope: BaseScope, parse: Parse): boolean {
  if (filter === undefined) return true
  if (typeof filter === 'string') return isTruthy(evaluate(parse(filter), scope, filter))
  if (filter.and) return filter.and.every((item) => matches(item, scope, parse))
  if (filter.or) return filter.or.some((item) => matches(item, scope, parse))
  // Obsidian: `not` keeps a file when none of its statements hold.
  return !(filter.not ?? []).some((item) => matches(item, scope, parse))
}

function propertyValue(
  raw: unknown,
  type: PropertyType | undefined,
  resolveLink: (text: string) => string,
): BaseValue {
  if (raw === null || raw === undefined) return null
  if (Array.isArray(raw)) return raw.map((item) => propertyValue(item, undefined, resolveLink))
  if (typeof raw === 'string') {
    if ((type === 'date' || type === 'datetime') && parseDate(raw) !== null) return parseDate(raw)
    const link = /^\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]$/.exec(raw.trim())
    if (link !== null) return { kind: 'link', path: resolveLink(link[1] ?? '') }
    return raw
  }
  if (typeof raw === 'object') {
    return Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [key, propertyValue(value, undefined, resolveLink)]),
    )
  }
  return raw as BaseValue
}

function parseDefinition(yaml: string, parse: Parse) {
  let data: unknown
  try {
    data = parseYaml(yaml)
  } catch (error) {
    throw new BaseExpressionError(`The base is not valid YAML: ${(error as Error).message.split('\n')[0]}`)
  }
  const base = record(data)
  const formulas = new Map<string, string>()
  for (const [name, source] of Object.entries(record(base.formulas))) {
    if (typeof source !== 'string')
      throw new BaseExpressionError(`Formula ${name} must be an expression in quotes`)
    parse(source)
    formulas.set(name, source)
  }
  const views = Array.isArray(base.views) ? (base.views.map(record) as View[]) : []
  const filters = base.filters === undefined ? undefined : checkFilter(base.filters, 'filters', parse)
  return { filters, formulas, views }
}

/** Runs the view over `rows`. Throws BaseExpressionError for invalid YAML, a missing view or an unsupported expression. */
export function runBase(yaml: string, rows: readonly BaseFileRow[], options: BaseRunOptions): BaseRunResult {
  const parse = createParse()
  const { filters, formulas, views } = parseDefinition(yaml, parse)
  const view =
    options.view === undefined ? (views[0] ?? {}) : views.find((candidate) => candidate.name === options.view)
  if (view === undefined) {
    const names = views.map((candidate) => candidate.name).filter(Boolean)
    throw new BaseExpressionError(
      `The base has no view named '${options.view}'${names.length > 0 ? `; its views: ${names.join(', ')}` : ''}`,
    )
  }
  const viewFilter =
    view.filters === undefined ? undefined : checkFilter(view.filters, `view ${view.name ?? ''}`, parse)
  const columns = Array.isArray(view.order) ? view.order.map(String) : []
  const sorts = [
    ...(view.groupBy?.property ? [view.groupBy] : []),
    ...(Array.isArray(view.sort) ? view.sort : []),
  ].map((sort) => ({
    property: String(sort.property),
    descending: String(sort.direction ?? 'ASC').toUpperCase() === 'DESC',
  }))

  const scopeFor = (row: BaseFileRow): BaseScope & { column(id: string): BaseValue } => {
    const computed = new Map<string, BaseValue>()
    const pending = new Set<string>()
    const scope: BaseScope & { column(id: string): BaseValue } = {
      row,
      now: options.now,
      resolveLink: options.resolveLink,
      property(name) {
        const key = Object.hasOwn(row.properties, name)
          ? name
          : Object.keys(row.properties).find((other) => other.toLowerCase() === name.toLowerCase())
        return key === undefined
          ? null
          : propertyValue(row.properties[key], options.types.get(name.toLowerCase()), options.resolveLink)
      },
      formula(name) {
        if (computed.has(name)) return computed.get(name) ?? null
        const source = formulas.get(name)
        if (source === undefined) throw new BaseExpressionError(`The base has no formula named ${name}`)
        if (pending.has(name)) throw new BaseExpressionError(`The formula ${name} refers to itself`)
        pending.add(name)
        const value = evaluate(parse(source), scope, source)
        pending.delete(name)
        computed.set(name, value)
        return value
      },
      column(id) {
        if (id.startsWith('formula.')) return scope.formula(id.slice('formula.'.length))
        if (id.startsWith('note.')) return scope.property(id.slice('note.'.length))
        if (id.startsWith('file.')) return evaluate(parse(id), scope, id)
        return scope.property(id)
      },
    }
    return scope
  }

  const selected = rows
    .map(scopeFor)
    .filter((scope) => matches(filters, scope, parse) && matches(viewFilter, scope, parse))
  const sortKeys = new Map(selected.map((scope) => [scope, sorts.map((sort) => scope.column(sort.property))]))
  selected.sort((a, b) => {
    const keysA = sortKeys.get(a) ?? []
    const keysB = sortKeys.get(b) ?? []
    for (const [i, sort] of sorts.entries()) {
      const order = compareForSort(keysA[i] ?? null, keysB[i] ?? null)
      if (order !== 0) return sort.descending && keysA[i] !== null && keysB[i] !== null ? -order : order
    }
    return a.row.path < b.row.path ? -1 : a.row.path > b.row.path ? 1 : 0
  })
  const limit = typeof view.limit === 'number' && view.limit > 0 ? view.limit : selected.length
  return {
    view: view.name,
    columns,
    totalCount: selected.length,
    rows: selected.slice(0, limit).map((scope) => ({
      path: scope.row.path,
      values: Object.fromEntries(columns.map((id) => [id, toJson(scope.column(id))])),
    })),
  }
}
