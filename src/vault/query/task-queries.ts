/** Task lookups over the index: tasks of the notes in scope, by path then line. */
import type { IndexedNote, NoteIndex } from '../index/note-index.ts'
import type { Task } from '../parse/types.ts'
import type { Scope } from './scope.ts'

export interface TaskHit {
  path: string
  task: Task
}

export interface TaskListResult {
  totalCount: number
  tasks: TaskHit[]
}

/** Open tasks (and, with includeCompleted, every other status) in scope; at most `limit` returned. */
export function listTasks(
  index: NoteIndex,
  scope: Scope,
  includeCompleted: boolean,
  limit: number,
): TaskListResult {
  const tasks: TaskHit[] = []
  let totalCount = 0
  const entries = index.sortedNotes()
  scope.forEachPosition((position) => {
    const note = entries[position] as IndexedNote
    // Counts kept on the note spare a walk over every task object (memory-bound at 50k notes).
    const count = includeCompleted ? note.taskCount : note.openTaskCount
    if (count === 0) return
    if (tasks.length >= limit) {
      totalCount += count
      return
    }
    for (const task of note.parsed.tasks) {
      if (!includeCompleted && task.completed) continue
      totalCount++
      if (tasks.length < limit) tasks.push({ path: note.path, task })
    }
  })
  return { totalCount, tasks }
}
