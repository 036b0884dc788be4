/**
 * Reads the preferences note from the vault when it changes (by mtime and size), never on every
 * request, and creates a commented template when `_jasque/` exists but the note does not.
 */
import { type AppError, describeError, isAppError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { createVaultText, readVaultText, statVaultPath } from '../vault/index.ts'
import {
  DEFAULT_PREFERENCES,
  PREFERENCES_PATH,
  type Preferences,
  parsePreferences,
} from './parse-preferences.ts'
import { PREFERENCES_TEMPLATE } from './preferences-template.ts'

export interface PreferencesSource {
  /** The current preferences; throws InvalidInputError while the note's YAML is invalid. */
  get(): Promise<Preferences>
}

export interface PreferencesSourceOptions {
  vaultRoot: string
  log: Logger
}

type Cached = { key: string; preferences: Preferences } | { key: string; error: AppError }

const defaults = (): Preferences => structuredClone(DEFAULT_PREFERENCES) as Preferences

/** Creates the cached reader of `_jasque/preferences.md` for one vault. */
export function createPreferencesSource({ vaultRoot, log }: PreferencesSourceOptions): PreferencesSource {
  let cached: Cached | undefined
  let loading: Promise<Cached> | undefined
  let hasTemplateFailed = false

  async function load(): Promise<Cached> {
    const info = await statVaultPath(vaultRoot, PREFERENCES_PATH)
    if (info === undefined) {
      await createTemplate()
      return { key: 'missing', preferences: defaults() }
    }
    const key = `${info.mtimeMs}:${info.size}`
    if (cached?.key === key) return cached
    try {
      if (!info.isFile) throw new Error('it is not a file')
      const { preferences, problems } = parsePreferences(await readVaultText(vaultRoot, PREFERENCES_PATH))
      for (const problem of problems) log.warn({ path: PREFERENCES_PATH }, `preferences: ${problem}`)
      return { key, preferences }
    } catch (error) {
      if (isAppError(error)) {
        log.warn({ path: PREFERENCES_PATH, err: error }, 'preferences note has invalid YAML')
        return { key, error }
      }
      log.warn({ path: PREFERENCES_PATH }, `preferences note ignored: ${describeError(error)}`)
      return { key, preferences: defaults() }
    }
  }

  async function createTemplate() {
    const folder = PREFERENCES_PATH.slice(0, PREFERENCES_PATH.lastIndexOf('/'))
    const isFolder = (await statVaultPath(vaultRoot, folder))?.isFolder === true
    if (!isFolder || hasTemplateFailed) return
    try {
      if (!(await createVaultText(vaultRoot, PREFERENCES_PATH, PREFERENCES_TEMPLATE))) return
      log.info({ path: PREFERENCES_PATH }, 'created the preferences note template')
    } catch (error) {
      hasTemplateFailed = true
      log.warn(
        { path: PREFERENCES_PATH },
        `could not create the preferences template: ${describeError(error)}`,
      )
    }
  }

  return {
    async get() {
      // Concurrent requests share one read, so each problem is logged once.
      loading ??= load().finally(() => {
        loading = undefined
      })
      cached = await loading
      if ('error' in cached) throw cached.error
      return structuredClone(cached.preferences)
    },
  }
}
