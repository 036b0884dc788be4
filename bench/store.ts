/**
 * Store benchmark: the cost of recording one journal entry (with a 2 KB before-image) and one agent
 * run (with 2 tool calls), on SQLite and on PostgreSQL. Run alone with `node bench/store.ts`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createSilentLogger } from '../src/log.ts'
import { type AgentRunInput, createStore, type JournalEntryInput, type Store } from '../src/store/index.ts'
import { ADMIN_DATABASE_URL, testDatabaseUrl } from '../test/helpers/test-drivers.ts'

const RECORDS = 500
const WARMUP = 20

const journalInput: JournalEntryInput = {
  source: { kind: 'chat', requestId: 'bench', conversationId: 'bench' },
  tool: 'obsidian_manage_notes',
  operation: 'replace',
  paths: ['Bench/Note.md'],
  changes: [
    {
      kind: 'modify',
      path: 'Bench/Note.md',
      before: new Uint8Array(randomBytes(2048)),
      beforeHash: 'a'.repeat(64),
      afterHash: 'b'.repeat(64),
    },
  ],
}

const runInput: AgentRunInput = {
  requestId: 'chatcmpl-bench',
  conversationId: 'bench',
  model: 'anthropic:claude-sonnet-4-5',
  startedAt: new Date(),
  finishedAt: new Date(),
  inputTokens: 1000,
  outputTokens: 200,
  outcome: 'ok',
  toolCalls: [
    { name: 'obsidian_query_vault', operation: 'search', paths: [], durationMs: 5, ok: true },
    { name: 'obsidian_manage_notes', operation: 'append', paths: ['Bench/Note.md'], durationMs: 9, ok: true },
  ],
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 3000 })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN
}

async function measure(action: () => Promise<unknown>): Promise<{ median: number; p99: number }> {
  for (let index = 0; index < WARMUP; index += 1) await action()
  const times: number[] = []
  for (let index = 0; index < RECORDS; index += 1) {
    const started = performance.now()
    await action()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) }
}

async function benchStore(store: Store): Promise<string[]> {
  const journal = await measure(() => store.journal.record(journalInput))
  const runs = await measure(() => store.runs.record(runInput))
  const format = (ms: number) => `${ms.toFixed(2)} ms`
  return [
    `| ${store.provider} | journal.record (2 KB before-image) | ${format(journal.median)} | ${format(journal.p99)} |`,
    `| ${store.provider} | runs.record (2 tool calls) | ${format(runs.median)} | ${format(runs.p99)} |`,
  ]
}

/** Prints a Markdown table of median and p99 record times on SQLite and PostgreSQL. */
export async function runStoreBench(print: (line: string) => void): Promise<void> {
  const log = createSilentLogger()
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'jasque-bench-store-'))
  const lines: string[] = []
  try {
    const sqlite = await createStore({ dataDir, log, autoPrune: false })
    try {
      lines.push(...(await benchStore(sqlite)))
    } finally {
      await sqlite.close()
    }
    const database = `jasque_bench_${randomBytes(6).toString('hex')}`
    try {
      await adminQuery(`create database ${database}`)
    } catch (error) {
      lines.push(`| postgresql | skipped: ${ADMIN_DATABASE_URL} not reachable (${String(error)}) | | |`)
    }
    if (lines.length === 2) {
      try {
        const postgres = await createStore({
          databaseUrl: testDatabaseUrl(database),
          dataDir,
          log,
          autoPrune: false,
        })
        try {
          lines.push(...(await benchStore(postgres)))
        } finally {
          await postgres.close()
        }
      } finally {
        await adminQuery(`drop database if exists ${database} with (force)`)
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
  print(`Store: ${RECORDS} sequential records each, after ${WARMUP} warm-up records`)
  print('')
  print('| driver | operation | median | p99 |')
  print('|---|---|---|---|')
  for (const line of lines) print(line)
}

if (import.meta.main) await runStoreBench((line) => console.log(line))
