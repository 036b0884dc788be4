/** Worker thread of the initial index build: analyses the batches of note ids it is sent. */
import { parentPort, workerData } from 'node:worker_threads'
import { type BatchAnalyzerInit, createBatchAnalyzer } from './analyze-batch.ts'

const analyzer = createBatchAnalyzer(workerData as BatchAnalyzerInit)

parentPort?.on('message', (noteIds: number[]) => {
  const batch = analyzer.analyze(noteIds)
  parentPort?.postMessage(batch, [batch.bytes, batch.notes.buffer, batch.refs.buffer, batch.mtimes.buffer])
})
