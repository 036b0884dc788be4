/**
 * The user's preferences note (`_jasque/preferences.md`): read, parsed and cached until it changes;
 * created from a template when missing. Used by the agent's instructions and the tools' search.
 */

export {
  DEFAULT_PREFERENCES,
  DEFAULT_SEARCH_EXCLUDE_FOLDERS,
  PREFERENCES_PATH,
  type Preferences,
  parsePreferences,
} from './parse-preferences.ts'
/** `_jasque/preferences.md`, re-read only when it changes; touches disk. */
export {
  createPreferencesSource,
  type PreferencesSource,
  type PreferencesSourceOptions,
} from './preferences.ts'
