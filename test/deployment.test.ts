/**
 * The deployment files agree with the package: the Dockerfile starts what `start:prod` starts, on
 * the default port, with a health check on /health; the compose files merge into an app service
 * that preloads dd-trace and passes every Datadog variable.
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/config.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
const dockerfile = read('Dockerfile')
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))

function hasDockerCompose(): boolean {
  return spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0
}

test('the image runs the command of npm run start:prod', () => {
  const cmd = /^CMD (\[.*\])$/m.exec(finalStage)?.[1]
  assert.ok(cmd, 'the final stage has an exec-form CMD')
  assert.equal((JSON.parse(cmd) as string[]).join(' '), scripts['start:prod'])
})

test('start:datadog is start:prod with the dd-trace preload first', () => {
  assert.equal(
    scripts['start:datadog'],
    scripts['start:prod']?.replace(/^node /, 'node --import dd-trace/initialize.mjs '),
  )
})

test('the image exposes the default port, listens on all interfaces and checks /health', () => {
  const defaultPort = loadConfig({ env: { OBSIDIAN_VAULT_PATH: root }, readDotEnv: false }).port
  assert.equal(/^EXPOSE (\d+)$/m.exec(finalStage)?.[1], String(defaultPort))
  assert.match(finalStage, new RegExp(`^ENV [^]*PORT=${defaultPort}`, 'm'))
  assert.match(finalStage, /HOST=0\.0\.0\.0/)
  // The health check follows PORT (a container on the host network listens elsewhere).
  assert.match(
    finalStage,
    new RegExp(
      `HEALTHCHECK [^]*http://127\\.0\\.0\\.1:\\$\\{process\\.env\\.PORT \\|\\| ${defaultPort}\\}/health`,
    ),
  )
})

test('the image runs as the non-root node user on node:24-slim with production dependencies only', () => {
  for (const from of dockerfile.matchAll(/^FROM (\S+)/gm)) assert.equal(from[1], 'node:24-slim')
  assert.match(finalStage, /^USER node$/m)
  assert.match(dockerfile, /npm ci --omit=dev/)
})

test('the compose files merge into an app that preloads dd-trace and passes every DD variable', {
  skip: hasDockerCompose() ? false : 'docker-compose is not installed (apt-get install docker-compose)',
}, () => {
  const output = execFileSync('sh', ['scripts/check-compose.sh'], { cwd: root, encoding: 'utf8' })
  assert.match(output, /check-compose: ok/)
})
