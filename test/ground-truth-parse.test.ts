import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { type NoteLink, type ParsedNote, parseNote } from '../src/vault/index.ts'
import { generateVault } from './helpers/bench-vault.ts'

interface NoteTruth {
  path: string
  tags: string[]
  tasks: { open: number; done: number; other: number }
  out_links: number
}

test('parsing a generated 1k-note vault matches its ground truth note by note', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jasque-truth-'))
  t.after(() => fs.rm(dir, { recursive: true, force: true }))
  const { root: vault } = generateVault(dir, 1000, { perNote: true })
  const lines = (await fs.readFile(`${vault}.manifest.notes.jsonl`, 'utf8')).trim().split('\n')
  const truths = lines.map((line) => JSON.parse(line) as NoteTruth)
  const parsed = new Map<string, ParsedNote>()
  for (const truth of truths) {
    parsed.set(truth.path, parseNote(await fs.readFile(path.join(vault, truth.path), 'utf8'), truth.path))
  }
  const resolve = createResolver(truths.map((truth) => truth.path))

  for (const truth of truths) {
    const note = parsed.get(truth.path)!
    const tags = note.tags.map((tag) => tag.toLowerCase()).sort()
    assert.deepEqual(tags, truth.tags, `tags of ${truth.path}`)
    const tasks = { open: 0, done: 0, other: 0 }
    for (const task of note.tasks) {
      if (task.status === ' ') tasks.open++
      else if (task.status === 'x' || task.status === 'X') tasks.done++
      else tasks.other++
    }
    assert.deepEqual(tasks, truth.tasks, `tasks of ${truth.path}`)
    // out_links counts links that resolve to another note (not attachments, missing notes or itself).
    const outLinks = note.links.filter((link) => {
      const target = resolve(link)
      return target !== undefined && target !== truth.path
    }).length
    assert.equal(outLinks, truth.out_links, `resolved outgoing links of ${truth.path}`)
  }
})

/** A minimal resolver for the generated vault: exact path, else a unique basename, any case. */
function createResolver(notePaths: string[]): (link: NoteLink) => string | undefined {
  const byPath = new Map<string, string>()
  const byName = new Map<string, string[]>()
  for (const notePath of notePaths) {
    const key = notePath.slice(0, -3).toLowerCase()
    byPath.set(key, notePath)
    const name = key.slice(key.lastIndexOf('/') + 1)
    byName.set(name, [...(byName.get(name) ?? []), notePath])
  }
  return (link) => {
    let target = link.target.toLowerCase()
    if (target === '') return undefined
    if (target.endsWith('.md')) target = target.slice(0, -3)
    else if (/\.[a-z0-9]{2,4}$/.test(target)) return undefined
    if (target.includes('/')) return byPath.get(target)
    const matches = byName.get(target) ?? []
    return matches.length === 1 ? matches[0] : undefined
  }
}
