import assert from 'node:assert/strict'
import { test } from 'node:test'
import { maskCode } from './markdown-mask.ts'
import { extractTasks, taskState } from './tasks.ts'

const forms: Array<{ line: string; marker: string; status: string; text: string; indent: number }> = [
  { line: '- [ ] open', marker: '-', status: ' ', text: 'open', indent: 0 },
  { line: '* [x] done', marker: '*', status: 'x', text: 'done', indent: 0 },
  { line: '+ [X] done too', marker: '+', status: 'X', text: 'done too', indent: 0 },
  { line: '1. [/] half', marker: '1.', status: '/', text: 'half', indent: 0 },
  { line: '12) [-] dropped', marker: '12)', status: '-', text: 'dropped', indent: 0 },
  { line: '  - [>] deferred', marker: '-', status: '>', text: 'deferred', indent: 2 },
  { line: '\t\t- [?] tabbed', marker: '-', status: '?', text: 'tabbed', indent: 8 },
  { line: '> - [ ] quoted', marker: '-', status: ' ', text: 'quoted', indent: 0 },
  { line: '> > * [x] twice quoted', marker: '*', status: 'x', text: 'twice quoted', indent: 0 },
  { line: '>   - [ ] indented in a quote', marker: '-', status: ' ', text: 'indented in a quote', indent: 2 },
  { line: '- [ ]', marker: '-', status: ' ', text: '', indent: 0 },
  { line: '- [ ]   spaced  ', marker: '-', status: ' ', text: 'spaced', indent: 0 },
]

for (const { line, ...expected } of forms) {
  test(`extractTasks reads ${JSON.stringify(line)}`, () => {
    const [task, ...rest] = extractTasks(line)
    assert.equal(rest.length, 0)
    assert.deepEqual(
      { marker: task!.marker, status: task!.status, text: task!.text, indent: task!.indent },
      expected,
    )
    assert.equal(task!.completed, expected.status !== ' ')
    assert.equal(line[task!.statusOffset], expected.status)
  })
}

const notTasks = [
  '- [] none',
  '- [ ]text glued',
  '-[ ] no space',
  '[ ] no marker',
  'a - [ ] mid-line',
  '- [ab] two',
  '1.5 [ ] x',
]

for (const text of notTasks) {
  test(`extractTasks finds no task in ${JSON.stringify(text)}`, () => {
    assert.deepEqual(extractTasks(text), [])
  })
}

test('an empty task stays empty and the next line keeps its own number', () => {
  const text = '# T\n- [ ]\nnot a task\n- [x] real\r\n- [ ] \r\n  - [ ] nested'
  const tasks = extractTasks(text)
  assert.deepEqual(
    tasks.map((task) => [task.line, task.text, task.status]),
    [
      [2, '', ' '],
      [4, 'real', 'x'],
      [5, '', ' '],
      [6, 'nested', ' '],
    ],
  )
  for (const task of tasks) assert.equal(text[task.statusOffset], task.status)
})

test('extractTasks ignores task lines in code and in frontmatter', () => {
  const text =
    '---\nx: "- [ ] yaml"\n- [ ] list item in yaml\n---\n```\n- [ ] code\n```\n`- [ ] inline`\n- [ ] real'
  const bodyStart = text.indexOf('```')
  const tasks = extractTasks(maskCode(text, bodyStart).text, bodyStart)
  assert.deepEqual(
    tasks.map((task) => [task.line, task.text]),
    [[9, 'real']],
  )
})

test('extractTasks reads a task on the first line after a BOM', () => {
  const [task] = extractTasks('\ufeff- [ ] first')
  assert.equal(task?.line, 1)
  assert.equal(task?.statusOffset, 4)
})

test('taskState: a space is open, x or X done, any other status character other', () => {
  assert.deepEqual([' ', 'x', 'X', '/', '-', '?'].map(taskState), [
    'open',
    'done',
    'done',
    'other',
    'other',
    'other',
  ])
})
