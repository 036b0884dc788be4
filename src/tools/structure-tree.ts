/** The folder tree of list_structure, from the index: folders first, then files, capped. */
import { comparePaths, isNotePath, type NoteIndex } from '../vault/index.ts'

export interface StructureNode {
  name: string
  path: string
  type: 'folder' | 'note' | 'file'
  children?: StructureNode[]
}

export const MAX_STRUCTURE_NODES = 500

/** The tree under `folder` ('' = vault), `depth` levels deep, at most MAX_STRUCTURE_NODES nodes. */
export function buildStructure(index: NoteIndex, folder: string, depth: number) {
  const prefix = folder === '' ? '' : `${folder}/`
  const childFolders = new Map<string, string[]>()
  const childFiles = new Map<string, string[]>()
  const parentOf = (entry: string) => (entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/')) : '')
  for (const entry of index.folders()) {
    if (!entry.startsWith(prefix)) continue
    const parent = parentOf(entry)
    const list = childFolders.get(parent)
    if (list === undefined) childFolders.set(parent, [entry])
    else list.push(entry)
  }
  for (const file of index.files()) {
    if (!file.path.startsWith(prefix)) continue
    const parent = parentOf(file.path)
    const list = childFiles.get(parent)
    if (list === undefined) childFiles.set(parent, [file.path])
    else list.push(file.path)
  }
  let nodes = 0
  let truncated = false
  const nameOf = (entry: string) => (entry === '' ? '' : entry.slice(entry.lastIndexOf('/') + 1))
  const visit = (entry: string, level: number): StructureNode[] => {
    const result: StructureNode[] = []
    for (const child of (childFolders.get(entry) ?? []).sort(comparePaths)) {
      if (nodes >= MAX_STRUCTURE_NODES) {
        truncated = true
        return result
      }
      nodes++
      const node: StructureNode = { name: nameOf(child), path: child, type: 'folder' }
      if (level < depth) node.children = visit(child, level + 1)
      result.push(node)
    }
    for (const file of (childFiles.get(entry) ?? []).sort(comparePaths)) {
      if (nodes >= MAX_STRUCTURE_NODES) {
        truncated = true
        return result
      }
      nodes++
      result.push({
        name: nameOf(file),
        path: file,
        type: isNotePath(file) ? 'note' : 'file',
      })
    }
    return result
  }
  const root: StructureNode = {
    name: nameOf(folder),
    path: folder,
    type: 'folder',
    children: visit(folder, 1),
  }
  return { root, nodes, truncated }
}
