/**
 * Writes a deterministic synthetic Obsidian vault and its ground-truth manifest: what an
 * Obsidian-faithful index must report (counts, tags, tasks, backlinks, search, names). The truth
 * is recorded while each note is written, never parsed back from the files.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  createNoteBuilder,
  LINK_FORMS,
  type LinkForm,
  type LinkTarget,
  type NoteFacts,
} from './note-builder.ts'
import { type PlannedNote, planNotes, SPECIAL_PATHS } from './plan-notes.ts'
import { createRandom } from './random.ts'
import {
  ADJECTIVES,
  FAKE_TAGS,
  HIDDEN_ONLY_TAGS,
  NOUNS,
  SEARCH_WORDS,
  TAG_CASE_VARIANTS,
  TAGS,
} from './words.ts'

export interface GenerateVaultOptions {
  notes: number
  seed?: number
  /** Also write `<root>.manifest.notes.jsonl`, one line of truth per note. */
  perNote?: boolean
}

/** One note's truth, as in the per-note JSON lines. */
export interface NoteTruth {
  path: string
  kind: string
  bytes: number
  title: string
  tags: string[]
  tasks: { open: number; done: number; other: number }
  out_links: number
}

const ATTACHMENTS = ['Attachments/diagram-1.png', 'Attachments/diagram-2.png', 'Attachments/paper-1.pdf']
// The smallest valid PNG header and a one-line PDF: attachments only need to exist.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n')

/** Compares by code point, the order in which Jasque lists paths. */
function byCodePoint(a: string, b: string): number {
  const left = [...a]
  const right = [...b]
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i]!.codePointAt(0) ?? 0) - (right[i]!.codePointAt(0) ?? 0)
    if (difference !== 0) return difference
  }
  return left.length - right.length
}

const isPlainPath = (notePath: string) => /^[A-Za-z0-9 /-]+\.md$/.test(notePath)

/** Generates the vault into `root` (replacing it) and writes `<root>.manifest.json`; returns the manifest. */
export function generateVault(root: string, options: GenerateVaultOptions) {
  const seed = options.seed ?? 42
  const random = createRandom(seed)
  const planned = planNotes(Math.max(50, options.notes), random)
  const byPath = new Map(planned.map((note) => [note.path, note]))
  const target = (notePath: string): LinkTarget => byPath.get(notePath) as PlannedNote
  const linkable = planned.filter((note) => !['empty', 'decoy', 'index', 'hub'].includes(note.kind))
  // Popularity order: a shuffled list whose first entries get most links (plus the hub).
  const popularity = [...linkable].sort(() => random.next() - 0.5)
  const rareNotes = (count: number) => {
    const chosen = new Set<string>()
    while (chosen.size < count) chosen.add(random.pick(linkable.filter((note) => note.kind === 'topic')).path)
    return chosen
  }
  const rareWords = new Map<string, string[]>()
  for (const path of rareNotes(3)) rareWords.set(path, [SEARCH_WORDS.rare_ascii])
  const unicodeWritten = ['Þórsmörk', 'þórsmörk', 'ÞÓRSMÖRK']
  for (const [i, path] of [...rareNotes(3)].entries())
    rareWords.set(path, [...(rareWords.get(path) ?? []), unicodeWritten[i]!])
  for (const path of rareNotes(3))
    rareWords.set(path, [...(rareWords.get(path) ?? []), SEARCH_WORDS.rare_cjk])
  const formSources = popularity.filter((note) => note.kind === 'topic').slice(0, LINK_FORMS.length)

  rmSync(root, { recursive: true, force: true })
  const files = new Map<string, Buffer>()
  const truths: NoteTruth[] = []
  const factsByPath = new Map<string, NoteFacts>()
  let withFrontmatter = 0
  let crlfNotes = 0

  for (const [position, note] of planned.entries()) {
    const b = createNoteBuilder(random)
    const pickTarget = (): LinkTarget => {
      for (;;) {
        const candidate = random.chance(0.04)
          ? target(SPECIAL_PATHS.hub)
          : popularity[random.skewed(popularity.length)]!
        if (candidate.path !== note.path) return candidate
      }
    }
    const formFor = (linkTarget: LinkTarget): LinkForm => {
      for (;;) {
        const form = random.chance(0.5) ? 'plain' : random.pick(LINK_FORMS)
        if (form === 'table-alias') continue
        if (linkTarget.isDuplicateName && !['path', 'path-alias', 'md-link', 'md-link-angle'].includes(form))
          continue
        if (form === 'md-link' && !isPlainPath(linkTarget.path)) continue
        return form
      }
    }
    const link = (linkTarget = pickTarget(), form = formFor(linkTarget)) => b.link(linkTarget, form)
    const tags = new Set<string>()
    const pickTags = (count: number) => {
      const chosen: string[] = []
      for (let i = 0; i < count; i++) {
        const tag = random.pick(TAGS)
        if (!tags.has(tag)) chosen.push(tag)
        tags.add(tag)
      }
      return chosen
    }

    if (note.kind === 'empty') {
      files.set(note.path, Buffer.alloc(0))
      truths.push({
        path: note.path,
        kind: note.kind,
        bytes: 0,
        title: note.name,
        tags: [],
        tasks: b.facts.tasks,
        out_links: 0,
      })
      factsByPath.set(note.path, b.facts)
      continue
    }

    // Frontmatter on ~60% of notes, in every tag form Obsidian reads.
    const hasFrontmatter = note.title !== undefined || note.kind === 'person' || random.chance(0.6)
    const isMalformed = !hasFrontmatter && position % 200 === 137
    if (hasFrontmatter) {
      withFrontmatter++
      b.line('---')
      if (note.title !== undefined) b.line(`title: "${note.title}"`)
      if (random.chance(0.3)) b.line(`aliases: [${note.name} notes]`)
      b.line(`created: 2024-0${1 + random.int(9)}-1${random.int(10)}`)
      const fmTags = pickTags(random.int(4))
      for (const tag of fmTags) b.facts.tags.add(tag.toLowerCase())
      const form = random.int(6)
      if (fmTags.length === 0) b.line(random.chance(0.5) ? 'tags:' : 'tags: []')
      else if (form === 0) b.line(`tags: [${fmTags.join(', ')}]`)
      else if (form === 1 || form === 2) b.line(`tags:\n${fmTags.map((tag) => `  - ${tag}`).join('\n')}`)
      else if (form === 3) b.line(`tags: ${fmTags.join(', ')}`)
      else if (form === 4) b.line(`tags: ${fmTags.join(' ')}`)
      else b.line(`tags: [${fmTags.map((tag) => `"${tag}"`).join(', ')}]`)
      b.line('---')
    } else if (isMalformed) {
      b.line('---')
      b.line('title: [unclosed')
      b.line('---')
    }
    b.line(`# ${note.title ?? note.name}`)
    b.line('')

    if (note.kind === 'home') {
      b.paragraph(
        popularity.slice(0, 20).map((entry) => link(entry, 'plain')),
        false,
      )
    } else if (note.kind === 'template') {
      b.line('## Today')
      b.taskList('dash', 2)
    } else if (note.kind === 'decoy') {
      b.paragraph([], false)
    } else {
      const paragraphs = note.kind === 'large' ? 600 * (1 + (position % 2)) : 3 + random.int(5)
      const linkBudget = note.kind === 'large' ? paragraphs : 6 + random.int(14)
      const words = rareWords.get(note.path) ?? []
      for (let p = 0; p < paragraphs; p++) {
        const pieces: string[] = []
        const links = Math.floor(linkBudget / paragraphs) + (p < linkBudget % paragraphs ? 1 : 0)
        for (let i = 0; i < links; i++) {
          if (random.chance(0.05))
            pieces.push(b.unresolvedLink(`Unwritten ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`))
          else pieces.push(link())
        }
        if (random.chance(0.3))
          for (const tag of pickTags(1)) pieces.push(b.inlineTag(tag, TAG_CASE_VARIANTS[tag] ?? tag))
        if (random.chance(0.05)) pieces.push(b.attachmentEmbed(path.basename(random.pick(ATTACHMENTS))))
        if (random.chance(0.05)) pieces.push('https://example.com/page#section')
        if (random.chance(0.05)) pieces.push('issue #123 from #2024')
        if (random.chance(0.05)) pieces.push(b.inlineCode(undefined))
        if (p === 0 && words.length > 0) pieces.push(...words)
        if (p === 0 && formSources.includes(note)) {
          pieces.push(b.link(target(SPECIAL_PATHS.formsTarget), LINK_FORMS[formSources.indexOf(note)]!))
        }
        if (p === 0 && position % 97 === 5) pieces.push(link(target(SPECIAL_PATHS.unicode[0]!)))
        if (p === 0 && position % 89 === 7) pieces.push(link(target(SPECIAL_PATHS.unicode[1]!)))
        if (p === 0 && position % 131 === 3) pieces.push(link(target(SPECIAL_PATHS.indexes[0]!), 'path'))
        b.paragraph(pieces, random.chance(0.08))
        if (p === 0 && random.chance(0.3)) b.line('A paragraph that others can quote. ^blk1\n')
        if (random.chance(0.25)) b.heading(2)
        if (random.chance(0.2))
          b.taskList(
            random.pick(['dash', 'dash', 'dash', 'star', 'plus', 'numbered'] as const),
            1 + random.int(4),
          )
        if (random.chance(0.03)) b.calloutTasks(1 + random.int(3))
        if (random.chance(0.06)) {
          const mentions =
            position % 50 === 11 ? [target(SPECIAL_PATHS.decoy)] : random.chance(0.3) ? [pickTarget()] : []
          b.codeBlock(mentions)
        }
        if (random.chance(0.02))
          b.table([pickTarget(), pickTarget()], (entry) => b.link(entry, 'table-alias'))
        if (p === 0 && position % 70 === 13) b.paragraph([b.inlineCode(target(SPECIAL_PATHS.decoy))], false)
      }
    }

    let text = `${b.lines.join('\n').trimEnd()}\n`
    if (position % 100 === 42) {
      text = text.replaceAll('\n', '\r\n')
      crlfNotes++
    }
    const bytes = Buffer.from(text, 'utf8')
    files.set(note.path, bytes)
    factsByPath.set(note.path, b.facts)
    truths.push({
      path: note.path,
      kind: note.kind,
      bytes: bytes.length,
      title: note.title ?? note.name,
      tags: [...b.facts.tags].sort(),
      tasks: b.facts.tasks,
      out_links: b.facts.links.length,
    })
  }

  // Files that are not notes, or hidden: none of them may count.
  for (const [i, file] of ATTACHMENTS.entries()) files.set(file, i < 2 ? PNG : PDF)
  files.set('Boards/Plan.canvas', Buffer.from('{"nodes":[],"edges":[]}\n'))
  files.set('.DS_Store', Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]))
  files.set('.obsidian/app.json', Buffer.from('{"trashOption":"local"}\n'))
  files.set(
    '.obsidian/snippets/Hidden Snippet.md',
    Buffer.from(
      `# Hidden\n\n#${HIDDEN_ONLY_TAGS[0]} ${SEARCH_WORDS.hidden_only} [[${target(SPECIAL_PATHS.hub).name}]]\n`,
    ),
  )
  files.set(
    '.trash/Old Idea.md',
    Buffer.from(
      `# Old idea\n\n#${HIDDEN_ONLY_TAGS[1]} ${SEARCH_WORDS.hidden_only} [[${target(SPECIAL_PATHS.hub).name}]]\n`,
    ),
  )

  const manifest = buildManifest({ planned, truths, factsByPath, files, seed, withFrontmatter, crlfNotes })
  for (const [file, content] of [...files].sort(([a], [b]) => byCodePoint(a, b))) {
    const full = path.join(root, file)
    mkdirSync(path.dirname(full), { recursive: true })
    writeFileSync(full, content)
  }
  writeFileSync(`${root}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`)
  if (options.perNote)
    writeFileSync(
      `${root}.manifest.notes.jsonl`,
      truths.map((truth) => JSON.stringify(truth)).join('\n') + '\n',
    )
  return manifest
}

interface ManifestInput {
  planned: PlannedNote[]
  truths: NoteTruth[]
  factsByPath: Map<string, NoteFacts>
  files: Map<string, Buffer>
  seed: number
  withFrontmatter: number
  crlfNotes: number
}

function buildManifest({
  planned,
  truths,
  factsByPath,
  files,
  seed,
  withFrontmatter,
  crlfNotes,
}: ManifestInput) {
  const hash = createHash('sha256')
  for (const [file, content] of [...files].sort(([a], [b]) => byCodePoint(a, b)))
    hash.update(file).update(content)

  const tagCounts = new Map<string, number>()
  const tasks = { open: 0, done: 0, other: 0 }
  const byForm: Record<string, number> = {}
  const linksByForm: Record<string, number> = {}
  const sourcesOf = new Map<string, Map<string, Set<LinkForm>>>()
  let unresolved = 0
  let attachmentEmbeds = 0
  let fakeTasks = 0
  for (const truth of truths) {
    const facts = factsByPath.get(truth.path)!
    for (const tag of facts.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1)
    tasks.open += facts.tasks.open
    tasks.done += facts.tasks.done
    tasks.other += facts.tasks.other
    for (const [form, count] of facts.tasksByForm) byForm[form] = (byForm[form] ?? 0) + count
    for (const { target, form } of facts.links) {
      linksByForm[form] = (linksByForm[form] ?? 0) + 1
      const sources = sourcesOf.get(target) ?? new Map<string, Set<LinkForm>>()
      sourcesOf.set(target, sources)
      sources.set(truth.path, (sources.get(truth.path) ?? new Set()).add(form))
    }
    unresolved += facts.unresolvedLinks
    attachmentEmbeds += facts.attachmentEmbeds
    fakeTasks += facts.fakeTasks
  }

  const backlinkEntry = (role: string, notePath: string) => {
    const sources = sourcesOf.get(notePath) ?? new Map<string, Set<LinkForm>>()
    const fakeOnly = truths
      .filter((truth) => factsByPath.get(truth.path)!.fakeMentions.has(notePath) && !sources.has(truth.path))
      .map((truth) => truth.path)
    return {
      role,
      path: notePath,
      expected_count: sources.size,
      sources: [...sources]
        .sort(([a], [b]) => byCodePoint(a, b))
        .map(([source, forms]) => ({ path: source, forms: [...forms].sort() })),
      fake_only_sources: fakeOnly,
    }
  }
  const popular = [...sourcesOf]
    .filter(([notePath]) => notePath !== SPECIAL_PATHS.hub)
    .sort(([a, x], [b, y]) => y.size - x.size || byCodePoint(a, b))
  const mid = popular[Math.floor(popular.length / 10)]?.[0] ?? SPECIAL_PATHS.formsTarget

  const searchTruth = (query: string) => {
    const lower = query.toLowerCase()
    const notes = truths
      .filter((truth) => {
        const text = files.get(truth.path)!.toString('utf8').toLowerCase()
        return (
          text.includes(lower) ||
          truth.title.toLowerCase().includes(lower) ||
          path.basename(truth.path).toLowerCase().includes(lower)
        )
      })
      .map((truth) => truth.path)
    return notes.length <= 500
      ? { query, expected_count: notes.length, notes }
      : { query, expected_count: notes.length }
  }

  const realTags = new Set(tagCounts.keys())
  const topic = planned.find((note) => note.kind === 'topic' && !/ \d+$/.test(note.name))!
  return {
    generator: 'jasque bench/genvault',
    version: 1,
    seed,
    notes_requested: planned.length,
    content_sha256: hash.digest('hex'),
    counts: {
      visible_md_notes: truths.length,
      md_bytes: truths.reduce((sum, truth) => sum + truth.bytes, 0),
      attachments: ATTACHMENTS.length,
      notes_with_frontmatter: withFrontmatter,
      crlf_notes: crlfNotes,
      empty_notes: truths.filter((truth) => truth.bytes === 0).length,
      large_notes: truths
        .filter((truth) => truth.kind === 'large')
        .map(({ path: notePath, bytes }) => ({ path: notePath, bytes })),
    },
    links: {
      resolved_link_occurrences_by_form: linksByForm,
      unresolved_link_occurrences: unresolved,
      attachment_embeds: attachmentEmbeds,
    },
    backlinks: [
      backlinkEntry('hub: most linked note', SPECIAL_PATHS.hub),
      backlinkEntry('mid-popularity note', mid),
      backlinkEntry('a link of every form', SPECIAL_PATHS.formsTarget),
      backlinkEntry('accented name', SPECIAL_PATHS.unicode[0]!),
      backlinkEntry('CJK name', SPECIAL_PATHS.unicode[1]!),
      backlinkEntry('decoy: named only inside code', SPECIAL_PATHS.decoy),
      backlinkEntry('duplicate name, linked by path only', SPECIAL_PATHS.indexes[0]!),
    ],
    tags: {
      note_counts: Object.fromEntries([...tagCounts].sort(([a, x], [b, y]) => y - x || byCodePoint(a, b))),
      fake_tags: Object.fromEntries(FAKE_TAGS.map((tag) => [tag, { also_real_tag: realTags.has(tag) }])),
      hidden_only_tags: [...HIDDEN_ONLY_TAGS],
      suggested_common: [...tagCounts].sort(([, x], [, y]) => y - x)[0]?.[0],
    },
    tasks: { ...tasks, by_form: byForm, fake_in_code: fakeTasks },
    search: {
      common: searchTruth(SEARCH_WORDS.common),
      rare_ascii: searchTruth(SEARCH_WORDS.rare_ascii),
      rare_unicode: searchTruth(SEARCH_WORDS.rare_unicode),
      rare_cjk: searchTruth(SEARCH_WORDS.rare_cjk),
      hidden_only: searchTruth(SEARCH_WORDS.hidden_only),
    },
    find_by_name: [
      { query: topic.name, expect_first: topic.path, match: 'filename' },
      { query: 'Café déjà vu ☕', expect_first: SPECIAL_PATHS.unicode[0], match: 'filename (unicode)' },
      { query: '東京 旅行 計画 🗼', expect_first: SPECIAL_PATHS.unicode[1], match: 'filename (CJK)' },
      {
        query: SPECIAL_PATHS.titleOnlyTitle,
        expect_contains: SPECIAL_PATHS.titleOnly,
        match: 'frontmatter title only',
      },
      { query: 'Index', expect_contains_all: SPECIAL_PATHS.indexes, match: 'duplicate file name' },
    ],
    special_paths: {
      hub: SPECIAL_PATHS.hub,
      mid,
      forms_target: SPECIAL_PATHS.formsTarget,
      unicode_targets: SPECIAL_PATHS.unicode,
      decoy: SPECIAL_PATHS.decoy,
      title_only: SPECIAL_PATHS.titleOnly,
    },
  }
}

export type Manifest = ReturnType<typeof generateVault>
