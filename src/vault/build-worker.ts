/** Worker thread of the initial index build: analyses the batches it is sent. */
import { parentPort } from 'node:worker_threads'
import { analyzeBatch } from './analyze-batch.ts'

parentPort?.on(
  'message',
  (message: { id: number; root: string; paths: { path: string; diskPath?: string }[] }) => {
    const batch = analyzeBatch(message.root, message.paths)
    parentPort?.postMessage({ id: message.id, batch }, [batch.buffer])
  },
)
