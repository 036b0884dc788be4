import { Document, type Pair } from 'yaml'

/** How a YAML block indents nested values, so that values written into it look the same. */
export interface YamlStyle {
  /** Spaces per nesting level. */
  indent: number
  /** Whether `- ` items sit deeper than their key (`key:\n  - a`) or level with it (`key:\n- a`). */
  indentSeq: boolean
}

/** The style of a new block: the yaml package's defaults, which are also Obsidian's (`tags:\n  - a`). */
export const DEFAULT_YAML_STYLE: YamlStyle = Object.freeze({ indent: 2, indentSeq: true })

/** Reads the indentation of the first block list and block map among a mapping's top-level values. */
export function detectYamlStyle(pairs: Pair[], raw: string): YamlStyle {
  let listColumn: number | undefined
  let mapColumn: number | undefined
  for (const pair of pairs) {
    const token = pair.srcToken?.value
    if (token?.type !== 'block-seq' && token?.type !== 'block-map') continue
    const column = token.offset - raw.lastIndexOf('\n', token.offset - 1) - 1
    if (token.type === 'block-seq') listColumn ??= column
    else mapColumn ??= column
  }
  // yaml writes level `- ` items only with a 2-space indent; lists are the common frontmatter value,
  // so their style wins over a wider map indent.
  if (listColumn === 0) return { indent: 2, indentSeq: false }
  const indent = listColumn ?? mapColumn
  if (indent === undefined || indent < 1 || indent > 8) return DEFAULT_YAML_STYLE
  return { indent, indentSeq: true }
}

/** Writes one `key: value` entry (ending with a newline) in the given style, never folding long lines. */
export function stringifyYamlPair(key: string, value: unknown, style: YamlStyle): string {
  // A Map keeps a key such as `__proto__` an ordinary key.
  return new Document(new Map([[key, value]])).toString({
    ...style,
    lineWidth: 0,
    flowCollectionPadding: false,
  })
}
