import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type LinkTargetTable, rankCandidates, resolveFixedTarget, resolveLinkPath } from './resolve-link.ts'

function tableOf(paths: string[]): LinkTargetTable {
  const byLower = new Map(paths.map((filePath) => [filePath.toLowerCase(), filePath]))
  const byName = new Map<string, string[]>()
  for (const filePath of paths) {
    const name = filePath.slice(filePath.lastIndexOf('/') + 1).toLowerCase()
    byName.set(name, [...(byName.get(name) ?? []), filePath])
  }
  return { pathOf: (lower) => byLower.get(lower), pathsNamed: (name) => byName.get(name) }
}

const files = tableOf([
  'Home.md',
  'Projects/Alpha.md',
  'Projects/Beta Plan.md',
  'Archive/Alpha.md',
  'Archive/2023/Index.md',
  'Work/Index.md',
  'Index.md',
  'Attachments/diagram.png',
  'Docs/guide.pdf',
  'Notes/Café déjà vu.md',
  'Notes/v1.2 release.md',
  'Deep/a/b/Leaf.md',
])

describe('resolveLinkPath', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['a plain name resolves by basename', 'Home', 'Projects/Alpha.md', 'Home.md'],
    ['the .md extension is optional', 'Home.md', 'Projects/Alpha.md', 'Home.md'],
    ['names compare case-insensitively', 'home', 'Projects/Alpha.md', 'Home.md'],
    ['a full path resolves exactly', 'Archive/Alpha', 'Home.md', 'Archive/Alpha.md'],
    ['a path compares case-insensitively', 'archive/alpha', 'Home.md', 'Archive/Alpha.md'],
    ['a partial path matches the end of a path', '2023/Index', 'Home.md', 'Archive/2023/Index.md'],
    ['a leading slash means the vault root', '/Projects/Alpha', 'Home.md', 'Projects/Alpha.md'],
    [
      'a relative ./ path starts at the linking note',
      './Beta Plan',
      'Projects/Alpha.md',
      'Projects/Beta Plan.md',
    ],
    [
      'a relative ../ path climbs folders',
      '../Projects/Beta Plan.md',
      'Archive/Alpha.md',
      'Projects/Beta Plan.md',
    ],
    ['a relative path climbing out of the vault is unresolved', '../../x', 'Projects/Alpha.md', undefined],
    ['an attachment needs its extension', 'diagram.png', 'Home.md', 'Attachments/diagram.png'],
    ['an attachment without extension is unresolved', 'diagram', 'Home.md', undefined],
    ['a PDF resolves by name', 'guide.pdf', 'Home.md', 'Docs/guide.pdf'],
    ['an empty target is the linking note itself', '', 'Projects/Alpha.md', 'Projects/Alpha.md'],
    ['accented names resolve', 'Café déjà vu', 'Home.md', 'Notes/Café déjà vu.md'],
    ['NFD input is normalised to NFC', 'Café déjà vu'.normalize('NFD'), 'Home.md', 'Notes/Café déjà vu.md'],
    ['a dotted name is a note name, not an extension', 'v1.2 release', 'Home.md', 'Notes/v1.2 release.md'],
    ['a missing note is unresolved', 'Nowhere', 'Home.md', undefined],
    ['a nested folder path resolves', 'a/b/Leaf', 'Home.md', 'Deep/a/b/Leaf.md'],
    ['a wrong folder does not resolve by basename alone', 'Other/Leaf', 'Home.md', undefined],
  ]
  for (const [name, target, source, expected] of cases) {
    test(name, () => {
      assert.equal(resolveLinkPath(target, source, files).path, expected)
    })
  }

  test('an exact root path wins over same-named notes elsewhere', () => {
    const resolution = resolveLinkPath('Index', 'Projects/Alpha.md', files)
    assert.equal(resolution.path, 'Index.md')
    assert.equal(resolution.ambiguous, undefined)
  })

  test('an ambiguous name picks the candidate closest to the linking note and reports the others', () => {
    const resolution = resolveLinkPath('Alpha', 'Archive/2023/Index.md', files)
    assert.equal(resolution.path, 'Archive/Alpha.md')
    assert.deepEqual(resolution.ambiguous, ['Archive/Alpha.md', 'Projects/Alpha.md'])
  })
})

describe('rankCandidates', () => {
  test('orders by shared folder depth, then shorter path, then code points', () => {
    assert.deepEqual(rankCandidates(['B/x.md', 'A/x.md', 'C/D/x.md'], 'C/D/E/n.md'), [
      'C/D/x.md',
      'A/x.md',
      'B/x.md',
    ])
  })
})

describe('resolveFixedTarget', () => {
  const sources = [
    'Home.md',
    'Projects/Alpha.md',
    'Archive/2023/Index.md',
    'Deep/a/b/Leaf.md',
    'Work/Index.md',
  ]
  const targets = [
    'Home',
    'home.md',
    'Alpha',
    'Index',
    'Projects/Alpha',
    'projects/beta plan.md',
    'Attachments/diagram.png',
    'diagram.png',
    '2023/Index',
    './Alpha',
    '../Index',
    'Missing',
    '',
    '/Home',
    'Notes/Café déjà vu',
    'missing.png',
    'guide.pdf',
    'b/Leaf',
    'a/b/Leaf',
  ]
  test('answers only what every linking note would resolve the same way', () => {
    for (const target of targets) {
      const fixed = resolveFixedTarget(target, files)
      if (fixed === undefined) continue
      for (const source of sources)
        assert.equal(
          resolveLinkPath(target, source, files).path,
          fixed ?? undefined,
          `${target} from ${source}`,
        )
    }
  })
  test('answers plain names held by one file or none and exact paths, not ambiguous names, relative or empty links', () => {
    assert.equal(resolveFixedTarget('home', files), 'Home.md')
    assert.equal(resolveFixedTarget('diagram.png', files), 'Attachments/diagram.png')
    assert.equal(resolveFixedTarget('Projects/Alpha', files), 'Projects/Alpha.md')
    assert.equal(resolveFixedTarget('/Home', files), 'Home.md')
    assert.equal(resolveFixedTarget('Missing', files), null)
    assert.equal(resolveFixedTarget('missing.png', files), null)
    assert.equal(resolveFixedTarget('Alpha', files), undefined)
    assert.equal(resolveFixedTarget('./Alpha', files), undefined)
    assert.equal(resolveFixedTarget('a/b/Leaf', files), undefined)
    assert.equal(resolveFixedTarget('', files), undefined)
  })
})
