import { Document, isMap, parseDocument } from 'yaml'
import { InvalidInputError } from '../../errors.ts'

/** The data of a parsed YAML document that must be a mapping (empty YAML reads as `{}`); throws InvalidInputError otherwise. */
export function readYamlMapping(document: Document): Record<string, unknown> {
  const firstError = document.errors[0]
  if (firstError !== undefined) {
    throw new InvalidInputError(
      `The note's frontmatter is not valid YAML: ${firstError.message.split('\n')[0]}`,
    )
  }
  let value: unknown
  try {
    value = document.toJS()
  } catch (error) {
    throw new InvalidInputError(`The note's frontmatter is not valid YAML: ${(error as Error).message}`)
  }
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError("The note's frontmatter is not a YAML mapping")
  }
  return value as Record<string, unknown>
}

/**
 * Sets and deletes keys by re-serialising the whole mapping: comments and order survive, but not
 * every byte. Used only for blocks that cannot be edited line by line, such as a flow mapping.
 */
export function rewriteYamlMapping(
  raw: string,
  properties: Record<string, unknown>,
  newline: string,
): string {
  let document: Document = parseDocument(raw.replaceAll('\r\n', '\n'))
  readYamlMapping(document)
  if (document.contents === null) {
    const comment = document.commentBefore
    document = new Document(new Map())
    document.commentBefore = comment
  }
  const contents = document.contents
  if (!isMap(contents)) throw new InvalidInputError("The note's frontmatter is not a YAML mapping")
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined) document.delete(key)
    else document.set(key, value)
  }
  if (contents.items.length === 0 && !document.commentBefore) return ''
  try {
    return document.toString({ lineWidth: 0, flowCollectionPadding: false }).replaceAll('\n', newline)
  } catch (error) {
    throw new InvalidInputError(`The note's frontmatter cannot be rewritten: ${(error as Error).message}`)
  }
}
