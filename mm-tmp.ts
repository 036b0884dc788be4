import { createVault, createScope, listTasks, findByName, findByTag, countTags, searchText } from '/work/main/src/vault/index.ts'
import { createSilentLogger } from '/work/main/src/log.ts'
const v = await createVault({ root: '/tmp/jasque-bench/v50000', log: createSilentLogger(), watch: false, threads: process.argv[2] === undefined ? undefined : Number(process.argv[2]) })
let t = performance.now()
await v.start()
console.log('build', (performance.now() - t).toFixed(0), 'rss', (process.memoryUsage().rss / 1e6).toFixed(0), 'heap', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'ext', (process.memoryUsage().external / 1e6).toFixed(0))
