import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { comparePaths, folderRange, insertSorted, removeSorted, sortedIndexOf } from './compare-paths.ts'

describe('comparePaths', () => {
  test('sorts by code point, putting emoji after characters of the upper BMP', () => {
    const paths = ['😀.md', '\uFF21.md', 'a.md', 'B.md', 'é.md']
    assert.deepEqual([...paths].sort(comparePaths), ['B.md', 'a.md', 'é.md', '\uFF21.md', '😀.md'])
  })

  test('a prefix sorts before a longer path', () => {
    assert.ok(comparePaths('a', 'a/b') < 0)
    assert.equal(comparePaths('x', 'x'), 0)
  })
})

describe('sorted path lists', () => {
  test('insertSorted keeps order and refuses duplicates; removeSorted removes', () => {
    const list: string[] = []
    for (const value of ['b', 'a', 'c', 'b']) insertSorted(list, value)
    assert.deepEqual(list, ['a', 'b', 'c'])
    assert.equal(removeSorted(list, 'b'), true)
    assert.equal(removeSorted(list, 'zz'), false)
    assert.deepEqual(list, ['a', 'c'])
    assert.equal(sortedIndexOf(list, 'b'), 1)
  })

  test('folderRange covers exactly the paths under a folder', () => {
    const list = [
      'A.md',
      'Proj 2/x.md',
      'Proj-x.md',
      'Proj.md',
      'Proj/a.md',
      'Proj/sub/b.md',
      'Proj0.md',
      'Projects/c.md',
    ]
    list.sort(comparePaths)
    const [start, end] = folderRange(list, 'Proj')
    assert.deepEqual(list.slice(start, end), ['Proj/a.md', 'Proj/sub/b.md'])
    assert.deepEqual(folderRange(list, ''), [0, list.length])
  })
})
