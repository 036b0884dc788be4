import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import { createSilentLogger } from '../log.ts'
import { createVault } from '../vault/index.ts'
import type { CliCommand } from './command.ts'

const usage = `Usage: jasque index [--json]

Builds the index of the vault at OBSIDIAN_VAULT_PATH and prints its statistics:
notes, files, folders, links (and unresolved ones), tags, tasks, build time and memory.

Options:
  --json    print the statistics as one JSON object
  -h, --help  show this help`

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** `jasque index`: build the index once and report what is in the vault. */
export const indexCommand: CliCommand = {
  name: 'index',
  summary: 'build the vault index and print statistics',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false } },
      strict: true,
    })
    const config = loadConfig({ env: io.env, cwd: io.cwd })
    const vault = await createVault({
      root: config.vaultPath,
      log: createSilentLogger(),
      watch: false,
      snapshotDir: config.dataDir,
    })
    let lastReport = 0
    const build = await vault.start({
      onProgress: (done, total) => {
        const now = Date.now()
        if (now - lastReport < 500 || values.json) return
        lastReport = now
        io.stderr(`indexing… ${done}/${total} notes\n`)
      },
    })
    const stats = vault.index.stats()
    const memory = process.memoryUsage()
    const report = {
      vault: config.vaultPath,
      notes: stats.notes,
      files: stats.files,
      folders: stats.folders,
      links: stats.links,
      unresolved_links: stats.unresolvedLinks,
      tags: stats.tags,
      tasks: stats.tasks,
      failures: build.failures,
      build_ms: build.ms,
      rss_bytes: memory.rss,
      heap_used_bytes: memory.heapUsed,
    }
    await vault.close()
    if (values.json) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`)
      return 0
    }
    io.stdout(
      [
        `Vault       ${report.vault}`,
        `Notes       ${report.notes}`,
        `Files       ${report.files} (notes and attachments)`,
        `Folders     ${report.folders}`,
        `Links       ${report.links} (${report.unresolved_links} unresolved)`,
        `Tags        ${report.tags}`,
        `Tasks       ${stats.tasks.open} open, ${stats.tasks.done} done, ${stats.tasks.other} other`,
        ...(build.failures > 0 ? [`Unreadable  ${build.failures} notes (see logs)`] : []),
        `Build time  ${(report.build_ms / 1000).toFixed(2)} s`,
        `Memory      ${formatMegabytes(report.rss_bytes)} RSS, ${formatMegabytes(report.heap_used_bytes)} heap`,
        '',
      ].join('\n'),
    )
    return 0
  },
}
