import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseNote } from '../vault/index.ts'
import { checkTask, findTask } from './find-task.ts'

const NOTE = [
  '# Tasks', // 1
  '- [ ] Buy milk', // 2
  '- [x] Buy bread', // 3
  '  * [ ] Call Alice about milk', // 4
  '> - [ ] Quoted task', // 5
  '1. [ ] Numbered 42', // 6
  '- [ ] 7', // 7
  '- [ ] buy milk', // 8
  '',
].join('\n')
const tasks = parseNote(NOTE, 'T.md').tasks

const found: [identifier: string | number, line: number][] = [
  [2, 2],
  ['3', 3],
  ['Quoted task', 5],
  ['quoted', 5],
  ['call alice', 4],
  ['- [ ] Numbered 42', 6],
  ['7', 7],
  [' numbered ', 6],
]
for (const [identifier, line] of found) {
  test(`findTask(${JSON.stringify(identifier)}) finds the task on line ${line}`, () => {
    assert.equal(findTask(tasks, identifier, 'T.md').line, line)
  })
}

test('findTask lists every match when several open tasks match', () => {
  assert.throws(
    () => findTask(tasks, 'milk', 'T.md'),
    (error: Error) => {
      assert.match(
        error.message,
        /^Multiple tasks match 'milk': 'Buy milk' \(line 2\), 'Call Alice about milk' \(line 4\), 'buy milk' \(line 8\)/,
      )
      return true
    },
  )
})

test('findTask prefers exact matches, then reports duplicates among them', () => {
  assert.throws(
    () => findTask(tasks, 'BUY MILK', 'T.md'),
    /Multiple tasks match 'BUY MILK': 'Buy milk' \(line 2\), 'buy milk' \(line 8\)\./,
  )
})

test('findTask lists the open tasks when nothing matches', () => {
  assert.throws(
    () => findTask(tasks, 'walk the dog', 'T.md'),
    /No open task matches 'walk the dog' in T\.md\. Open tasks in T\.md: 'Buy milk' \(line 2\), 'Call Alice about milk' \(line 4\)/,
  )
})

test('findTask mentions a matching task that is already done', () => {
  assert.throws(() => findTask(tasks, 'bread', 'T.md'), /'Buy bread' \(line 3\) is already done\./)
})

test('findTask says when no task is on the given line', () => {
  assert.throws(() => findTask(tasks, 1, 'T.md'), /No task on line 1 of T\.md\. Open tasks in T\.md:/)
})

test('findTask says when a note has no open tasks', () => {
  assert.throws(() => findTask([], 'x', 'E.md'), /E\.md has no open tasks\./)
})

test('checkTask changes only the status character', () => {
  const task = findTask(tasks, 4, 'T.md')
  const done = checkTask(NOTE, task)
  assert.equal(done.split('\n')[3], '  * [x] Call Alice about milk')
  assert.equal(done.length, NOTE.length)
  assert.equal(checkTask(NOTE, findTask(tasks, 5, 'T.md')).split('\n')[4], '> - [x] Quoted task')
})
