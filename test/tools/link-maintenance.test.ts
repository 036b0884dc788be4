/**
 * On the generated 1k-note benchmark vault: moving the hub note and a whole folder keeps every
 * link resolving to the same note, and changes no byte outside the rewritten links.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { createSilentLogger } from '../../src/log.ts'
import { executeTool, manageStructureTool as tool } from '../../src/tools/index.ts'
import { createVault, decodeNote, parseNote } from '../../src/vault/index.ts'
import { generateVault } from '../helpers/bench-vault.ts'
import { tmpDir } from '../helpers/tmp-dir.ts'

/** The text with every link replaced by a marker: equal skeletons = only links changed. */
function skeleton(text: string, notePath: string): string {
  const links = parseNote(text, notePath).links.sort((a, b) => b.range.start - a.range.start)
  let result = text
  for (const link of links)
    result = `${result.slice(0, link.range.start)}\u0000${result.slice(link.range.end)}`
  return result
}

test('moving the hub note and a folder of the benchmark vault keeps every link and every other byte', async () => {
  await using dir = await tmpDir()
  const { root, manifest } = generateVault(dir.path, 1000)
  const vault = await createVault({ root, log: createSilentLogger(), watch: false })
  await vault.start()
  const context = { vault, signal: new AbortController().signal, source: { kind: 'cli' as const } }

  const hub = manifest.special_paths.hub as string
  const folder = vault.index
    .folders()
    .find((candidate) => !candidate.includes('/') && !hub.startsWith(`${candidate}/`)) as string
  const moves = new Map<string, string>()
  const newHub = `Moved Here/${path.basename(hub, '.md')} (hub).md`
  moves.set(hub, newHub)
  for (const file of vault.index.files())
    if (file.path.startsWith(`${folder}/`)) moves.set(file.path, `Archive 2/${file.path}`)
  const finalPath = (p: string) => moves.get(p) ?? p

  const before = new Map<string, { resolved: (string | undefined)[]; text: string }>()
  for (const note of vault.index.notes()) {
    before.set(note.path, {
      resolved: note.resolved,
      text: decodeNote(readFileSync(path.join(root, note.path))).text,
    })
  }

  const hubMove = await executeTool(tool, { operation: 'move', path: hub, new_path: newHub }, context)
  assert.equal(hubMove.result.success, true, String(hubMove.result.message))
  const folderMove = await executeTool(
    tool,
    { operation: 'move', path: folder, new_path: `Archive 2/${folder}` },
    context,
  )
  assert.equal(folderMove.result.success, true, String(folderMove.result.message))
  assert.ok((hubMove.result.links_updated as number) >= manifest.backlinks[0]!.expected_count)

  let checkedLinks = 0
  for (const [oldPath, old] of before) {
    const note = vault.index.getNote(finalPath(oldPath))
    assert.ok(note, `${oldPath} is still indexed at ${finalPath(oldPath)}`)
    const resolvedNow = note.resolved
    assert.deepEqual(
      resolvedNow,
      old.resolved.map((target) => (target === undefined ? undefined : finalPath(target))),
      `links of ${oldPath}`,
    )
    checkedLinks += resolvedNow.length
    const text = decodeNote(readFileSync(path.join(root, note.path))).text
    assert.equal(skeleton(text, note.path), skeleton(old.text, oldPath), `only links changed in ${oldPath}`)
  }
  assert.ok(checkedLinks > 10_000)
  await vault.close()
})
