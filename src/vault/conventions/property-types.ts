/**
 * Obsidian's property types (`.obsidian/types.json`): values written into frontmatter are converted
 * to the type the vault declares for their name, or refused with a message naming the type. Pure.
 */
import moment from 'moment'
import { InvalidInputError } from '../../errors.ts'

export type PropertyType =
  | 'text'
  | 'multitext'
  | 'number'
  | 'checkbox'
  | 'date'
  | 'datetime'
  | 'tags'
  | 'aliases'

const TYPES = new Set<string>([
  'text',
  'multitext',
  'number',
  'checkbox',
  'date',
  'datetime',
  'tags',
  'aliases',
])

// Obsidian: its default properties have fixed types even when types.json does not list them.
const DEFAULT_TYPES: Record<string, PropertyType> = {
  tags: 'tags',
  aliases: 'aliases',
  cssclasses: 'multitext',
}

const TYPE_NAMES: Record<PropertyType, string> = {
  text: 'text',
  multitext: 'list',
  number: 'number',
  checkbox: 'checkbox',
  date: 'date',
  datetime: 'date & time',
  tags: 'tags',
  aliases: 'aliases',
}

/** Property types by lower-cased name, from parsed `types.json` plus Obsidian's defaults; unknown types are ignored. */
export function parsePropertyTypes(json: unknown): Map<string, PropertyType> {
  const types = new Map<string, PropertyType>(Object.entries(DEFAULT_TYPES))
  const declared = (json as { types?: unknown } | null)?.types
  if (typeof declared !== 'object' || declared === null) return types
  for (const [name, type] of Object.entries(declared)) {
    if (typeof type === 'string' && TYPES.has(type)) types.set(name.toLowerCase(), type as PropertyType)
  }
  return types
}

function refuse(key: string, type: PropertyType, value: unknown, hint: string): never {
  throw new InvalidInputError(
    `Property '${key}' has the type ${TYPE_NAMES[type]} in this vault (.obsidian/types.json); ${JSON.stringify(value)} cannot be converted: ${hint}. Nothing was written.`,
  )
}

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value)

function toList(key: string, type: PropertyType, value: unknown): unknown[] {
  const items = Array.isArray(value) ? value : [value]
  for (const item of items) if (!isScalar(item)) refuse(key, type, value, 'give a list of texts or numbers')
  return items
}

function toTags(key: string, value: unknown): string[] {
  // Obsidian: tags are stored without '#', and cannot contain spaces; "a, b" or "a b" is two tags.
  const items = toList(key, 'tags', value).flatMap((item) => String(item).split(/[\s,]+/))
  const tags = items.map((tag) => tag.replace(/^#/, '')).filter((tag) => tag !== '')
  for (const tag of tags) {
    if (/^\d+$/.test(tag))
      refuse(key, 'tags', value, `the tag '${tag}' needs at least one non-numeric character`)
  }
  return tags
}

const DATE_INPUTS = ['YYYY-MM-DD', moment.ISO_8601]

function toDate(key: string, type: 'date' | 'datetime', value: unknown): string {
  if (typeof value !== 'string') refuse(key, type, value, 'give an ISO date such as "2024-05-31"')
  const parsed = moment.parseZone(value.trim(), DATE_INPUTS, true)
  if (!parsed.isValid()) {
    refuse(
      key,
      type,
      value,
      type === 'date'
        ? 'give an ISO date such as "2024-05-31"'
        : 'give an ISO date and time such as "2024-05-31T14:30:00"',
    )
  }
  // Obsidian: date is stored as 2020-08-21 and date & time as 2020-08-21T10:30:00 (local time, no zone).
  return parsed.format(type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm:ss')
}

function convert(key: string, type: PropertyType, value: unknown): unknown {
  switch (type) {
    case 'text':
      if (!isScalar(value)) refuse(key, type, value, 'give a single text value, not a list or object')
      return String(value)
    case 'multitext':
    case 'aliases':
      return toList(key, type, value).map(String)
    case 'tags':
      return toTags(key, value)
    case 'number': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN
      if (!Number.isFinite(number)) refuse(key, type, value, 'give a number such as 42 or 3.14')
      return number
    }
    case 'checkbox':
      if (typeof value === 'boolean') return value
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true'
      return refuse(key, type, value, 'give true or false')
    case 'date':
    case 'datetime':
      return toDate(key, type, value)
  }
}

/**
 * The properties with each value converted to its declared type (null, meaning delete, is kept).
 * Throws InvalidInputError naming the property and its type when a value cannot be converted.
 */
export function applyPropertyTypes(
  properties: Record<string, unknown>,
  types: ReadonlyMap<string, PropertyType>,
): Record<string, unknown> {
  const converted: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(properties)) {
    const type = types.get(key.toLowerCase())
    converted[key] =
      value === null || value === undefined || type === undefined ? value : convert(key, type, value)
  }
  return converted
}
