import assert from 'node:assert/strict'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import { tmpVault } from '../helpers/tmp-vault.ts'

const linking = [
  '# Links',
  'plain [[Alpha]] alias [[Alpha|A]] heading [[Alpha#Intro]] block [[Alpha#^b1]] embed ![[Alpha]]',
  'path [[Projects/Alpha]] ext [[Alpha.md]] case [[alpha]]',
  'md [a](Projects/Alpha.md) angle [b](<Projects/Alpha.md>) heading [c](Projects/Alpha.md#Intro)',
  '| table | [[Alpha\\|A]] |',
  '`[[Alpha]]` in code',
  '```',
  '[[Alpha]]',
  '```',
  '',
].join('\n')

const files = {
  'Home.md': linking,
  'Projects/Alpha.md':
    '# Alpha\n\n## Intro\n\ntext ^b1\n\nSee [[Beta]] and [g](Sub/Gamma.md) and [h](../Home.md).\n',
  'Projects/Beta.md': 'beta\n',
  'Projects/Sub/Gamma.md': 'gamma links [[Alpha]]\n',
  'Map.canvas':
    '{\n\t"nodes":[\n\t\t{"id":"1","type":"file","file":"Projects/Alpha.md","x":0,"y":0}\n\t],\n\t"edges":[]\n}\n',
}

describe('obsidian_manage_structure', () => {
  test('renaming a note rewrites every link form to it, keeps aliases, headings, embeds, code untouched', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_manage_structure', {
      operation: 'rename',
      path: 'Projects/Alpha.md',
      new_path: 'Omega',
    })
    assert.equal(result.success, true, String(result.message))
    assert.equal(result.new_path, 'Projects/Omega.md')
    const home = await readFile(path.join(v.root, 'Home.md'), 'utf8')
    assert.equal(
      home,
      [
        '# Links',
        'plain [[Omega]] alias [[Omega|A]] heading [[Omega#Intro]] block [[Omega#^b1]] embed ![[Omega]]',
        'path [[Projects/Omega]] ext [[Omega.md]] case [[Omega]]',
        'md [a](Projects/Omega.md) angle [b](<Projects/Omega.md>) heading [c](Projects/Omega.md#Intro)',
        '| table | [[Omega\\|A]] |',
        '`[[Alpha]]` in code',
        '```',
        '[[Alpha]]',
        '```',
        '',
      ].join('\n'),
    )
    const canvas = await readFile(path.join(v.root, 'Map.canvas'), 'utf8')
    assert.equal(canvas, files['Map.canvas'].replace('Projects/Alpha.md', 'Projects/Omega.md'))
    assert.deepEqual([...(result.files_changed as string[])].sort(), [
      'Home.md',
      'Map.canvas',
      'Projects/Sub/Gamma.md',
    ])
    assert.equal(result.links_updated, 14)
    assert.equal(v.journal.length, 1)
  })

  test('dry_run reports what would change and changes nothing', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_manage_structure', {
      operation: 'move',
      path: 'Projects/Alpha.md',
      new_path: 'Archive/Alpha.md',
      dry_run: true,
    })
    assert.equal(result.success, true)
    assert.equal(result.links_updated, 5)
    const linkLines = result.link_lines as { path: string; lines: unknown[] }[]
    assert.deepEqual(linkLines.find((file) => file.path === 'Home.md')?.lines, [
      {
        line: 3,
        before: 'path [[Projects/Alpha]] ext [[Alpha.md]] case [[alpha]]',
        after: 'path [[Archive/Alpha]] ext [[Alpha.md]] case [[alpha]]',
      },
      {
        line: 4,
        before:
          'md [a](Projects/Alpha.md) angle [b](<Projects/Alpha.md>) heading [c](Projects/Alpha.md#Intro)',
        after: 'md [a](Archive/Alpha.md) angle [b](<Archive/Alpha.md>) heading [c](Archive/Alpha.md#Intro)',
      },
    ])
    assert.equal(await readFile(path.join(v.root, 'Home.md'), 'utf8'), linking)
    assert.equal(v.journal.length, 0)
  })

  test('moving a note into an existing folder fixes its own relative links and path links to it', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_manage_structure', {
      operation: 'move',
      path: 'Projects/Alpha.md',
      new_path: 'Projects/Sub',
    })
    assert.equal(result.success, true, String(result.message))
    assert.equal(result.new_path, 'Projects/Sub/Alpha.md')
    const moved = await readFile(path.join(v.root, 'Projects/Sub/Alpha.md'), 'utf8')
    // Sub/Gamma.md still resolves (by the end of its path); ../Home.md would not, so it is rewritten.
    assert.match(moved, /See \[\[Beta\]\] and \[g\]\(Sub\/Gamma\.md\) and \[h\]\(Home\.md\)\./)
    const home = await readFile(path.join(v.root, 'Home.md'), 'utf8')
    assert.match(home, /path \[\[Projects\/Sub\/Alpha\]\] ext \[\[Alpha\.md\]\] case \[\[alpha\]\]/)
    assert.match(home, /md \[a\]\(Projects\/Sub\/Alpha\.md\)/)
  })

  test('moving a folder keeps every link resolving to the same notes', async () => {
    await using v = await tmpVault(files)
    const before = new Map([...v.vault.index.notes()].map((note) => [note.path, [...note.resolved]]))
    const result = await v.call('obsidian_manage_structure', {
      operation: 'move',
      path: 'Projects',
      new_path: 'Work/Projects',
    })
    assert.equal(result.success, true, String(result.message))
    const moved = (p: string | undefined) => (p?.startsWith('Projects/') ? `Work/${p}` : p)
    for (const [oldPath, resolved] of before) {
      const note = v.vault.index.getNote(moved(oldPath) as string)
      assert.ok(note, oldPath)
      assert.deepEqual(note.resolved, resolved.map(moved), oldPath)
    }
    assert.ok(v.vault.index.getNote('Work/Projects/Sub/Gamma.md'))
  })

  test('renaming refuses an existing destination and a folder into itself', async () => {
    await using v = await tmpVault(files)
    const exists = await v.call('obsidian_manage_structure', {
      operation: 'rename',
      path: 'Projects/Alpha.md',
      new_path: 'Beta.md',
    })
    assert.equal(exists.success, false)
    assert.match(String(exists.message), /already exists/)
    const into = await v.call('obsidian_manage_structure', {
      operation: 'move',
      path: 'Projects',
      new_path: 'Projects/Sub/Deeper',
    })
    assert.equal(into.success, false)
    assert.match(String(into.message), /into itself/)
  })

  test('create_folder, delete_folder (force to trash) and list_structure', async () => {
    await using v = await tmpVault(files)
    assert.equal(
      (await v.call('obsidian_manage_structure', { operation: 'create_folder', path: 'New/Deep' })).success,
      true,
    )
    assert.equal(
      (await v.call('obsidian_manage_structure', { operation: 'create_folder', path: 'New/Deep' })).success,
      false,
    )
    const notEmpty = await v.call('obsidian_manage_structure', {
      operation: 'delete_folder',
      path: 'Projects',
    })
    assert.equal(notEmpty.success, false)
    assert.match(String(notEmpty.message), /force=true/)
    const forced = await v.call('obsidian_manage_structure', {
      operation: 'delete_folder',
      path: 'Projects',
      force: true,
    })
    assert.equal(forced.success, true, String(forced.message))
    assert.equal(await readFile(path.join(v.root, '.trash/Projects/Beta.md'), 'utf8'), 'beta\n')
    const root = await v.call('obsidian_manage_structure', {
      operation: 'delete_folder',
      path: '.',
      force: true,
    })
    assert.equal(root.success, false)
    const tree = await v.call('obsidian_manage_structure', { operation: 'list_structure', depth: 1 })
    const names = ((tree.structure as { children: { name: string }[] }).children ?? []).map(
      (node) => node.name,
    )
    assert.deepEqual(names, ['New', 'Home.md', 'Map.canvas'])
  })

  test('delete_folder refuses a folder whose only content is hidden or not indexed, and says what it holds', async () => {
    await using v = await tmpVault({ 'Repo/.git/HEAD': 'ref: refs/heads/main\n', 'Repo/.DS_Store': 'x' })
    const result = await v.call('obsidian_manage_structure', { operation: 'delete_folder', path: 'Repo' })
    assert.equal(result.success, false)
    assert.match(String(result.message), /holds \.DS_Store and \.git\/; pass force=true/)
    assert.equal(await readFile(path.join(v.root, 'Repo/.git/HEAD'), 'utf8'), 'ref: refs/heads/main\n')
    assert.equal(v.journal.length, 0)
  })

  test('delete_folder names a few entries and counts the rest', async () => {
    await using v = await tmpVault({
      'Box/.git/HEAD': 'x',
      'Box/.DS_Store': 'x',
      'Box/a.png': 'x',
      'Box/b.md': 'b',
      'Box/Sub/c.md': 'c',
    })
    const result = await v.call('obsidian_manage_structure', { operation: 'delete_folder', path: 'Box' })
    assert.equal(result.success, false)
    assert.match(String(result.message), /holds \.DS_Store, \.git\/ and 3 other entries; pass force=true/)
  })

  test('delete_folder removes a folder with no entry at all on disk without force', async () => {
    await using v = await tmpVault({ 'Home.md': 'home' })
    await mkdir(path.join(v.root, 'Empty'))
    await v.vault.refresh('Empty')
    const result = await v.call('obsidian_manage_structure', { operation: 'delete_folder', path: 'Empty' })
    assert.equal(result.success, true, String(result.message))
    assert.deepEqual((await readdir(v.root)).sort(), ['.trash', 'Home.md'])
  })

  test('delete_folder with force takes hidden content along into the trash', async () => {
    await using v = await tmpVault({ 'Repo/.git/HEAD': 'head\n', 'Repo/Note.md': 'note' })
    const result = await v.call('obsidian_manage_structure', {
      operation: 'delete_folder',
      path: 'Repo',
      force: true,
    })
    assert.equal(result.success, true, String(result.message))
    assert.equal(await readFile(path.join(v.root, '.trash/Repo/.git/HEAD'), 'utf8'), 'head\n')
  })

  test('delete_folder with force in a vault without trash says what undo cannot bring back', async () => {
    await using v = await tmpVault({
      '.obsidian/app.json': JSON.stringify({ trashOption: 'none' }),
      'Repo/.git/HEAD': 'head\n',
      'Repo/Note.md': 'note',
    })
    await writeFile(path.join(v.root, 'Repo/.DS_Store'), 'x')
    const result = await v.call('obsidian_manage_structure', {
      operation: 'delete_folder',
      path: 'Repo',
      force: true,
    })
    assert.equal(result.success, true, String(result.message))
    assert.match(
      String(result.message),
      /deleted permanently .*undo can recreate its 1 note but not 2 other files \(\.DS_Store, \.git\/HEAD\)/,
    )
    const changes = v.journal[0]?.changes ?? []
    assert.deepEqual(
      changes.map((change) => [change.kind, change.path, change.before === undefined ? '' : 'kept']),
      [
        ['delete', 'Repo/Note.md', 'kept'],
        ['delete', 'Repo', ''],
      ],
    )
  })
})
