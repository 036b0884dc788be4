import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_PREFERENCES, type Preferences } from '../preferences/index.ts'
import { buildInstructions, toLocalIso } from './instructions.ts'

const now = new Date('2026-11-25T21:15:03Z')
const defaults = () => structuredClone(DEFAULT_PREFERENCES) as Preferences

test('the instructions name Jasque, the four tools and the safe-editing rules', () => {
  const text = buildInstructions({ now, timeZone: 'UTC', preferences: defaults(), clientInstructions: [] })

  assert.match(text, /You are Jasque/)
  for (const name of [
    'obsidian_query_vault',
    'obsidian_manage_notes',
    'obsidian_manage_structure',
    'obsidian_history',
  ]) {
    assert.match(text, new RegExp(name))
  }
  for (const rule of ['find_by_name', 'expected_hash', 'replace', 'dry_run', 'undo', '[[']) {
    assert.ok(text.includes(rule), `mentions ${rule}`)
  }
})

test('the current date and time are given in the requested time zone', () => {
  const text = buildInstructions({
    now,
    timeZone: 'Europe/Paris',
    preferences: defaults(),
    clientInstructions: [],
  })

  assert.match(text, /Wednesday,? 25 November 2026.*22:15/)
  assert.match(text, /Europe\/Paris, 2026-11-25T22:15:03\+01:00/)
})

test('each time zone keeps its own date when several zones are used in turn', () => {
  const describe = (timeZone?: string) =>
    buildInstructions({
      now,
      ...(timeZone === undefined ? {} : { timeZone }),
      preferences: defaults(),
      clientInstructions: [],
    })

  for (const [zone, expected] of [
    ['Asia/Kolkata', /Asia\/Kolkata, 2026-11-26T02:45:03\+05:30/],
    ['UTC', /UTC, 2026-11-25T21:15:03\+00:00/],
    ['Asia/Kolkata', /Asia\/Kolkata, 2026-11-26T02:45:03\+05:30/],
  ] as const) {
    assert.match(describe(zone), expected)
  }
  const serverZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  assert.ok(
    describe().includes(`(${serverZone}, ${toLocalIso(now, serverZone)})`),
    'no zone means the server zone',
  )
})

const isoCases = [
  { zone: 'UTC', expected: '2026-11-25T21:15:03+00:00' },
  { zone: 'America/New_York', expected: '2026-11-25T16:15:03-05:00' },
  { zone: 'Asia/Kolkata', expected: '2026-11-26T02:45:03+05:30' },
]

for (const { zone, expected } of isoCases) {
  test(`local ISO time in ${zone} carries its offset`, () => {
    assert.equal(toLocalIso(now, zone), expected)
  })
}

test('the preferences are stated: formats, style, folders, exclusions and the free text', () => {
  const preferences: Preferences = {
    ...defaults(),
    dateFormat: 'DD/MM/YYYY',
    defaultFolders: { dailyNotes: 'Journal' },
    responseStyle: { verbosity: 'detailed', useBulletPoints: false, includeTimestamps: true },
    searchExcludeFolders: ['copilot', 'Archive'],
    additionalContext: 'I teach history.',
  }

  const text = buildInstructions({ now, timeZone: 'UTC', preferences, clientInstructions: [] })

  assert.match(text, /DD\/MM\/YYYY/)
  assert.match(text, /detailed/)
  assert.match(text, /prefer prose/)
  assert.match(text, /daily notes in Journal\//)
  assert.match(text, /copilot, Archive/)
  assert.match(text, /I teach history\./)
})

test("the client instructions come last, after Jasque's own", () => {
  const text = buildInstructions({
    now,
    timeZone: 'UTC',
    preferences: defaults(),
    clientInstructions: ['You are a helpful Copilot.', '  ', 'Answer in French.'],
  })

  assert.ok(text.trimEnd().endsWith('You are a helpful Copilot.\n\nAnswer in French.'))
  assert.ok(text.indexOf('Output style') < text.indexOf('You are a helpful Copilot.'))
})

test('without client instructions there is no client section', () => {
  const text = buildInstructions({ now, timeZone: 'UTC', preferences: defaults(), clientInstructions: [] })

  assert.doesNotMatch(text, /chat app/)
})
