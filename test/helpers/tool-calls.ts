/**
 * A small vault and a call of every operation of every vault tool on it, successes and failures,
 * in an order where each call finds what the earlier ones left.
 */

const LONG = `# Long\n\n${'A line of text that makes this note long enough to be read in pages.\n'.repeat(2500)}`

export const FILES: Record<string, string> = {
  'Projects/Alpha.md':
    '---\ntags: [project]\naliases: [First]\n---\n# Alpha\n\nSee [[Beta]].\n- [ ] plan it\n',
  'Projects/Beta.md': '# Beta\n\nBack to [[Alpha]].\n- [x] done task\n- [ ] open task\n',
  'Notes/Gamma.md': '# Gamma\n\nLinks [[Beta#Heading]] and #idea.\n',
  'Long.md': LONG,
  'Empty/.keep': '',
  'Views.base':
    'filters: file.hasTag("project")\nviews:\n  - type: table\n    name: Projects\n    order: [file.name]\n',
}

/** [tool, arguments] in an order where each call finds what the earlier ones left. */
export const CALLS: [string, Record<string, unknown>][] = [
  ['obsidian_query_vault', { operation: 'search_text', query: 'Beta', response_format: 'detailed' }],
  ['obsidian_query_vault', { operation: 'search_text', query: 'nowhere to be found' }],
  ['obsidian_query_vault', { operation: 'find_by_name', query: 'First', response_format: 'detailed' }],
  ['obsidian_query_vault', { operation: 'find_by_tag', tags: ['project'] }],
  ['obsidian_query_vault', { operation: 'list_notes', limit: 1 }],
  ['obsidian_query_vault', { operation: 'list_folders' }],
  [
    'obsidian_query_vault',
    { operation: 'get_backlinks', path: 'Projects/Beta.md', response_format: 'detailed' },
  ],
  ['obsidian_query_vault', { operation: 'get_tags' }],
  ['obsidian_query_vault', { operation: 'list_tasks', include_completed: true }],
  ['obsidian_query_vault', { operation: 'list_templates' }],
  ['obsidian_query_vault', { operation: 'run_base', path: 'Views.base', query: 'Projects' }],
  ['obsidian_query_vault', { operation: 'run_base', path: 'Nowhere.base' }],
  ['obsidian_query_vault', { operation: 'list_notes', path: 'Missing' }],
  ['obsidian_query_vault', { operation: 'search_text', colour: 'blue' }],
  ['obsidian_manage_notes', { operation: 'read', path: 'Projects/Alpha.md' }],
  ['obsidian_manage_notes', { operation: 'read', path: 'Long.md' }],
  ['obsidian_manage_notes', { operation: 'read', path: 'Long.md', offset: 60000 }],
  ['obsidian_manage_notes', { operation: 'create', path: 'Inbox/New.md', content: '# New\n', dry_run: true }],
  ['obsidian_manage_notes', { operation: 'create', path: 'Inbox/New.md', content: '# New\n' }],
  ['obsidian_manage_notes', { operation: 'update', path: 'Inbox/New.md', content: 'Body\n- [ ] task\n' }],
  ['obsidian_manage_notes', { operation: 'append', path: 'Inbox/New.md', content: 'End' }],
  ['obsidian_manage_notes', { operation: 'prepend', path: 'Inbox/New.md', content: 'Start' }],
  [
    'obsidian_manage_notes',
    { operation: 'replace', path: 'Inbox/New.md', old_text: 'Body', new_text: 'Text' },
  ],
  ['obsidian_manage_notes', { operation: 'update_frontmatter', path: 'Inbox/New.md', properties: { a: 1 } }],
  ['obsidian_manage_notes', { operation: 'complete_task', path: 'Inbox/New.md', task_identifier: 'task' }],
  ['obsidian_manage_notes', { operation: 'delete', path: 'Inbox/New.md' }],
  ['obsidian_manage_notes', { operation: 'append', date: '2026-12-04', content: 'Log' }],
  [
    'obsidian_manage_notes',
    {
      operation: 'append',
      bulk: true,
      dry_run: true,
      items: [{ path: 'Projects/Beta.md', content: 'More' }],
    },
  ],
  [
    'obsidian_manage_notes',
    { operation: 'create', bulk: true, items: [{ path: 'B1' }, { path: 'Projects/Alpha' }] },
  ],
  ['obsidian_manage_notes', { operation: 'read', path: 'Nope.md' }],
  ['obsidian_manage_structure', { operation: 'create_folder', path: 'Archive' }],
  [
    'obsidian_manage_structure',
    { operation: 'rename', path: 'Notes/Gamma.md', new_path: 'Delta', dry_run: true },
  ],
  ['obsidian_manage_structure', { operation: 'rename', path: 'Notes/Gamma.md', new_path: 'Delta' }],
  ['obsidian_manage_structure', { operation: 'move', path: 'Projects/Beta.md', new_path: 'Archive' }],
  [
    'obsidian_manage_structure',
    {
      operation: 'move',
      bulk: true,
      items: [
        { path: 'B1.md', new_path: 'Archive' },
        { path: 'X.md', new_path: 'Y' },
      ],
    },
  ],
  ['obsidian_manage_structure', { operation: 'list_structure', depth: 5 }],
  ['obsidian_manage_structure', { operation: 'delete_folder', path: 'Empty', force: true }],
  ['obsidian_manage_structure', { operation: 'delete_folder', path: 'Gone' }],
  ['obsidian_history', { operation: 'list_changes' }],
  ['obsidian_history', { operation: 'undo' }],
  ['obsidian_history', { operation: 'undo', change_id: 'nosuchchange1' }],
  ['obsidian_history', { operation: 'undo', run_id: 'nosuchrun0001' }],
]
