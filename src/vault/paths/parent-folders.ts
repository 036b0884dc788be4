/** Every folder holding one of `paths`, directly or deeper. */
export function parentFolders(paths: Iterable<string>): Set<string> {
  const folders = new Set<string>()
  for (const filePath of paths) {
    for (let slash = filePath.lastIndexOf('/'); slash > 0; slash = filePath.lastIndexOf('/', slash - 1)) {
      const folder = filePath.slice(0, slash)
      if (folders.has(folder)) break
      folders.add(folder)
    }
  }
  return folders
}
