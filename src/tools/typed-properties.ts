/**
 * Writes properties in the types the vault declares (`.obsidian/types.json`): the properties of
 * update_frontmatter, and the frontmatter of a new note's content, keeping the content's YAML style.
 */
import { isDeepStrictEqual } from 'node:util'
import {
  loadObsidianConventions,
  type PropertyType,
  parseFrontmatter,
  updateFrontmatter,
} from '../vault/index.ts'

/** `content` with the values of its frontmatter converted to their declared types; only changed keys are rewritten. */
export async function typedContent(
  content: string,
  types: ReadonlyMap<string, PropertyType>,
): Promise<string> {
  const data = parseFrontmatter(content).data
  if (data === null) return content
  const typed = (await loadObsidianConventions()).applyPropertyTypes(data, types)
  const changed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(typed)) {
    if (value !== null && value !== undefined && !isDeepStrictEqual(value, data[key])) changed[key] = value
  }
  return Object.keys(changed).length === 0 ? content : updateFrontmatter(content, changed)
}
