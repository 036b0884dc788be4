/**
 * The image for real (scripts/docker-ci.sh builds it and runs this): a container with a mounted
 * temporary vault, on the host network and 127.0.0.1 only, becomes ready and healthy, runs as the
 * `node` user (uid 1000), and a note written through the API (a chat turn against a fake model on
 * the host) lands in the mounted vault owned by uid 1000. Skipped without a Docker engine or image.
 */
import assert from 'node:assert/strict'
import { chown, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { startFakeAnthropic } from '../helpers/fake-anthropic.ts'
import {
  API_KEY,
  assertDocker,
  chat,
  containerLogs,
  containerVault,
  createNoteTurn,
  docker,
  freePort,
  IMAGE,
  missingDocker,
  NODE_UID,
  skipUnlessDocker,
  waitFor,
  waitForReady,
} from './docker.ts'

const missing = missingDocker()

test('the image serves a mounted vault as uid 1000: ready, healthy, and a note written through the API', {
  skip: skipUnlessDocker(missing),
  timeout: 180_000,
}, async (t) => {
  assertDocker(missing)
  const fake = await startFakeAnthropic()
  const vault = await containerVault('jasque-docker-vault-')
  const name = `jasque-ci-image-${process.pid}`
  t.after(async () => {
    await docker(['rm', '-f', '-v', name]).catch(() => undefined)
    await fake.close()
    await rm(vault, { recursive: true, force: true })
  })
  const seed = path.join(vault, 'Home.md')
  await writeFile(seed, '# Home\n\nThe garden needs water.\n')
  if (process.getuid?.() === 0) await chown(seed, NODE_UID, NODE_UID)

  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  // The image's own health check, polled every 2 s instead of 30 s to keep the test short.
  await docker([
    'run',
    '--detach',
    '--name',
    name,
    '--network',
    'host',
    '--health-interval',
    '2s',
    '--volume',
    `${vault}:/vault:rw`,
    '--env',
    'HOST=127.0.0.1',
    '--env',
    `PORT=${port}`,
    '--env',
    `JASQUE_API_KEY=${API_KEY}`,
    '--env',
    'ANTHROPIC_API_KEY=test-key',
    '--env',
    `ANTHROPIC_BASE_URL=${fake.baseUrl}`,
    '--env',
    'LLM_MAX_RETRIES=0',
    IMAGE,
  ])
  const logs = () => containerLogs(name)

  await waitForReady(baseUrl, logs)
  const health = await waitFor(
    async () => {
      const status = (await docker(['inspect', '--format', '{{.State.Health.Status}}', name])).trim()
      return status === 'healthy' ? status : undefined
    },
    async () => `the health check did not turn healthy\n${await logs()}`,
    60_000,
  )
  assert.equal(health, 'healthy')

  // PID 1 of the container is the Node process of the image's CMD.
  const status = await docker(['exec', name, 'cat', '/proc/1/status'])
  const uids = /^Uid:\s+(.+)$/m.exec(status)?.[1]?.split(/\s+/).map(Number)
  assert.deepEqual(uids, [NODE_UID, NODE_UID, NODE_UID, NODE_UID], status)
  const cmdline = (await docker(['exec', name, 'cat', '/proc/1/cmdline'])).split('\0').join(' ')
  assert.match(cmdline, /^node .*dist\/main\.js/)

  fake.enqueue(...createNoteTurn('Docker/From the container.md', 'Written inside Docker.'))
  const answer = await chat(baseUrl, 'Note that this was written inside Docker.')
  assert.match(answer, /Saved Docker\/From the container\.md/)
  const written = path.join(vault, 'Docker', 'From the container.md')
  assert.match(await readFile(written, 'utf8'), /Written inside Docker\./)
  const info = await stat(written)
  assert.deepEqual([info.uid, info.gid], [NODE_UID, NODE_UID], 'the note belongs to the node user')
  assert.equal(fake.requests.length, 2, 'the container reached the fake model on the host')
})
