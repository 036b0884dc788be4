/**
 * The rows a base runs over, from the index: every file in the vault (not Jasque's own folder),
 * with its size, times, tags, resolved links and, for notes, frontmatter properties read lazily.
 */
import {
  type BaseFileRow,
  JASQUE_FOLDER,
  type NoteIndex,
  parseFrontmatter,
  statVaultPath,
} from '../vault/index.ts'
import { noteText } from './query-items.ts'

/** Builds the rows; `withCreationTimes` stats each file for file.ctime (the index does not keep it). */
export async function loadBaseRows(
  index: NoteIndex,
  root: string,
  withCreationTimes: boolean,
): Promise<BaseFileRow[]> {
  const rows: BaseFileRow[] = []
  for (const file of index.files()) {
    if (file.path === JASQUE_FOLDER || file.path.startsWith(`${JASQUE_FOLDER}/`)) continue
    const note = index.getNote(file.path)
    let properties: Record<string, unknown> | undefined
    rows.push({
      path: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      ctimeMs: file.mtimeMs,
      tags: note?.parsed.tags ?? [],
      links: note === undefined ? [] : note.parsed.linkTargets.map((target, i) => note.resolved[i] ?? target),
      get properties() {
        properties ??= note === undefined ? {} : (parseFrontmatter(noteText(index, file.path)).data ?? {})
        return properties
      },
    })
  }
  if (withCreationTimes) {
    await Promise.all(
      rows.map(async (row) => {
        const info = await statVaultPath(root, index.getFile(row.path)?.diskPath ?? row.path)
        // Linux file systems may not report a birth time (0): the modified time stands in.
        if (info !== undefined && info.birthtimeMs > 0) row.ctimeMs = info.birthtimeMs
      }),
    )
  }
  return rows
}
