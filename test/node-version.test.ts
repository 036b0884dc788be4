/** Old Node gets one clear line and exit code 2, not ERR_UNKNOWN_FILE_EXTENSION ".ts". */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
// @ts-expect-error: a plain-JavaScript module without types, on purpose (it must run on old Node).
import { isSupportedNode } from '../bin/check-node.js'
import { REPOSITORY } from './helpers/jasque-process.ts'

const OLD_NODE = '/usr/bin/node'
const packageJson = JSON.parse(readFileSync(path.join(REPOSITORY, 'package.json'), 'utf8'))

test('versions from 22.18 on are supported, older ones are not', () => {
  const cases: [string, boolean][] = [
    ['v20.20.2', false],
    ['22.17.1', false],
    ['v22.18.0', true],
    ['22.20.0', true],
    ['23.0.0', true],
    ['24.1.0', true],
    ['garbage', false],
  ]
  for (const [version, expected] of cases) assert.equal(isSupportedNode(version), expected, version)
})

test('npm start, npm run cli and engines all name the minimum', () => {
  assert.equal(packageJson.engines.node, '>=22.18')
  for (const script of ['start', 'cli', 'demo'])
    assert.match(packageJson.scripts[script], /^node --import \.\/bin\/check-node\.js /, script)
  assert.match(readFileSync(path.join(REPOSITORY, 'bin/jasque.js'), 'utf8'), /^import '\.\/check-node\.js'$/m)
})

/** The command of an npm script, split into node's arguments (after `node`). */
const scriptArguments = (name: string) => (packageJson.scripts[name] as string).split(' ').slice(1)

const oldNode = spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' })
const oldVersion = oldNode.status === 0 ? oldNode.stdout.trim() : undefined
const skip =
  !existsSync(OLD_NODE) || oldVersion === undefined || isSupportedNode(oldVersion)
    ? `no Node older than 22.18 at ${OLD_NODE}`
    : false

for (const [name, args] of [
  ['npm start', scriptArguments('start')],
  ['npm run cli', scriptArguments('cli')],
  ['bin/jasque.js', ['bin/jasque.js', '--help']],
] as const) {
  test(`${name} on Node ${oldVersion ?? 'older than 22.18'} says which Node is needed, in one line`, {
    skip,
  }, () => {
    const run = spawnSync(OLD_NODE, args, {
      cwd: REPOSITORY,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    })
    assert.equal(run.status, 2)
    assert.equal(
      run.stderr,
      `Jasque needs Node 22.18 or newer (this is ${oldVersion}): install a newer Node, see README\n`,
    )
    assert.doesNotMatch(run.stderr, /ERR_UNKNOWN_FILE_EXTENSION/)
  })
}
