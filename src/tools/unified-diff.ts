/** Unified diffs of note text for previews (dry_run), made with the `diff` library. */
import { createTwoFilesPatch } from 'diff'

/**
 * The unified diff turning `before` into `after` for the note at `notePath` (`--- a/…`, `+++ b/…`,
 * three lines of context); a created note is diffed from /dev/null, a deleted one to it.
 */
export function unifiedDiff(notePath: string, before: string | null, after: string | null): string {
  return createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${notePath}`,
    after === null ? '/dev/null' : `b/${notePath}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  ).replace(/^=+\n/, '')
}
