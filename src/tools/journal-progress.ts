/**
 * One journal entry per tool call, written as the call goes: the first changes record the entry,
 * later ones extend it, and the end adds the rest with the final summary. A kill mid-call then
 * loses the undo record of at most the file being written. Journal failures never stop the tool.
 */
import type { ChangeSource, JournalFileChange } from '../store/index.ts'
import type { ChangeRecorder } from './define-tool.ts'

/** The summary of an entry whose call has not finished: it stays if the process dies. */
export const IN_PROGRESS_SUMMARY =
  'Not finished (still running, or interrupted): holds the files changed so far.'

export interface JournalProgressOptions {
  journal: ChangeRecorder | undefined
  source: ChangeSource
  tool: string
  operation: string
}

/** Where the call's changes ended up. */
export interface JournalOutcome {
  /** The entry's id, once recorded. */
  changeId?: string
  /** Every path the call's changes touched. */
  paths: string[]
  /** Why some changes are not in the journal, when some are not. */
  error?: unknown
}

export interface JournalProgress {
  /** Journals `changes` (already on disk) before returning; never throws. */
  record(changes: JournalFileChange[]): Promise<void>
  /** Journals the remaining changes and the final summary, and tells where everything went. */
  finish(changes: JournalFileChange[], summary: string | undefined): Promise<JournalOutcome>
}

const pathsOf = (changes: JournalFileChange[]) =>
  changes.flatMap((change) =>
    change.fromPath === undefined ? [change.path] : [change.fromPath, change.path],
  )

/** Creates the journal writer of one tool call. */
export function createJournalProgress({
  journal,
  source,
  tool,
  operation,
}: JournalProgressOptions): JournalProgress {
  const paths = new Set<string>()
  let changeId: string | undefined
  let pending: JournalFileChange[] = []
  let error: unknown
  let queue = Promise.resolve()

  /** Writes what is pending; `final` carries the call's summary (undefined while it runs). */
  async function flush(final?: { summary: string | undefined }): Promise<void> {
    if (journal === undefined || (pending.length === 0 && (changeId === undefined || final === undefined)))
      return
    const changes = [...pending]
    // An entry begun while the call ran says so until the end, then never keeps that summary.
    const summary =
      final === undefined
        ? IN_PROGRESS_SUMMARY
        : (final.summary ?? (changeId === undefined ? undefined : `${operation} finished.`))
    try {
      if (changeId === undefined) {
        const entry = await journal.record({
          source,
          tool,
          operation,
          paths: [...new Set(pathsOf(changes))],
          changes,
          ...(summary === undefined ? {} : { summary }),
        })
        changeId = entry.id
      } else {
        await journal.extend(
          changeId,
          changes,
          final === undefined || summary === undefined ? {} : { summary },
        )
      }
      pending = pending.slice(changes.length)
      error = undefined
    } catch (caught) {
      error = caught
    }
  }

  // Calls are chained so that entries keep write order even if a tool does not await.
  const enqueue = (changes: JournalFileChange[], action: () => Promise<void>) => {
    for (const path of pathsOf(changes)) paths.add(path)
    pending.push(...changes)
    queue = queue.then(action)
    return queue
  }

  return {
    // After a failure, later changes wait for `finish`: one retry, not one timeout per file.
    record: (changes) => enqueue(changes, () => (error === undefined ? flush() : Promise.resolve())),
    async finish(changes, summary) {
      await enqueue(changes, () => flush({ summary }))
      return {
        paths: [...paths],
        ...(changeId === undefined ? {} : { changeId }),
        ...(error === undefined ? {} : { error }),
      }
    },
  }
}
