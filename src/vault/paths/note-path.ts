/** Which files are notes. */

// Obsidian: a note is a file whose extension is `.md`, in any case; everything else is an attachment.
export function isNotePath(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.md')
}
