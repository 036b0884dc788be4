/**
 * Parses the preferences note `_jasque/preferences.md`: YAML frontmatter with the user's settings,
 * and a free-text body. Pure: text in, preferences and problems out.
 */
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { InvalidInputError } from '../errors.ts'

export const PREFERENCES_PATH = '_jasque/preferences.md'

/** Folders searches skip when the note does not say otherwise. */
export const DEFAULT_SEARCH_EXCLUDE_FOLDERS: readonly string[] = Object.freeze(['copilot'])

export const VERBOSITY_LEVELS = ['concise', 'balanced', 'detailed'] as const
export type Verbosity = (typeof VERBOSITY_LEVELS)[number]

export interface Preferences {
  dateFormat: string
  timeFormat: string
  /** Unset folders are left to the model's judgement. */
  defaultFolders: { meetingNotes?: string; dailyNotes?: string; projects?: string }
  responseStyle: { verbosity: Verbosity; useBulletPoints: boolean; includeTimestamps: boolean }
  searchExcludeFolders: string[]
  /** The note's body, without Obsidian `%% %%` and HTML comments. */
  additionalContext: string
}

const defaultPreferences: Preferences = {
  dateFormat: 'YYYY-MM-DD',
  timeFormat: 'HH:mm',
  defaultFolders: {},
  responseStyle: { verbosity: 'concise', useBulletPoints: true, includeTimestamps: false },
  searchExcludeFolders: [...DEFAULT_SEARCH_EXCLUDE_FOLDERS],
  additionalContext: '',
}

/** Every field's default; copy it (`structuredClone`) before changing anything. */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze(defaultPreferences)

export interface ParsedPreferences {
  preferences: Preferences
  /** One sentence per invalid field, each naming the default used instead. */
  problems: string[]
}

const text = z.string().trim().min(1)
const folder = text.transform((value) => value.replace(/\/+$/, '')).pipe(z.string().min(1))
const folderList = z.union([folder.transform((value) => [value]), z.array(folder)])

/** Parses the note; throws InvalidInputError naming the file and line when the YAML is invalid. */
export function parsePreferences(source: string): ParsedPreferences {
  const { frontmatter, body } = splitFrontmatter(source)
  const fields = frontmatter === undefined ? {} : readMapping(frontmatter)
  const problems: string[] = []
  const pick = <T>(
    name: string,
    schema: z.ZodType<T>,
    value: unknown,
    fallback: T,
    fallbackText?: string,
  ): T => {
    if (value === undefined || value === null) return fallback
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    const used = fallbackText ?? `the default ${JSON.stringify(fallback)}`
    problems.push(`${name} is invalid (${JSON.stringify(value)}); using ${used}`)
    return fallback
  }
  const folders = pick('default_folders', z.record(z.string(), z.unknown()), fields.default_folders, {})
  const style = pick('response_style', z.record(z.string(), z.unknown()), fields.response_style, {})
  const defaults = DEFAULT_PREFERENCES.responseStyle
  const optionalFolder = (name: string) => {
    const value = pick(`default_folders.${name}`, folder, folders[name], '', 'no default folder')
    return value === '' ? undefined : value
  }
  const meetingNotes = optionalFolder('meeting_notes')
  const dailyNotes = optionalFolder('daily_notes')
  const projects = optionalFolder('projects')
  const preferences: Preferences = {
    dateFormat: pick('date_format', text, fields.date_format, DEFAULT_PREFERENCES.dateFormat),
    timeFormat: pick('time_format', text, fields.time_format, DEFAULT_PREFERENCES.timeFormat),
    defaultFolders: {
      ...(meetingNotes === undefined ? {} : { meetingNotes }),
      ...(dailyNotes === undefined ? {} : { dailyNotes }),
      ...(projects === undefined ? {} : { projects }),
    },
    responseStyle: {
      verbosity: pick(
        'response_style.verbosity',
        z.enum(VERBOSITY_LEVELS),
        style.verbosity,
        defaults.verbosity,
      ),
      useBulletPoints: pick(
        'response_style.use_bullet_points',
        z.boolean(),
        style.use_bullet_points,
        defaults.useBulletPoints,
      ),
      includeTimestamps: pick(
        'response_style.include_timestamps',
        z.boolean(),
        style.include_timestamps,
        defaults.includeTimestamps,
      ),
    },
    searchExcludeFolders: pick('search_exclude_folders', folderList, fields.search_exclude_folders, [
      ...DEFAULT_SEARCH_EXCLUDE_FOLDERS,
    ]),
    additionalContext: stripComments(body),
  }
  return { preferences, problems }
}

interface SplitNote {
  frontmatter: string | undefined
  body: string
}

// Obsidian: frontmatter is a `---` line first in the file, closed by a `---` (or `...`) line.
function splitFrontmatter(source: string): SplitNote {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines[0]?.trimEnd() !== '---') return { frontmatter: undefined, body: lines.join('\n') }
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line))
  if (close === -1) return { frontmatter: undefined, body: lines.join('\n') }
  return { frontmatter: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') }
}

function readMapping(yamlText: string): Record<string, unknown> {
  const document = parseDocument(yamlText)
  const error = document.errors[0]
  if (error !== undefined) {
    // The frontmatter starts on the note's second line.
    const line = (error.linePos?.[0]?.line ?? 1) + 1
    const reason = (error.message.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?$/, '')
    throw new InvalidInputError(
      `Invalid YAML in ${PREFERENCES_PATH} at line ${line}: ${reason}. Fix the frontmatter of that note, or delete the note to use the defaults.`,
      { details: { path: PREFERENCES_PATH, line } },
    )
  }
  const value: unknown = document.toJS()
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError(
      `Invalid YAML in ${PREFERENCES_PATH} at line 2: the frontmatter must be a mapping of settings (key: value).`,
      { details: { path: PREFERENCES_PATH, line: 2 } },
    )
  }
  return value as Record<string, unknown>
}

function stripComments(body: string): string {
  return body
    .replace(/%%[\s\S]*?%%/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim()
}
