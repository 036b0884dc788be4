#!/usr/bin/env -S node --max-semi-space-size=16
// The `jasque` command: the compiled CLI when built, else the TypeScript sources (Node >= 22.18).
import './check-node.js'
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/cli/main.js', import.meta.url)
const entry = existsSync(compiled) ? compiled : new URL('../src/cli/main.ts', import.meta.url)
const { runCli } = await import(entry.href)
const controller = new AbortController()
process.once('SIGINT', () => controller.abort())
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
})
