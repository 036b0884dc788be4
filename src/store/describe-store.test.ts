import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { describeStore } from './describe-store.ts'

test('the embedded store is described by the folder it lives in', () => {
  const dataDir = path.resolve('/srv/jasque-data')
  assert.match(describeStore({ dataDir }), new RegExp(`^embedded .* ${dataDir.replaceAll('/', '\\/')}`))
})

test('a PostgreSQL store is described by host, port and database, never the credentials', () => {
  const text = describeStore({ databaseUrl: 'postgres://jasque:s3cret@db.example:6543/notes', dataDir: '/x' })
  assert.equal(text, 'PostgreSQL at db.example:6543/notes')
  assert.doesNotMatch(text, /s3cret|jasque:/)
})
