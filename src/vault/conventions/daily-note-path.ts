/**
 * Which note is the daily note of a date: the vault's folder plus the date in its Moment.js format
 * (which may contain `/` and so make sub-folders), as Obsidian's Daily notes plugin names it. Pure.
 */
import moment from 'moment'
import { InvalidInputError } from '../../errors.ts'
import type { DailyNotesSettings } from './obsidian-config.ts'

/**
 * The day `input` names, at midnight local time: "today", "yesterday", "tomorrow" or an ISO date
 * (YYYY-MM-DD). Throws InvalidInputError for anything else, asking for an ISO date.
 */
export function resolveDay(input: string, now: Date): moment.Moment {
  const word = input.trim().toLowerCase()
  const today = moment(now).startOf('day')
  if (word === 'today') return today
  if (word === 'yesterday') return today.subtract(1, 'day')
  if (word === 'tomorrow') return today.add(1, 'day')
  const day = moment(input.trim(), 'YYYY-MM-DD', true)
  if (!day.isValid()) {
    throw new InvalidInputError(
      `date '${input}' is not understood: give "today", "yesterday", "tomorrow" or an ISO date such as "2024-05-31" (work out phrases like "last Monday" first).`,
    )
  }
  return day
}

/** The daily note's vault path (with `.md`) for `day`. */
export function dailyNotePath(settings: DailyNotesSettings, day: moment.Moment): string {
  const name = day.format(settings.format)
  return `${settings.folder === '' ? '' : `${settings.folder}/`}${name}.md`
}
