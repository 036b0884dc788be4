/** The per-vault Obsidian settings Jasque honours, read from `.obsidian/app.json`. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

export type TrashOption = 'system' | 'local' | 'none'
export type NewLinkFormat = 'shortest' | 'relative' | 'absolute'
export type NewFileLocation = 'root' | 'current' | 'folder'

export interface VaultSettings {
  /** Where deleted files go; `system` means `.trash/` on a server (there is no desktop trash). */
  trashOption: TrashOption
  newLinkFormat: NewLinkFormat
  useMarkdownLinks: boolean
  alwaysUpdateLinks: boolean
  /** `/` = vault root, `./` = next to the note, `./x` = subfolder of the note's folder, else a folder path. */
  attachmentFolderPath: string
  newFileLocation: NewFileLocation
  newFileFolderPath: string
  /** "Excluded files": folder/file path prefixes, or `/regex/` patterns. */
  userIgnoreFilters: string[]
}

// Obsidian: these are its defaults, except trashOption whose desktop default (`system`)
// means the vault's `.trash/` on a server anyway.
export const DEFAULT_VAULT_SETTINGS: Readonly<VaultSettings> = Object.freeze({
  trashOption: 'local',
  newLinkFormat: 'shortest',
  useMarkdownLinks: false,
  alwaysUpdateLinks: false,
  attachmentFolderPath: '/',
  newFileLocation: 'root',
  newFileFolderPath: '',
  userIgnoreFilters: [],
})

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

const orBoolean = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback)
const orString = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback)

/** Settings from parsed `app.json` content; each missing or ill-typed field takes its default. Pure. */
export function parseVaultSettings(json: unknown): VaultSettings {
  const raw =
    typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {}
  const d = DEFAULT_VAULT_SETTINGS
  return {
    trashOption: oneOf(raw.trashOption, ['system', 'local', 'none'], d.trashOption),
    newLinkFormat: oneOf(raw.newLinkFormat, ['shortest', 'relative', 'absolute'], d.newLinkFormat),
    useMarkdownLinks: orBoolean(raw.useMarkdownLinks, d.useMarkdownLinks),
    alwaysUpdateLinks: orBoolean(raw.alwaysUpdateLinks, d.alwaysUpdateLinks),
    attachmentFolderPath: orString(raw.attachmentFolderPath, d.attachmentFolderPath),
    newFileLocation: oneOf(raw.newFileLocation, ['root', 'current', 'folder'], d.newFileLocation),
    newFileFolderPath: orString(raw.newFileFolderPath, d.newFileFolderPath),
    userIgnoreFilters: Array.isArray(raw.userIgnoreFilters)
      ? raw.userIgnoreFilters.filter((filter): filter is string => typeof filter === 'string')
      : [],
  }
}

export interface ReadVaultSettingsOptions {
  /** Obsidian's config folder, `.obsidian` unless the user renamed it (it must start with a dot). */
  configDir?: string
}

/** Reads `<root>/.obsidian/app.json`; a missing, unreadable or invalid file gives the defaults. Never throws. */
export async function readVaultSettings(
  root: string,
  options: ReadVaultSettingsOptions = {},
): Promise<VaultSettings> {
  const { configDir = '.obsidian' } = options
  try {
    return parseVaultSettings(JSON.parse(await readFile(path.join(root, configDir, 'app.json'), 'utf8')))
  } catch {
    return parseVaultSettings(undefined)
  }
}
