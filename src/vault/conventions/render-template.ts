/**
 * Obsidian's template variables, formatted with Moment.js as Obsidian itself does (it bundles
 * moment): `{{title}}`, `{{date}}`, `{{time}}`, `{{date:FORMAT}}`, `{{time:FORMAT}}`, plus the
 * daily-note forms `{{date+1d:FORMAT}}`, `{{yesterday}}` and `{{tomorrow}}`. Pure: the time is passed in.
 */
import moment from 'moment'

export interface TemplateValues {
  /** The new note's name, without folder and `.md`. */
  title: string
  /** The moment the variables stand for: now, or a daily note's date at the current time of day. */
  at: Date
  /** Format of a bare `{{date}}` (Templates' date format, or the daily-note format). */
  dateFormat: string
  /** Format of a bare `{{time}}`. */
  timeFormat: string
}

const UNITS: Record<string, moment.unitOfTime.DurationConstructor> = {
  y: 'years',
  q: 'quarters',
  m: 'months',
  w: 'weeks',
  d: 'days',
  h: 'hours',
  s: 'seconds',
}

// Obsidian: variables are matched case-insensitively and may have spaces inside the braces.
const VARIABLE = /{{\s*(date|time)\s*(?:([+-]\d+)([yqmwdhs]))?\s*(?::(.*?))?\s*}}/gi

/** `text` with every template variable replaced (moment's English locale, as a default Obsidian). */
export function renderTemplate(text: string, values: TemplateValues): string {
  const at = moment(values.at)
  return text
    .replace(/{{\s*title\s*}}/gi, () => values.title)
    .replace(/{{\s*yesterday\s*}}/gi, () => at.clone().subtract(1, 'day').format(values.dateFormat))
    .replace(/{{\s*tomorrow\s*}}/gi, () => at.clone().add(1, 'day').format(values.dateFormat))
    .replace(VARIABLE, (_match, kind: string, delta?: string, unit?: string, format?: string) => {
      const when = at.clone()
      if (delta !== undefined && unit !== undefined) when.add(Number(delta), UNITS[unit.toLowerCase()])
      const fallback = kind.toLowerCase() === 'date' ? values.dateFormat : values.timeFormat
      return when.format(format === undefined || format.trim() === '' ? fallback : format.trim())
    })
}
