/** Worker thread of the warm start: walks and stats the vault while the main thread loads the snapshot. */
import { parentPort, workerData } from 'node:worker_threads'
import { walkVault } from './walk.ts'

const { root } = workerData as { root: string }
parentPort?.postMessage(await walkVault(root))
