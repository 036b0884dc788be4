/**
 * The second door of the vault engine, loaded lazily through `loadObsidianConventions` (it brings
 * Moment.js and jsep): Obsidian's daily notes, templates, property types and Bases.
 */

/** Bases' values and the error naming an unsupported expression. */
export { BaseExpressionError } from './base-values.ts'
/** Daily notes: the day a date names and its note's path in the vault's format (pure; throws InvalidInputError). */
export { dailyNotePath, resolveDay } from './daily-note-path.ts'
/** Obsidian's daily-notes, templates and property-type settings from the config folder (reads disk, never throws). */
export {
  type DailyNotesSettings,
  parseDailyNotesSettings,
  parseTemplatesSettings,
  readObsidianConfig,
  type TemplatesSettings,
} from './obsidian-config.ts'
/** Property types: convert values to the type `.obsidian/types.json` declares (pure; throws InvalidInputError). */
export { applyPropertyTypes, parsePropertyTypes } from './property-types.ts'
/** Template variables ({{title}}, {{date}}, {{time}}, {{date:FORMAT}}) formatted with Moment.js (pure). */
export { renderTemplate, type TemplateValues } from './render-template.ts'
/** Bases: run a base's view over file rows (pure; throws BaseExpressionError naming what is unsupported). */
export { type BaseRunResult, findBaseBlock, runBase } from './run-base.ts'
