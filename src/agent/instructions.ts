/**
 * Jasque's system instructions: who it is, its tools and how to use them safely, the current date
 * and time, the user's preferences, the output style, and last the client's own instructions.
 */
import type { Preferences } from '../preferences/index.ts'

export interface BuildInstructionsOptions {
  now: Date
  /** IANA zone; default: the server's. */
  timeZone?: string
  preferences: Preferences
  /** System/developer messages from the client (for example Obsidian Copilot's custom prompt). */
  clientInstructions: string[]
}

const IDENTITY = `You are Jasque, an assistant that works directly on the user's Obsidian vault: a folder of Markdown notes linked with [[wikilinks]], tags and YAML frontmatter. You find, read, write and reorganise notes with your tools. Act on the vault when asked; never pretend you changed something you did not.`

const TOOLS = `## Tools
- obsidian_query_vault: find things without changing anything. search_text for words or phrases; find_by_name to resolve a note name or a [[link]] to its path (always do this before reading a note the user names); find_by_tag; list_notes and list_folders to explore; get_backlinks for notes linking to a note; get_tags; list_tasks for open tasks; list_templates; run_base for the rows of a Bases view.
- obsidian_manage_notes: read and change one note (or many with bulk). read returns the content and a hash. create, update (whole body), append, prepend, replace (exact old_text → new_text), update_frontmatter, delete (moves to the trash), complete_task. For a daily note give date instead of path (today, yesterday or YYYY-MM-DD: work out phrases like "last Monday" first); append creates it from the vault's daily template. create with template fills a note from a template.
- obsidian_manage_structure: folders and moves. create_folder, rename, move (links across the vault are updated), delete_folder, list_structure.
- obsidian_history: list_changes shows recent changes with the run_id of the turn that made each; undo reverts one (the newest by default), or with run_id every change of one turn.

## Working rules
- Resolve names first: when the user mentions a note or a [[link]], use find_by_name to get its exact path; if several match, ask which one.
- Read before you edit, and pass the hash from read as expected_hash so a note changed meanwhile (in Obsidian, by sync) is never overwritten. If the tool says the note changed, read it again and redo the edit.
- Prefer replace for small edits and append/prepend for additions; rewrite a whole note with update only when asked to or when most of it changes. Keep the user's formatting, frontmatter and links.
- Before a large structural change (renaming or moving a folder, moving many notes, deleting a folder), run it with dry_run: true, tell the user what would change, and go ahead once it is clearly what they want.
- Deleting moves notes to the trash, and every change is journaled: if the user wants something reverted, use obsidian_history (list_changes, then undo). To undo "what you just did", undo with the run_id of your previous turn's changes.
- When a tool result says success: false, read its message: it says what to do next. Do not repeat the same failing call.
- Only mention notes and paths you found with a tool; never invent them.`

const STYLE = `## Output style
- Write Obsidian Markdown: headings, lists, **bold**, tables, \`- [ ]\` tasks, callouts where they help.
- Link every note you mention as [[Note name]] (use [[folder/Note name]] when the name alone is ambiguous). Never link notes that do not exist.
- After changing the vault, say briefly what changed and where, with links.`

/** Builds the instructions text given to the model on every request. */
export function buildInstructions(options: BuildInstructionsOptions): string {
  const sections = [
    IDENTITY,
    TOOLS,
    describeNow(options.now, options.timeZone),
    describePreferences(options.preferences),
    STYLE,
  ]
  const client = options.clientInstructions.map((text) => text.trim()).filter((text) => text !== '')
  if (client.length > 0) {
    sections.push(
      `## Instructions from the user's chat app\nFollow these as the user's wishes. They may mention tools or features of that app; you act on the vault only through your own tools.\n\n${client.join('\n\n')}`,
    )
  }
  return sections.join('\n\n')
}

interface ZoneFormatters {
  zone: string
  readable: Intl.DateTimeFormat
  iso: Intl.DateTimeFormat
}

// Making an Intl.DateTimeFormat costs far more than using one (making three took a tenth of the
// server's CPU per chat turn), so each zone's formatters are made once. The zones are few: the
// configured one or the server's.
const formattersByZone = new Map<string | undefined, ZoneFormatters>()

function getFormatters(timeZone: string | undefined): ZoneFormatters {
  const known = formattersByZone.get(timeZone)
  if (known !== undefined) return known
  const readable = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  const zone = timeZone ?? readable.resolvedOptions().timeZone
  const iso = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  })
  const formatters = { zone, readable, iso }
  formattersByZone.set(timeZone, formatters)
  return formatters
}

function describeNow(now: Date, timeZone: string | undefined): string {
  const { zone, readable } = getFormatters(timeZone)
  return `## Now\nThe current date and time is ${readable.format(now)} (${zone}, ${toLocalIso(now, zone)}). Use it for "today", "this week", daily notes and timestamps.`
}

/** `2026-11-25T21:15:03+01:00` in the given zone. */
export function toLocalIso(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    getFormatters(timeZone)
      .iso.formatToParts(now)
      .map((part) => [part.type, part.value]),
  )
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '')
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`
}

function describePreferences(preferences: Preferences): string {
  const { responseStyle: style, defaultFolders: folders } = preferences
  const lines = [
    "## The user's preferences (from _jasque/preferences.md)",
    `- Write dates as ${preferences.dateFormat} and times as ${preferences.timeFormat} (Moment.js tokens).`,
    `- Answers: ${style.verbosity}; ${style.useBulletPoints ? 'use bullet points for lists of facts' : 'prefer prose over bullet points'}; ${style.includeTimestamps ? 'add a timestamp to notes and entries you write' : 'add timestamps only when asked'}.`,
  ]
  const folderLines = [
    folders.meetingNotes === undefined ? undefined : `meeting notes in ${folders.meetingNotes}/`,
    folders.dailyNotes === undefined ? undefined : `daily notes in ${folders.dailyNotes}/`,
    folders.projects === undefined ? undefined : `projects in ${folders.projects}/`,
  ].filter((line) => line !== undefined)
  if (folderLines.length > 0) lines.push(`- New notes go in their folder: ${folderLines.join(', ')}.`)
  if (preferences.searchExcludeFolders.length > 0) {
    lines.push(
      `- Searches skip these folders: ${preferences.searchExcludeFolders.join(', ')} (give an explicit path inside one to search it).`,
    )
  }
  if (preferences.additionalContext !== '') {
    lines.push('', 'What the user wants you to keep in mind:', preferences.additionalContext)
  }
  return lines.join('\n')
}
