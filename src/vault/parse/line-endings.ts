/**
 * Keeps a note's line endings and BOM through an edit. How callers use it:
 *   1. `const note = decodeNote(bytes)`: `note.text` is the file's text exactly (its CR/LF kept),
 *      minus the BOM. Refuse to rewrite when `note.hasInvalidBytes` (decoding replaced bytes).
 *   2. Splice into `note.text` only `applyTextStyle(fragment, note)` (new or replacing text written
 *      with `\n`); convert a search string the same way before looking for it.
 *   3. Write `encodeNote(result, note)`. Every byte outside the splice is then unchanged.
 */

export type LineEnding = '\n' | '\r\n'

export interface TextStyle {
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean
  /** The majority line ending; `\n` when there is none or a tie. */
  eol: LineEnding
}

export interface DecodedNote extends TextStyle {
  /** The text without the BOM, line endings as on disk. */
  text: string
  /** Some bytes were not valid UTF-8 and were replaced by U+FFFD: writing back would lose them. */
  hasInvalidBytes: boolean
}

const BOM = '\uFEFF'
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

/** The majority line ending of `text`: CRLF only when CRLF lines outnumber bare-LF lines. */
export function detectLineEnding(text: string): LineEnding {
  if (!text.includes('\r\n')) return '\n'
  let crlf = 0
  let lf = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (at > 0 && text.charCodeAt(at - 1) === 13) crlf++
    else lf++
  }
  return crlf > lf ? '\r\n' : '\n'
}

/** Decodes a note's bytes as UTF-8, noting its BOM and line-ending style. Pure. */
export function decodeNote(bytes: Uint8Array): DecodedNote {
  let decoded: string
  let hasInvalidBytes = false
  try {
    decoded = strictDecoder.decode(bytes)
  } catch {
    decoded = lenientDecoder.decode(bytes)
    hasInvalidBytes = true
  }
  const bom = decoded.startsWith(BOM)
  const text = bom ? decoded.slice(1) : decoded
  return { text, bom, eol: detectLineEnding(text), hasInvalidBytes }
}

/** Converts text written with `\n` (or mixed endings) to the file's line ending. Pure. */
export function applyTextStyle(newText: string, style: Pick<TextStyle, 'eol'>): string {
  const lf = newText.includes('\r\n') ? newText.replaceAll('\r\n', '\n') : newText
  return style.eol === '\n' ? lf : lf.replaceAll('\n', '\r\n')
}

/** Encodes a note's text as UTF-8, with a BOM when the file had one. Pure. */
export function encodeNote(text: string, style: Pick<TextStyle, 'bom'>): Uint8Array {
  return Buffer.from(style.bom ? BOM + text : text, 'utf8')
}
