/**
 * `npm run bench`: every benchmark of Jasque, printed as Markdown tables with the machine they ran
 * on. Options: --sizes 1000,10000,50000 (vault sizes), --only vault|store|… (one section).
 */
import { spawnSync } from 'node:child_process'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { runApiBench } from './api.ts'
import { runDatadogBench } from './datadog.ts'
import { runMcpBench } from './mcp.ts'
import { runOtelBench } from './otel.ts'
import { runStartupBench } from './startup.ts'
import { runStoreBench } from './store.ts'
import { runToolsBench } from './tools.ts'
import { runVaultBench } from './vault.ts'
import { runWarmStartBench } from './warm-start.ts'

const sections: Record<string, (print: (line: string) => void, sizes: number[]) => Promise<void>> = {
  vault: runVaultBench,
  warm: runWarmStartBench,
  store: (print) => runStoreBench(print),
  startup: (print) => runStartupBench(print),
  api: (print) => runApiBench(print),
  tools: runToolsBench,
  datadog: (print) => runDatadogBench(print),
  otel: (print) => runOtelBench(print),
  mcp: (print) => runMcpBench(print),
}

function ensureRipgrep(print: (line: string) => void): void {
  if (spawnSync('rg', ['--version']).status === 0) return
  if (process.getuid?.() !== 0) {
    print('ripgrep (the reference for text search) is missing: install it (apt-get install ripgrep).')
    return
  }
  print('ripgrep (the reference for text search) is missing: installing it from Debian…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', 'ripgrep'], { stdio: 'ignore', env }).status === 0
  if (!install()) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', env })
    install()
  }
  if (spawnSync('rg', ['--version']).status !== 0) print('ripgrep could not be installed; its rows show n/a.')
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    only: { type: 'string' },
  },
})
const sizes = values.sizes
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isInteger(size) && size > 0)
const print = (line: string) => process.stdout.write(`${line}\n`)
const cpu = cpus()[0]?.model ?? 'unknown CPU'
print(`# Jasque benchmarks\n`)
print(
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
)
ensureRipgrep(print)
for (const [name, run] of Object.entries(sections)) {
  if (values.only !== undefined && values.only !== name) continue
  await run(print, sizes)
}
