import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InvalidInputError } from '../errors.ts'
import { DEFAULT_PREFERENCES, parsePreferences } from './parse-preferences.ts'
import { PREFERENCES_TEMPLATE } from './preferences-template.ts'

test('a note without frontmatter gives every default and its body as context', () => {
  const { preferences, problems } = parsePreferences('I am a historian.\n')

  assert.deepEqual(preferences, { ...DEFAULT_PREFERENCES, additionalContext: 'I am a historian.' })
  assert.deepEqual(problems, [])
})

test('the defaults are those of the spec', () => {
  assert.deepEqual(parsePreferences('').preferences, {
    dateFormat: 'YYYY-MM-DD',
    timeFormat: 'HH:mm',
    defaultFolders: {},
    responseStyle: { verbosity: 'concise', useBulletPoints: true, includeTimestamps: false },
    searchExcludeFolders: ['copilot'],
    additionalContext: '',
  })
})

test('the template parses to the defaults with no problems and no context', () => {
  const { preferences, problems } = parsePreferences(PREFERENCES_TEMPLATE)

  assert.deepEqual(preferences, DEFAULT_PREFERENCES)
  assert.deepEqual(problems, [])
})

test('every field is read from the frontmatter', () => {
  const note = [
    '---',
    'date_format: DD/MM/YYYY',
    'time_format: h:mm a',
    'default_folders:',
    '  meeting_notes: Work/Meetings/',
    '  daily_notes: Journal',
    '  projects: Projects',
    'response_style:',
    '  verbosity: detailed',
    '  use_bullet_points: false',
    '  include_timestamps: true',
    'search_exclude_folders: [Archive, Templates/]',
    '---',
    '%% a comment %%',
    'Call me Sam.',
    '',
  ].join('\r\n')

  const { preferences, problems } = parsePreferences(note)

  assert.deepEqual(problems, [])
  assert.deepEqual(preferences, {
    dateFormat: 'DD/MM/YYYY',
    timeFormat: 'h:mm a',
    defaultFolders: { meetingNotes: 'Work/Meetings', dailyNotes: 'Journal', projects: 'Projects' },
    responseStyle: { verbosity: 'detailed', useBulletPoints: false, includeTimestamps: true },
    searchExcludeFolders: ['Archive', 'Templates'],
    additionalContext: 'Call me Sam.',
  })
})

const invalidFields: {
  name: string
  yaml: string
  field: string
  expected: Partial<Record<string, unknown>>
}[] = [
  {
    name: 'date_format',
    yaml: 'date_format: 12',
    field: 'date_format',
    expected: { dateFormat: 'YYYY-MM-DD' },
  },
  { name: 'time_format', yaml: 'time_format: ""', field: 'time_format', expected: { timeFormat: 'HH:mm' } },
  {
    name: 'verbosity',
    yaml: 'response_style:\n  verbosity: chatty\n  use_bullet_points: false',
    field: 'response_style.verbosity',
    expected: { responseStyle: { verbosity: 'concise', useBulletPoints: false, includeTimestamps: false } },
  },
  {
    name: 'use_bullet_points',
    yaml: 'response_style:\n  use_bullet_points: maybe',
    field: 'response_style.use_bullet_points',
    expected: { responseStyle: { verbosity: 'concise', useBulletPoints: true, includeTimestamps: false } },
  },
  {
    name: 'search_exclude_folders',
    yaml: 'search_exclude_folders: {a: 1}',
    field: 'search_exclude_folders',
    expected: { searchExcludeFolders: ['copilot'] },
  },
  {
    name: 'one default folder',
    yaml: 'default_folders:\n  projects: [1]\n  daily_notes: Daily',
    field: 'default_folders.projects',
    expected: { defaultFolders: { dailyNotes: 'Daily' } },
  },
]

for (const { name, yaml, field, expected } of invalidFields) {
  test(`an invalid ${name} falls back to its own default only and is reported`, () => {
    const { preferences, problems } = parsePreferences(`---\n${yaml}\nlast: kept\n---\n`)

    assert.equal(problems.length, 1)
    assert.match(problems[0] ?? '', new RegExp(`^${field.replace('.', '\\.')} is invalid`))
    assert.deepEqual(preferences, { ...DEFAULT_PREFERENCES, ...expected })
  })
}

test('a single folder string is accepted as a one-item exclusion list', () => {
  const { preferences } = parsePreferences('---\nsearch_exclude_folders: Archive\n---\n')

  assert.deepEqual(preferences.searchExcludeFolders, ['Archive'])
})

test('an empty exclusion list is kept: the user wants no exclusions', () => {
  const { preferences } = parsePreferences('---\nsearch_exclude_folders: []\n---\n')

  assert.deepEqual(preferences.searchExcludeFolders, [])
})

test('invalid YAML throws an InvalidInputError naming the file and the line in the note', () => {
  const note = '---\ndate_format: YYYY\nresponse_style: [unclosed\n---\nbody\n'

  assert.throws(
    () => parsePreferences(note),
    (error) =>
      error instanceof InvalidInputError &&
      error.status === 400 &&
      /_jasque\/preferences\.md at line \d+/.test(error.message) &&
      error.details?.line !== undefined &&
      Number(error.details.line) >= 3,
  )
})

test('frontmatter that is not a mapping is invalid YAML for this note', () => {
  assert.throws(() => parsePreferences('---\n- a\n- b\n---\n'), InvalidInputError)
})
