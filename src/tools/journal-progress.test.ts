import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { z } from 'zod'
import { createIndexedFolder } from '../../test/helpers/indexed-folder.ts'
import { UnavailableError } from '../errors.ts'
import type { Journal, JournalEntryInput, JournalFileChange } from '../store/index.ts'
import { type ChangeRecorder, defineTool, type ToolDefinition, type ToolRunContext } from './define-tool.ts'
import { executeTool } from './execute-tool.ts'
import { IN_PROGRESS_SUMMARY } from './journal-progress.ts'

type Entry = JournalEntryInput & { id: string }

/** A recorder that keeps entries in memory and fails the calls whose number is in `failing`. */
function recorder(failing: number[] = []) {
  const entries: Entry[] = []
  const calls: string[] = []
  const snapshots: Entry[][] = []
  const fail = () => {
    calls.push('')
    if (failing.includes(calls.length)) throw new UnavailableError('database unavailable: test')
  }
  const journal: ChangeRecorder = {
    async record(input) {
      fail()
      calls[calls.length - 1] = 'record'
      entries.push({
        ...input,
        changes: [...input.changes],
        paths: [...input.paths],
        id: `e${entries.length + 1}`,
      })
      snapshots.push(structuredClone(entries))
      return { id: `e${entries.length}` }
    },
    async extend(id, changes, { summary } = {}) {
      fail()
      calls[calls.length - 1] = 'extend'
      const entry = entries.find((item) => item.id === id)
      assert.ok(entry)
      entry.changes.push(...changes)
      entry.paths = [...new Set([...entry.paths, ...changes.map((change) => change.path)])]
      if (summary !== undefined) entry.summary = summary
      snapshots.push(structuredClone(entries))
    },
  }
  return { journal, entries, calls, snapshots }
}

const change = (path: string): JournalFileChange => ({ kind: 'create', path, afterHash: `h-${path}` })

/** A tool that reports each of `progress` through recordProgress, returns `rest`, or throws. */
function tool(progress: string[], rest: string[], options: { throws?: boolean } = {}): ToolDefinition {
  return defineTool({
    name: 'test_tool',
    description: 'test',
    input: z.object({ operation: z.string() }),
    output: z.object({ success: z.boolean(), message: z.string(), change_id: z.string().optional() }),
    annotations: { readOnly: false, destructive: false },
    async run(_input, context: ToolRunContext) {
      for (const path of progress) await context.recordProgress([change(path)])
      if (options.throws) throw new Error('disk full')
      return {
        result: { success: true, message: `wrote ${progress.length + rest.length}` },
        changes: rest.map(change),
      }
    },
  }) as ToolDefinition
}

// The test tool writes nothing itself, but a writing tool runs under a vault's write lock.
const folder = await createIndexedFolder({})
after(() => folder[Symbol.asyncDispose]())

const run = (definition: ToolDefinition, journal?: ChangeRecorder) =>
  executeTool(
    definition,
    { operation: 'write' },
    {
      vault: folder.vault,
      signal: new AbortController().signal,
      source: { kind: 'cli' },
      // executeTool only records and extends entries; the history reads are not used here.
      ...(journal === undefined ? {} : { journal: journal as unknown as Journal }),
    },
  )

test('progress records the entry once, extends it, and the end adds the rest with the summary', async () => {
  const { journal, entries, calls, snapshots } = recorder()
  const output = await run(tool(['A.md', 'B.md', 'C.md'], ['D.md']), journal)
  assert.deepEqual(calls, ['record', 'extend', 'extend', 'extend'])
  assert.equal(snapshots[0]?.[0]?.summary, IN_PROGRESS_SUMMARY)
  assert.deepEqual(
    snapshots[1]?.[0]?.changes.map((item) => item.path),
    ['A.md', 'B.md'],
  )
  assert.equal(entries.length, 1)
  assert.deepEqual(entries[0]?.changes, ['A.md', 'B.md', 'C.md', 'D.md'].map(change))
  assert.deepEqual(entries[0]?.paths, ['A.md', 'B.md', 'C.md', 'D.md'])
  assert.equal(entries[0]?.summary, 'wrote 4')
  assert.equal(entries[0]?.operation, 'write')
  assert.equal(output.result.change_id, 'e1')
  assert.deepEqual(output.effects, {
    operation: 'write',
    paths: ['A.md', 'B.md', 'C.md', 'D.md'],
    changeId: 'e1',
  })
})

test('a call without progress is recorded once at the end, as before', async () => {
  const { journal, entries, calls } = recorder()
  const output = await run(tool([], ['A.md']), journal)
  assert.deepEqual(calls, ['record'])
  assert.equal(entries[0]?.summary, 'wrote 1')
  assert.equal(output.result.change_id, 'e1')
})

test('a call that changes nothing records nothing', async () => {
  const { journal, calls } = recorder()
  const output = await run(tool([], []), journal)
  assert.deepEqual(calls, [])
  assert.equal(output.result.change_id, undefined)
})

test('without a journal the tool works and nothing is recorded', async () => {
  const output = await run(tool(['A.md'], ['B.md']))
  assert.deepEqual(output.result, { success: true, message: 'wrote 2' })
})

test('a journal that is down does not stop the tool, and the message says the change was not recorded', async () => {
  const { journal, entries, calls } = recorder([1, 2])
  const output = await run(tool(['A.md', 'B.md', 'C.md'], []), journal)
  assert.equal(output.result.success, true)
  assert.deepEqual(calls, ['', ''], 'one try while running, one at the end')
  assert.equal(entries.length, 0)
  assert.equal(output.result.change_id, undefined)
  assert.match(
    String(output.result.message),
    /^wrote 3 The change was made but could not be recorded for undo/,
  )
})

test('a journal back by the end gets everything in order, in one entry', async () => {
  const { journal, entries, calls } = recorder([2])
  const output = await run(tool(['A.md', 'B.md', 'C.md'], ['D.md']), journal)
  assert.deepEqual(calls, ['record', '', 'extend'])
  assert.deepEqual(entries[0]?.changes, ['A.md', 'B.md', 'C.md', 'D.md'].map(change))
  assert.equal(output.result.message, 'wrote 4')
  assert.equal(output.result.change_id, 'e1')
})

test('a journal lost mid-call leaves a partial entry, and the message says so', async () => {
  const { journal, entries } = recorder([2, 3])
  const output = await run(tool(['A.md', 'B.md', 'C.md'], []), journal)
  assert.deepEqual(entries[0]?.changes, [change('A.md')])
  assert.equal(output.result.change_id, 'e1')
  assert.match(
    String(output.result.message),
    /only partly recorded for undo: e1 lacks the last files changed/,
  )
})

test('a tool that throws after some progress still reports the entry of what it changed', async () => {
  const { journal, entries } = recorder()
  const output = await run(tool(['A.md'], [], { throws: true }), journal)
  assert.equal(output.result.success, false)
  assert.equal(output.result.change_id, 'e1')
  assert.deepEqual(entries[0]?.changes, [change('A.md')])
  assert.equal(entries[0]?.summary, 'Unexpected error: disk full')
  assert.equal(output.effects?.changeId, 'e1')
})
