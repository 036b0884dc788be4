import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { loadConfig } from './config.ts'
import type { ConfigError } from './errors.ts'

const cwd = mkdtempSync(path.join(tmpdir(), 'jasque-config-'))
const load = (env: Record<string, string>) =>
  loadConfig({ env: { OBSIDIAN_VAULT_PATH: cwd, ...env }, cwd, readDotEnv: false })

test('an invalid value does not hide the other problems', () => {
  assert.throws(
    () => load({ PORT: 'abc', OBSIDIAN_VAULT_PATH: path.join(cwd, 'missing'), LLM_MODEL: 'nope' }),
    (error: ConfigError) => {
      assert.match(error.message, /PORT/)
      assert.match(error.message, /OBSIDIAN_VAULT_PATH .*does not exist/)
      assert.match(error.message, /LLM_MODEL must look like provider:model/)
      return true
    },
  )
})

test('empty or fractional numbers are refused, whole numbers and unset values are not', () => {
  for (const value of ['', ' ', '1.5', '12a'])
    assert.throws(() => load({ PORT: value }), /PORT: must be a whole number/)
  assert.equal(load({ PORT: '0' }).port, 0)
  assert.equal(load({ PORT: ' 9000 ' }).port, 9000)
  assert.equal(load({}).port, 8123)
})

test('ANTHROPIC_BASE_URL is accepted with or without /v1', () => {
  for (const [value, expected] of [
    ['https://gateway.example', 'https://gateway.example/v1'],
    ['https://gateway.example/', 'https://gateway.example/v1'],
    ['https://gateway.example/v1', 'https://gateway.example/v1'],
    ['https://gateway.example/anthropic/v1/', 'https://gateway.example/anthropic/v1'],
    ['https://gateway.example/anthropic', 'https://gateway.example/anthropic/v1'],
  ]) {
    assert.equal(load({ ANTHROPIC_BASE_URL: value as string }).llm.anthropicBaseUrl, expected, value)
  }
  assert.equal(load({}).llm.anthropicBaseUrl, undefined)
})

test('a missing vault points to npm run demo', () => {
  assert.throws(
    () => loadConfig({ env: {}, cwd, readDotEnv: false }),
    /OBSIDIAN_VAULT_PATH is not set.*npm run demo/,
  )
})
