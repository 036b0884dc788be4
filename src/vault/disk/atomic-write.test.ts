import assert from 'node:assert/strict'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { atomicWrite, cleanupTempFiles, TEMP_PREFIX } from './atomic-write.ts'

async function tmpDir(t: { after: (fn: () => Promise<void>) => void }) {
  const base = await mkdtemp(path.join(tmpdir(), 'jasque-atomic-'))
  t.after(() => rm(base, { recursive: true, force: true }))
  return base
}

test('atomicWrite creates a new file with the given text and leaves no temp file', async (t) => {
  const dir = await tmpDir(t)
  const target = path.join(dir, 'Note.md')
  await atomicWrite(target, 'héllo\n')
  assert.equal(await readFile(target, 'utf8'), 'héllo\n')
  assert.deepEqual(await readdir(dir), ['Note.md'])
})

test('atomicWrite replaces an existing file with the exact bytes given', async (t) => {
  const dir = await tmpDir(t)
  const target = path.join(dir, 'Note.md')
  await writeFile(target, 'old content that is longer')
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a])
  await atomicWrite(target, bytes)
  assert.deepEqual(new Uint8Array(await readFile(target)), bytes)
})

test('atomicWrite preserves the mode of the file it replaces', async (t) => {
  const dir = await tmpDir(t)
  const target = path.join(dir, 'script.md')
  await writeFile(target, 'a')
  await chmod(target, 0o755)
  await atomicWrite(target, 'b')
  assert.equal((await stat(target)).mode & 0o777, 0o755)
})

test('atomicWrite uses options.mode when given, even over an existing mode', async (t) => {
  const dir = await tmpDir(t)
  const target = path.join(dir, 'private.md')
  await writeFile(target, 'a')
  await chmod(target, 0o644)
  await atomicWrite(target, 'b', { mode: 0o600 })
  assert.equal((await stat(target)).mode & 0o777, 0o600)
})

test('atomicWrite gives a new file 0o644 reduced by the umask', async (t) => {
  const dir = await tmpDir(t)
  const target = path.join(dir, 'new.md')
  await atomicWrite(target, 'x')
  const umask = process.umask()
  assert.equal((await stat(target)).mode & 0o777, 0o644 & ~umask)
})

test('atomicWrite fails without touching anything when the folder is missing', async (t) => {
  const dir = await tmpDir(t)
  await assert.rejects(atomicWrite(path.join(dir, 'missing', 'x.md'), 'x'), { code: 'ENOENT' })
  assert.deepEqual(await readdir(dir), [])
})

test('atomicWrite removes its temp file and keeps the target when the rename fails', async (t) => {
  const dir = await tmpDir(t)
  // Renaming a file over a non-empty folder fails after the temp file was written.
  const target = path.join(dir, 'Folder')
  await mkdir(target)
  await writeFile(path.join(target, 'inside.md'), 'keep')
  await assert.rejects(atomicWrite(target, 'x'))
  assert.deepEqual((await readdir(dir)).sort(), ['Folder'])
  assert.equal(await readFile(path.join(target, 'inside.md'), 'utf8'), 'keep')
})

test('concurrent atomicWrites to one file leave exactly one of the versions', async (t) => {
  const dir = await tmpDir(t)
  const target = path.join(dir, 'race.md')
  const versions = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(1000 + i))
  await Promise.all(versions.map((version) => atomicWrite(target, version)))
  assert.ok(versions.includes(await readFile(target, 'utf8')))
  assert.deepEqual(await readdir(dir), ['race.md'])
})

test('cleanupTempFiles removes leftover temp files everywhere, hidden folders included, and nothing else', async (t) => {
  const dir = await tmpDir(t)
  await mkdir(path.join(dir, 'A', 'B'), { recursive: true })
  await mkdir(path.join(dir, '.obsidian'))
  const leftovers = [
    `${TEMP_PREFIX}0123456789abcdef`,
    `A/B/${TEMP_PREFIX}fedcba9876543210`,
    `.obsidian/${TEMP_PREFIX}00000000ffffffff`,
  ]
  const kept = ['A/note.md', `A/${TEMP_PREFIX}not-ours.md`, '.obsidian/app.json']
  for (const file of [...leftovers, ...kept]) await writeFile(path.join(dir, file), 'x')
  assert.deepEqual(await cleanupTempFiles(dir), [...leftovers].sort())
  for (const file of kept) await stat(path.join(dir, file))
  assert.deepEqual(await cleanupTempFiles(dir), [])
})

test('cleanupTempFiles spares temp files younger than olderThanMs', async (t) => {
  const dir = await tmpDir(t)
  const fresh = `${TEMP_PREFIX}1111111111111111`
  const old = `${TEMP_PREFIX}2222222222222222`
  await writeFile(path.join(dir, fresh), 'x')
  await writeFile(path.join(dir, old), 'x')
  const hourAgo = new Date(Date.now() - 3_600_000)
  await utimes(path.join(dir, old), hourAgo, hourAgo)
  assert.deepEqual(await cleanupTempFiles(dir, { olderThanMs: 60_000 }), [old])
  assert.deepEqual(await readdir(dir), [fresh])
})
