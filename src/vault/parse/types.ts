/** Data shapes shared by the vault engine: what a parsed note holds. Offsets are UTF-16 indexes into the note text. */

export interface SourceRange {
  /** Offset of the first character. */
  start: number
  /** Offset just past the last character. */
  end: number
}

/** One link or embed found in a note, outside code. */
export interface NoteLink {
  kind: 'wikilink' | 'markdown'
  /** `![[…]]` or `![…](…)`. */
  embed: boolean
  /**
   * The link path as Obsidian reads it: `folder/Name`, `Name.md`, `img.png`; '' for a same-note
   * link such as `[[#Heading]]`. Markdown links: URL-decoded, without angle brackets.
   */
  target: string
  /** What follows the first `#` without it: `Heading`, `H1#H2`, `^block`, `page=3`. */
  subpath?: string
  /** Wikilink display text after `|` (or `\|` in tables), or the text of a Markdown link. */
  alias?: string
  /** 1-based line of the link's first character. */
  line: number
  /** The whole link source, including the `!` of an embed. */
  range: SourceRange
  /** A wikilink inside a table row written with `\|` before the alias. */
  escapedPipe?: boolean
  /** A Markdown link whose destination is written `<…>`. */
  angleBrackets?: boolean
  /** A Markdown link's title as written after the destination, leading space and quotes included. */
  title?: string
  /** A wikilink written inside a frontmatter property value (Obsidian tracks those too). */
  inFrontmatter?: boolean
}

export interface Heading {
  level: number
  text: string
  /** 1-based line. */
  line: number
}

/** One task list item (`- [ ] …`), outside code. */
export interface Task {
  /** 1-based line. */
  line: number
  /** The text after `] `, trimmed; '' for an empty task. */
  text: string
  /** The character between the brackets: ' ' open, 'x'/'X' done, anything else another status. */
  status: string
  /** True for any status other than ' ' (Obsidian renders them checked). */
  completed: boolean
  /** `-`, `*`, `+`, or an ordered marker like `1.` / `1)`. */
  marker: string
  /** Leading whitespace width, after any `>` quote markers. */
  indent: number
  /** Offset of the status character in the note text (for completing a task in place). */
  statusOffset: number
}

export interface FrontmatterBlock {
  /** The parsed YAML mapping; null when there is no block or it is invalid or not a mapping. */
  data: Record<string, unknown> | null
  /** Present when a block exists but is not valid YAML (or not a mapping): message with line. */
  error?: string
  /** The raw YAML text between the delimiters ('' when absent). */
  raw: string
  /** Offset where the body starts: just past the closing delimiter line; 0 when there is no block. */
  bodyStart: number
  /** True when a frontmatter block (valid or not) is present. */
  present: boolean
}

export interface ParsedNote {
  frontmatter: FrontmatterBlock
  /** Frontmatter `title` when it is a non-empty string, else the file's basename without `.md`. */
  title: string
  /** From `aliases` (list or string) and legacy `alias`. */
  aliases: string[]
  /** Unique case-insensitively, first-seen casing, without `#`: frontmatter first, then inline. */
  tags: string[]
  links: NoteLink[]
  headings: Heading[]
  /** Block ids (`^id`) without the caret. */
  blockIds: string[]
  tasks: Task[]
}
