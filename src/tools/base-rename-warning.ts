import { readIndexedFile } from '../vault/index.ts'
import type { ToolContext } from './define-tool.ts'

function quoted(text: string, needle: string): boolean {
  return text.includes(`"${needle}"`) || text.includes(`'${needle}'`)
}

/** A sentence naming the bases that mention `from` (a note or folder path), or '' when none do. */
export async function baseRenameWarning(deps: ToolContext, from: string): Promise<string> {
  const index = deps.vault.index
  const withoutExtension = from.replace(/\.md$/i, '')
  const name = withoutExtension.slice(withoutExtension.lastIndexOf('/') + 1)
  const needles = [...new Set([from, withoutExtension, ...(from.endsWith('.md') ? [name] : [])])]
  const bases: string[] = []
  for (const file of index.files()) {
    if (!file.path.endsWith('.base')) continue
    const text = await readIndexedFile(deps.vault.root, file.diskPath ?? file.path).then(
      (bytes) => bytes.toString('utf8'),
      () => '',
    )
    if (needles.some((needle) => quoted(text, needle))) bases.push(file.path)
  }
  if (bases.length === 0) return ''
  bases.sort()
  return ` Bases filters are not rewritten: ${bases.join(', ')} still name ${from}; update them (obsidian_manage_notes cannot edit .base files, edit them in Obsidian).`
}
