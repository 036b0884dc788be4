/**
 * One short line per tool call for clients that show `<think>` blocks (Obsidian Copilot renders
 * them as a collapsible "thinking" section): the tool, the operation and its target, never content.
 */

const TARGET_FIELDS = ['path', 'folder', 'new_path', 'change_id'] as const
const MAX_TARGET_CHARS = 120

/** `manage_notes: edit Projects/Plan.md`; the target is a path, a folder or a change id only. */
export function describeToolProgress(toolName: string, input: unknown): string {
  const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {}
  const operation = typeof fields.operation === 'string' ? fields.operation : 'call'
  const paths = Array.isArray(fields.paths) ? fields.paths.length : undefined
  const field = TARGET_FIELDS.find((name) => typeof fields[name] === 'string' && fields[name] !== '')
  const target = field !== undefined ? String(fields[field]) : paths !== undefined ? `${paths} notes` : ''
  const oneLine = target.replaceAll(/\s+/g, ' ')
  const capped = oneLine.length > MAX_TARGET_CHARS ? `${oneLine.slice(0, MAX_TARGET_CHARS)}…` : oneLine
  const tool = toolName.replace(/^obsidian_/, '')
  return `${tool}: ${operation}${capped === '' ? '' : ` ${capped}`}`
}
