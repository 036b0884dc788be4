import assert from 'node:assert/strict'
import { symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import { tmpDir } from '../helpers/tmp-dir.ts'
import { tmpVault } from '../helpers/tmp-vault.ts'

const files = {
  'Home.md': '# Home\n\nSee [[Alpha]] and [[Projects/Beta|the beta]] and ![[diagram.png]].\n- [ ] call Bob\n',
  'Projects/Alpha.md':
    '---\ntags: [project, Project/Alpha]\naliases: [First Letter]\n---\n# Alpha\n\nAlpha is about apples. Apples!\n\n- [x] done thing\n- [ ] open thing\n- [/] half thing\n',
  'Projects/Beta.md':
    'Beta mentions alpha once.\n#project/beta #Idea\n\n```\n[[Alpha]] #notatag\n- [ ] not a task\n```\n',
  'Projects/Sub/Gamma.md': 'Gamma links [Alpha](../Alpha.md) and [home](<../../Home.md>).\n',
  'Archive/Old Alpha Notes.md': 'nothing here\n',
  'copilot/Chat.md': 'alpha in a copilot chat #project\n',
  'Attachments/diagram.png': new Uint8Array([137, 80, 78, 71]),
  '.obsidian/hidden.md': 'alpha #hidden\n',
}

describe('obsidian_query_vault', () => {
  test('search_text ranks name matches first, then hit counts, and skips excluded and hidden folders', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_query_vault', { operation: 'search_text', query: 'ALPHA' })
    assert.equal(result.success, true)
    const paths = (result.results as { path: string }[]).map((item) => item.path)
    assert.deepEqual(paths, ['Projects/Alpha.md', 'Projects/Beta.md', 'Projects/Sub/Gamma.md', 'Home.md'])
    const alpha = (result.results as { path: string; match_count: number; line_number: number }[])[0]
    // Frontmatter counts too: `Project/Alpha` on line 2, then `# Alpha` and the body.
    assert.equal(alpha?.match_count, 3)
    assert.equal(alpha?.line_number, 2)
    assert.equal(result.total_count, 4)
    assert.equal(result.truncated, false)
  })

  test('search_text with a limit reports the total before the limit and truncated', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_query_vault', {
      operation: 'search_text',
      query: 'alpha',
      limit: 2,
    })
    assert.equal((result.results as unknown[]).length, 2)
    assert.equal(result.total_count, 4)
    assert.equal(result.truncated, true)
  })

  test('search_text path limits the scope to a single note, and explicitly into an excluded folder', async () => {
    await using v = await tmpVault(files)
    const one = await v.call('obsidian_query_vault', {
      operation: 'search_text',
      query: 'alpha',
      path: 'Projects/Beta',
    })
    assert.deepEqual(
      (one.results as { path: string }[]).map((item) => item.path),
      ['Projects/Beta.md'],
    )
    const excluded = await v.call('obsidian_query_vault', {
      operation: 'search_text',
      query: 'alpha',
      path: 'copilot',
    })
    assert.deepEqual(
      (excluded.results as { path: string }[]).map((item) => item.path),
      ['copilot/Chat.md'],
    )
  })

  test('search_text detailed adds snippets with line numbers', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_query_vault', {
      operation: 'search_text',
      query: 'apples',
      response_format: 'detailed',
    })
    const item = (result.results as { snippet: string }[])[0]
    assert.match(item?.snippet ?? '', /^7: Alpha is about apples\. Apples!$/)
  })

  test('a missing query and an out-of-range limit are errors that say how to fix the call', async () => {
    await using v = await tmpVault(files)
    const missing = await v.call('obsidian_query_vault', { operation: 'search_text' })
    assert.equal(missing.success, false)
    assert.match(String(missing.message), /query is required/)
    const badLimit = await v.call('obsidian_query_vault', { operation: 'list_notes', limit: 0 })
    assert.equal(badLimit.success, false)
    assert.match(String(badLimit.message), /limit/)
    const tooMany = await v.call('obsidian_query_vault', { operation: 'list_notes', limit: 501 })
    assert.equal(tooMany.success, false)
  })

  test('find_by_name resolves like a wikilink: file name, then alias, then contains', async () => {
    await using v = await tmpVault(files)
    const byName = await v.call('obsidian_query_vault', { operation: 'find_by_name', query: 'alpha.md' })
    assert.deepEqual(
      (byName.results as { path: string }[]).map((item) => item.path),
      ['Projects/Alpha.md', 'Archive/Old Alpha Notes.md'],
    )
    const byAlias = await v.call('obsidian_query_vault', { operation: 'find_by_name', query: 'first-letter' })
    assert.equal((byAlias.results as { path: string }[])[0]?.path, 'Projects/Alpha.md')
    const empty = await v.call('obsidian_query_vault', { operation: 'find_by_name', query: ' _.? ' })
    assert.equal(empty.success, false)
  })

  test('find_by_tag matches children and case, with any or all', async () => {
    await using v = await tmpVault(files)
    const any = await v.call('obsidian_query_vault', { operation: 'find_by_tag', tags: ['#PROJECT'] })
    assert.deepEqual(
      (any.results as { path: string }[]).map((item) => item.path),
      ['Projects/Alpha.md', 'Projects/Beta.md'],
    )
    const all = await v.call('obsidian_query_vault', {
      operation: 'find_by_tag',
      tags: ['project', 'idea'],
      match: 'all',
    })
    assert.deepEqual(
      (all.results as { path: string }[]).map((item) => item.path),
      ['Projects/Beta.md'],
    )
  })

  test('list_notes lists a folder recursively and explains a missing folder', async () => {
    await using v = await tmpVault(files)
    const listed = await v.call('obsidian_query_vault', { operation: 'list_notes', path: 'Projects' })
    assert.deepEqual(
      (listed.results as { path: string }[]).map((item) => item.path),
      ['Projects/Alpha.md', 'Projects/Beta.md', 'Projects/Sub/Gamma.md'],
    )
    const missing = await v.call('obsidian_query_vault', { operation: 'list_notes', path: 'Nope' })
    assert.equal(missing.success, false)
    assert.match(String(missing.message), /list_folders/)
  })

  test('list_folders gives immediate subfolders with recursive note counts', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_query_vault', { operation: 'list_folders' })
    assert.deepEqual(result.results, [
      { path: 'Archive', count: 1 },
      { path: 'Attachments', count: 0 },
      { path: 'Projects', count: 3 },
      { path: 'copilot', count: 1 },
    ])
  })

  test('get_backlinks resolves wikilinks, aliases and relative Markdown links, never links in code', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_query_vault', {
      operation: 'get_backlinks',
      path: 'Projects/Alpha',
      response_format: 'detailed',
    })
    assert.deepEqual(
      (result.results as { path: string }[]).map((item) => item.path),
      ['Home.md', 'Projects/Sub/Gamma.md'],
    )
    assert.equal((result.results as { link_text: string }[])[0]?.link_text, '[[Alpha]]')
    const missing = await v.call('obsidian_query_vault', {
      operation: 'get_backlinks',
      path: 'Projects/Alpah.md',
    })
    assert.equal(missing.success, false)
    assert.match(String(missing.message), /Did you mean Projects\/Alpha\.md/)
  })

  test('get_tags counts notes per tag, case-merged, by count then name', async () => {
    await using v = await tmpVault(files)
    const result = await v.call('obsidian_query_vault', { operation: 'get_tags' })
    assert.deepEqual(result.results, [
      { tags: ['Idea'], count: 1 },
      { tags: ['project'], count: 1 },
      { tags: ['Project/Alpha'], count: 1 },
      { tags: ['project/beta'], count: 1 },
    ])
  })

  test('list_tasks gives open tasks with true line numbers; include_completed adds the others', async () => {
    await using v = await tmpVault(files)
    const open = await v.call('obsidian_query_vault', { operation: 'list_tasks' })
    assert.deepEqual(open.results, [
      { path: 'Home.md', line_number: 4, task_text: 'call Bob', task_status: 'open', task_completed: false },
      {
        path: 'Projects/Alpha.md',
        line_number: 10,
        task_text: 'open thing',
        task_status: 'open',
        task_completed: false,
      },
    ])
    const all = await v.call('obsidian_query_vault', {
      operation: 'list_tasks',
      path: 'Projects/Alpha.md',
      include_completed: true,
    })
    assert.deepEqual(
      (all.results as { task_status: string }[]).map((item) => item.task_status),
      ['done', 'open', '/'],
    )
  })

  test('a path through a symlink that leaves the vault is denied, as ../ is, by every operation taking a path', async () => {
    await using v = await tmpVault(files)
    await using outside = await tmpDir('jasque-outside-')
    await writeFile(path.join(outside.path, 'Secret.md'), 'secret [[Alpha]] #project\n- [ ] hidden task\n')
    await symlink(outside.path, path.join(v.root, 'Out'))
    await symlink(path.join(outside.path, 'Secret.md'), path.join(v.root, 'Leak.md'))
    const calls: Record<string, unknown>[] = [
      { operation: 'search_text', query: 'secret', path: 'Out' },
      { operation: 'find_by_name', query: 'Secret', path: 'Out' },
      { operation: 'find_by_tag', tags: ['project'], path: 'Out' },
      { operation: 'list_notes', path: 'Out' },
      { operation: 'list_notes', path: 'Out/Secret.md' },
      { operation: 'list_folders', path: 'Out' },
      { operation: 'get_backlinks', path: 'Out/Secret.md' },
      { operation: 'get_backlinks', path: 'Leak.md' },
      { operation: 'get_tags', path: 'Out' },
      { operation: 'list_tasks', path: 'Leak.md' },
    ]
    for (const call of calls) {
      const result = await v.call('obsidian_query_vault', call)
      assert.equal(result.success, false, JSON.stringify(call))
      assert.match(String(result.message), /^Access denied: .* is outside the vault$/, JSON.stringify(call))
    }
    const missing = await v.call('obsidian_query_vault', { operation: 'list_notes', path: 'Nowhere' })
    assert.match(String(missing.message), /^Folder or note not found: Nowhere\./)
  })
})
