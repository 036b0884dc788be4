/** Decides every note's path and kind before any text is written, so links can point anywhere. */
import type { Random } from './random.ts'
import { ADJECTIVES, NOUNS } from './words.ts'

export type NoteKind =
  | 'home'
  | 'empty'
  | 'template'
  | 'index'
  | 'hub'
  | 'forms-target'
  | 'unicode'
  | 'decoy'
  | 'title-only'
  | 'large'
  | 'daily'
  | 'meeting'
  | 'person'
  | 'topic'

export interface PlannedNote {
  path: string
  name: string
  kind: NoteKind
  /** A frontmatter title different from the file name (the title-only note). */
  title?: string
  isDuplicateName: boolean
}

export const SPECIAL_PATHS = {
  hub: 'Topics/Notes on Gardening.md',
  formsTarget: 'Projects/Alpha/Link Forms Target.md',
  unicode: ['Réunions & Idées/Café déjà vu ☕.md', '日本語ノート/東京 旅行 計画 🗼.md'],
  decoy: 'Resources/Decoy Target.md',
  titleOnly: 'Zettelkasten/Plain Harbor Memo.md',
  titleOnlyTitle: 'Zebra Striped Retrospective',
  indexes: ['Projects/Index.md', 'Resources/Index.md', 'Archive/Index.md'],
}

const TOPIC_FOLDERS = [
  'Topics',
  'Topics/Ideas',
  'Projects',
  'Projects/Alpha',
  'Projects/Alpha/Design',
  'Projects/Alpha/Design/Specs',
  'Projects/Beta',
  'Resources',
  'Resources/Programming/Rust',
  'Archive',
  'Archive/Clients',
  'Zettelkasten',
  'Réunions & Idées',
  '日本語ノート',
  '📥 Inbox',
  '📥 Inbox/Reading',
] as const

const PEOPLE = ['Amélie', 'Björn', 'Chidi', 'Dana', 'Eun-ji', 'Farid', 'Greta', 'Hiro', 'Inés', 'João']
const SURNAMES = ['Durand', 'Ólafsson', 'Okafor', 'Kim', 'Nakamura', 'Moreau', 'Silva', 'Novák']

/** Plans exactly `count` visible notes (at least 50). */
export function planNotes(count: number, random: Random): PlannedNote[] {
  const notes: PlannedNote[] = []
  const usedNames = new Set<string>()
  const add = (path: string, kind: NoteKind, extra: Partial<PlannedNote> = {}) => {
    const name = path.slice(path.lastIndexOf('/') + 1, -3)
    usedNames.add(name.toLowerCase())
    notes.push({ path, name, kind, isDuplicateName: false, ...extra })
  }
  add('Home.md', 'home')
  add('Untitled.md', 'empty')
  add('Untitled 1.md', 'empty')
  add('Templates/Daily Template.md', 'template')
  for (const path of SPECIAL_PATHS.indexes) add(path, 'index', { isDuplicateName: true })
  add(SPECIAL_PATHS.hub, 'hub')
  add(SPECIAL_PATHS.formsTarget, 'forms-target')
  for (const path of SPECIAL_PATHS.unicode) add(path, 'unicode')
  add(SPECIAL_PATHS.decoy, 'decoy')
  add(SPECIAL_PATHS.titleOnly, 'title-only', { title: SPECIAL_PATHS.titleOnlyTitle })
  if (count >= 500) {
    add('Resources/Programming/Rust/Large Reference Dump.md', 'large')
    add('Zettelkasten/Large Reading Log.md', 'large')
  }

  const remaining = count - notes.length
  const daily = Math.floor(remaining * 0.15)
  const meetings = Math.floor(remaining * 0.1)
  const people = Math.min(PEOPLE.length * SURNAMES.length, Math.floor(remaining * 0.03))
  const day = new Date(Date.UTC(2024, 0, 1))
  for (let i = 0; i < daily; i++) {
    const date = new Date(day.getTime() + i * 86_400_000).toISOString().slice(0, 10)
    add(`Daily Notes/${date.slice(0, 4)}/${date}.md`, 'daily')
  }
  for (let i = 0; i < meetings; i++) {
    const date = new Date(day.getTime() + i * 3 * 86_400_000).toISOString().slice(0, 10)
    const quarter = Math.floor(Number(date.slice(5, 7)) / 3.01) + 1
    add(`Meetings/${date.slice(0, 4)}/Q${quarter}/${date} ${random.pick(NOUNS)} Sync.md`, 'meeting')
  }
  for (let i = 0; i < people; i++) {
    const first = PEOPLE[i % PEOPLE.length]
    const last = SURNAMES[Math.floor(i / PEOPLE.length)]
    add(`People/${first} ${last}.md`, 'person')
  }
  while (notes.length < count) {
    let name = `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`
    for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = `${name.replace(/ \d+$/, '')} ${n}`
    add(`${random.pick(TOPIC_FOLDERS)}/${name}.md`, 'topic')
  }
  return notes
}
