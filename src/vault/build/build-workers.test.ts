import assert from 'node:assert/strict'
import { test } from 'node:test'
import { processSemiSpaceMb, startBuildWorkers } from './build-workers.ts'

test('processSemiSpaceMb reads the flag from the command line or NODE_OPTIONS, 0 when absent', () => {
  assert.equal(processSemiSpaceMb(['--max-semi-space-size=16'], ''), 16)
  assert.equal(processSemiSpaceMb(['--expose-gc'], '--max_semi_space_size=32'), 32)
  assert.equal(processSemiSpaceMb(['--max-semi-space-size', '4'], ''), 4)
  assert.equal(processSemiSpaceMb([], ''), 0)
})

const script = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`)

test('startBuildWorkers starts workers that run, and a failing one reports to its listener', async () => {
  const echo = script(
    'import { parentPort, workerData } from "node:worker_threads"; parentPort.postMessage(workerData)',
  )
  const workers = startBuildWorkers(2, echo, 'hello')
  const messages = await Promise.all(
    workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))),
  )
  assert.deepEqual(messages, ['hello', 'hello'])
  await Promise.all(workers.map((worker) => worker.terminate()))
  const [failing] = startBuildWorkers(1, script('throw new Error("boom")'), null)
  const error = await new Promise<Error>((resolve) => failing?.once('error', resolve))
  assert.match(error.message, /boom/)
})
