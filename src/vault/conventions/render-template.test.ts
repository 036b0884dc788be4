import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dailyNotePath, resolveDay } from './daily-note-path.ts'
import { parseDailyNotesSettings } from './obsidian-config.ts'
import { renderTemplate } from './render-template.ts'

// Friday 5 January 2024, 09:07:03.045 local time.
const at = new Date(2024, 0, 5, 9, 7, 3, 45)
const values = { title: 'Plan', at, dateFormat: 'YYYY-MM-DD', timeFormat: 'HH:mm' }

// Every display token of Moment.js's format docs (which Obsidian's Daily notes and Templates pages
// point to), with the value worked out by hand for `at` in the English locale.
const tokens: [string, string][] = [
  ['M', '1'],
  ['Mo', '1st'],
  ['MM', '01'],
  ['MMM', 'Jan'],
  ['MMMM', 'January'],
  ['Q', '1'],
  ['Qo', '1st'],
  ['D', '5'],
  ['Do', '5th'],
  ['DD', '05'],
  ['DDD', '5'],
  ['DDDo', '5th'],
  ['DDDD', '005'],
  ['d', '5'],
  ['do', '5th'],
  ['dd', 'Fr'],
  ['ddd', 'Fri'],
  ['dddd', 'Friday'],
  ['e', '5'],
  ['E', '5'],
  ['w', '1'],
  ['wo', '1st'],
  ['ww', '01'],
  ['W', '1'],
  ['Wo', '1st'],
  ['WW', '01'],
  ['YY', '24'],
  ['YYYY', '2024'],
  ['Y', '2024'],
  ['y', '2024'],
  ['N', 'AD'],
  ['NNNN', 'Anno Domini'],
  ['NNNNN', 'AD'],
  ['gg', '24'],
  ['gggg', '2024'],
  ['GG', '24'],
  ['GGGG', '2024'],
  ['A', 'AM'],
  ['a', 'am'],
  ['H', '9'],
  ['HH', '09'],
  ['h', '9'],
  ['hh', '09'],
  ['k', '9'],
  ['kk', '09'],
  ['m', '7'],
  ['mm', '07'],
  ['s', '3'],
  ['ss', '03'],
  ['S', '0'],
  ['SS', '04'],
  ['SSS', '045'],
  ['SSSS', '0450'],
  ['X', String(Math.floor(at.getTime() / 1000))],
  ['x', String(at.getTime())],
  ['LT', '9:07 AM'],
  ['LTS', '9:07:03 AM'],
  ['L', '01/05/2024'],
  ['l', '1/5/2024'],
  ['LL', 'January 5, 2024'],
  ['ll', 'Jan 5, 2024'],
  ['LLL', 'January 5, 2024 9:07 AM'],
  ['lll', 'Jan 5, 2024 9:07 AM'],
  ['LLLL', 'Friday, January 5, 2024 9:07 AM'],
  ['llll', 'Fri, Jan 5, 2024 9:07 AM'],
  ['[week] W', 'week 1'],
]

for (const [token, expected] of tokens) {
  test(`{{date:${token}}} formats as Moment.js does: ${expected}`, () => {
    assert.equal(renderTemplate(`{{date:${token}}}`, values), expected)
  })
}

test('the zone tokens Z and ZZ give the local offset', () => {
  assert.match(renderTemplate('{{date:Z}} {{date:ZZ}}', values), /^[+-]\d\d:\d\d [+-]\d{4}$/)
})

test('bare variables use the template settings, case and spaces inside braces ignored', () => {
  assert.equal(
    renderTemplate('# {{title}}\n{{date}} {{ TIME }} {{Date:dddd}} {{time:YYYY}}', {
      ...values,
      dateFormat: 'DD.MM.YYYY',
      timeFormat: 'h:mm A',
    }),
    '# Plan\n05.01.2024 9:07 AM Friday 2024',
  )
})

test('daily-note offsets, yesterday and tomorrow', () => {
  assert.equal(
    renderTemplate('{{date+1d:YYYY-MM-DD}} {{date-1w}} {{yesterday}} {{tomorrow}}', values),
    '2024-01-06 2023-12-29 2024-01-04 2024-01-06',
  )
})

test('a daily note is named by the format, which may make sub-folders', () => {
  const day = resolveDay('2023-01-01', at)
  const defaults = parseDailyNotesSettings(undefined, undefined)
  assert.equal(dailyNotePath(defaults, day), '2023-01-01.md')
  const custom = parseDailyNotesSettings({ folder: '/Journal/', format: 'YYYY/MMMM/YYYY-MMM-DD' }, undefined)
  assert.equal(dailyNotePath(custom, day), 'Journal/2023/January/2023-Jan-01.md')
})

test('Periodic Notes settings win only when its daily notes are enabled', () => {
  const core = { folder: 'Core', format: 'YYYY-MM-DD' }
  assert.equal(
    parseDailyNotesSettings(core, { daily: { enabled: true, folder: 'P', format: 'DD-MM-YYYY' } }).folder,
    'P',
  )
  assert.equal(parseDailyNotesSettings(core, { daily: { enabled: false, folder: 'P' } }).folder, 'Core')
  const v1 = {
    activeCalendarSet: 'work',
    calendarSets: [
      { id: 'home', day: { enabled: true, folder: 'Home' } },
      { id: 'work', day: { enabled: true, folder: 'Work', format: 'YYYYMMDD', templatePath: 'T/Day' } },
    ],
  }
  assert.deepEqual(parseDailyNotesSettings(core, v1), {
    folder: 'Work',
    format: 'YYYYMMDD',
    template: 'T/Day',
    source: 'periodic-notes',
  })
})

test('resolveDay knows today, yesterday, tomorrow and ISO dates, and refuses phrases', () => {
  assert.equal(resolveDay('today', at).format('YYYY-MM-DD'), '2024-01-05')
  assert.equal(resolveDay('Yesterday', at).format('YYYY-MM-DD'), '2024-01-04')
  assert.equal(resolveDay('tomorrow', at).format('YYYY-MM-DD'), '2024-01-06')
  assert.equal(resolveDay('2024-02-29', at).format('YYYY-MM-DD'), '2024-02-29')
  assert.throws(() => resolveDay('last Monday', at), /ISO date such as "2024-05-31"/)
  assert.throws(() => resolveDay('2023-02-29', at), /not understood/)
})
