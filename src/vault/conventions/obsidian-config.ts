/**
 * The Obsidian settings behind daily notes, templates and property types, read from the vault's
 * config folder: `types.json`, `daily-notes.json`, `templates.json`, and the Periodic Notes
 * plugin's `data.json` when that plugin is enabled. Missing or invalid files give Obsidian's defaults.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type PropertyType, parsePropertyTypes } from './property-types.ts'

export interface DailyNotesSettings {
  /** Folder from the vault root ('' = root). */
  folder: string
  /** Moment.js format of the note's name; may contain `/` to make sub-folders. */
  format: string
  /** Template note path ('' = none), as written in the settings (`.md` optional). */
  template: string
  /** Where the settings came from. */
  source: 'daily-notes' | 'periodic-notes' | 'default'
}

export interface TemplatesSettings {
  /** Templates folder ('' = not set). */
  folder: string
  dateFormat: string
  timeFormat: string
}

export interface ObsidianConfig {
  propertyTypes: Map<string, PropertyType>
  dailyNotes: DailyNotesSettings
  templates: TemplatesSettings
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
// Obsidian: folder settings are written without slashes around them, but users type them anyway.
const folderOf = (value: unknown) => text(value).replace(/^\/+|\/+$/g, '')

/** Periodic Notes' daily settings: `daily` (0.x) or the active calendar set's `day` (1.x). */
function periodicDaily(periodic: unknown): Record<string, unknown> {
  const settings = record(periodic)
  if (!Array.isArray(settings.calendarSets)) return record(settings.daily)
  const sets = settings.calendarSets.map(record)
  const active = sets.find((set) => set.id === settings.activeCalendarSet) ?? sets[0]
  return record(active?.day)
}

/** Daily-note settings: Periodic Notes' daily ones when enabled, else the core plugin's. Pure. */
export function parseDailyNotesSettings(core: unknown, periodic: unknown): DailyNotesSettings {
  const daily = periodicDaily(periodic)
  if (daily.enabled === true) {
    return {
      folder: folderOf(daily.folder),
      format: text(daily.format) || 'YYYY-MM-DD',
      template: text(daily.templatePath) || text(daily.template),
      source: 'periodic-notes',
    }
  }
  const settings = record(core)
  return {
    folder: folderOf(settings.folder),
    format: text(settings.format) || 'YYYY-MM-DD',
    template: text(settings.template),
    source: core === undefined ? 'default' : 'daily-notes',
  }
}

/** Templates settings with Obsidian's defaults (`YYYY-MM-DD`, `HH:mm`). Pure. */
export function parseTemplatesSettings(json: unknown): TemplatesSettings {
  const settings = record(json)
  return {
    folder: folderOf(settings.folder),
    dateFormat: text(settings.dateFormat) || 'YYYY-MM-DD',
    timeFormat: text(settings.timeFormat) || 'HH:mm',
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return undefined
  }
}

/** Reads the settings from `<root>/<configDir>`. Never throws. */
export async function readObsidianConfig(root: string, configDir = '.obsidian'): Promise<ObsidianConfig> {
  const dir = path.join(root, configDir)
  const [types, core, templates, plugins] = await Promise.all([
    readJson(path.join(dir, 'types.json')),
    readJson(path.join(dir, 'daily-notes.json')),
    readJson(path.join(dir, 'templates.json')),
    readJson(path.join(dir, 'community-plugins.json')),
  ])
  const periodicEnabled = Array.isArray(plugins) && plugins.includes('periodic-notes')
  const periodic = periodicEnabled
    ? await readJson(path.join(dir, 'plugins', 'periodic-notes', 'data.json'))
    : undefined
  return {
    propertyTypes: parsePropertyTypes(types),
    dailyNotes: parseDailyNotesSettings(core, periodic),
    templates: parseTemplatesSettings(templates),
  }
}
