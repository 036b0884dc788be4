/**
 * Builds one note's text and, alongside, the truth about it: every tag, task and link is recorded
 * as it is written, so the manifest never depends on parsing what was written.
 */
import type { Random } from './random.ts'
import { FILLER, HEADINGS, SEARCH_WORDS } from './words.ts'

export type LinkForm =
  | 'plain'
  | 'path'
  | 'dot-md'
  | 'heading'
  | 'alias'
  | 'heading-alias'
  | 'lowercase'
  | 'path-alias'
  | 'embed'
  | 'blockref'
  | 'md-link'
  | 'md-link-angle'
  | 'table-alias'

export const LINK_FORMS: readonly LinkForm[] = [
  'plain',
  'path',
  'dot-md',
  'heading',
  'alias',
  'heading-alias',
  'lowercase',
  'path-alias',
  'embed',
  'blockref',
  'md-link',
  'md-link-angle',
  'table-alias',
]

/** A note another note can link to. */
export interface LinkTarget {
  path: string
  name: string
  /** Its basename is shared with another note: only links by path reach it. */
  isDuplicateName: boolean
}

export type TaskForm = 'dash' | 'star' | 'plus' | 'numbered' | 'callout'

export interface NoteFacts {
  tags: Set<string>
  tasks: { open: number; done: number; other: number }
  tasksByForm: Map<string, number>
  /** Resolved links to other notes, in order, with their form. */
  links: { target: string; form: LinkForm }[]
  unresolvedLinks: number
  attachmentEmbeds: number
  fakeTasks: number
  /** Notes named only inside code, which must not count as links. */
  fakeMentions: Set<string>
}

const OPEN = ' '
const DONE = ['x', 'X']
const OTHER = ['-', '/', '>', '?', '!']

export function createNoteBuilder(random: Random) {
  const lines: string[] = []
  const facts: NoteFacts = {
    tags: new Set(),
    tasks: { open: 0, done: 0, other: 0 },
    tasksByForm: new Map(),
    links: [],
    unresolvedLinks: 0,
    attachmentEmbeds: 0,
    fakeTasks: 0,
    fakeMentions: new Set(),
  }

  const words = (count: number) => {
    const out: string[] = []
    for (let i = 0; i < count; i++) out.push(random.pick(FILLER))
    return out.join(' ')
  }

  const sentence = () => {
    const text = words(4 + random.int(9))
    return text.charAt(0).toUpperCase() + text.slice(1)
  }

  const countTask = (status: string, form: string) => {
    if (status === OPEN) facts.tasks.open++
    else if (DONE.includes(status)) facts.tasks.done++
    else facts.tasks.other++
    facts.tasksByForm.set(form, (facts.tasksByForm.get(form) ?? 0) + 1)
  }

  const taskStatus = () =>
    random.chance(0.6) ? OPEN : random.chance(0.8) ? random.pick(DONE) : random.pick(OTHER)

  return {
    facts,
    lines,
    sentence,
    words,
    line(text: string) {
      lines.push(text)
    },
    /** A paragraph of filler with the given inline pieces spread through it. */
    paragraph(pieces: string[], withCommonWord: boolean) {
      const parts = [sentence()]
      for (const piece of pieces) parts.push(piece, words(1 + random.int(5)))
      if (withCommonWord) parts.push(`${SEARCH_WORDS.common} ${words(2)}`)
      lines.push(`${parts.join(' ')}.`, '')
    },
    heading(level: number) {
      lines.push(`${'#'.repeat(level)} ${random.pick(HEADINGS)}`, '')
    },
    /** `#tag` written inline; `written` may differ in case from `tag`. */
    inlineTag(tag: string, written = tag): string {
      facts.tags.add(tag.toLowerCase())
      return `#${written}`
    },
    /** A link of `form` to `target`; md-link forms need a plain ASCII path. */
    link(target: LinkTarget, form: LinkForm): string {
      facts.links.push({ target: target.path, form })
      const stem = target.path.slice(0, -3)
      const alias = words(2)
      const heading = random.pick(HEADINGS)
      switch (form) {
        case 'plain':
          return `[[${target.name}]]`
        case 'path':
          return `[[${stem}]]`
        case 'dot-md':
          return `[[${target.name}.md]]`
        case 'heading':
          return `[[${target.name}#${heading}]]`
        case 'alias':
          return `[[${target.name}|${alias}]]`
        case 'heading-alias':
          return `[[${target.name}#${heading}|${alias}]]`
        case 'lowercase':
          return `[[${target.name.toLowerCase()}]]`
        case 'path-alias':
          return `[[${stem}|${alias}]]`
        case 'embed':
          return `![[${target.name}]]`
        case 'blockref':
          return `[[${target.name}#^blk1]]`
        case 'md-link':
          return `[${alias}](${target.path.replaceAll(' ', '%20')})`
        case 'md-link-angle':
          return `[${alias}](<${target.path}>)`
        case 'table-alias':
          return `[[${target.name}\\|${alias}]]`
      }
    },
    unresolvedLink(name: string): string {
      facts.unresolvedLinks++
      return random.chance(0.5) ? `[[${name}]]` : `[[${name}#${random.pick(HEADINGS)}]]`
    },
    attachmentEmbed(file: string): string {
      facts.attachmentEmbeds++
      return `![[${file}]]`
    },
    /** A list of tasks of one marker kind, some with indented children. */
    taskList(form: Exclude<TaskForm, 'callout'>, count: number) {
      const marker = (i: number) =>
        form === 'dash' ? '-' : form === 'star' ? '*' : form === 'plus' ? '+' : `${i + 1}${i % 2 ? ')' : '.'}`
      for (let i = 0; i < count; i++) {
        const status = taskStatus()
        countTask(status, form)
        lines.push(`${marker(i)} [${status}] ${sentence()}`)
        if (random.chance(0.25)) {
          const child = random.pick(['dash', 'star', 'plus', 'numbered'] as const)
          const childMarker = child === 'dash' ? '-' : child === 'star' ? '*' : child === 'plus' ? '+' : '1.'
          const indent = form === 'numbered' ? '   ' : random.chance(0.5) ? '  ' : '\t'
          const childStatus = taskStatus()
          countTask(childStatus, `indented-${child}`)
          lines.push(`${indent}${childMarker} [${childStatus}] ${sentence()}`)
        }
      }
      lines.push('')
    },
    calloutTasks(count: number) {
      lines.push('> [!todo] Later')
      for (let i = 0; i < count; i++) {
        const status = taskStatus()
        countTask(status, 'callout')
        lines.push(`> - [${status}] ${sentence()}`)
      }
      lines.push('')
    },
    /** A fenced code block of things that must not count: tasks, links, `#include`, colours. */
    codeBlock(mentions: LinkTarget[]) {
      const fence = random.chance(0.5) ? '```' : '~~~'
      lines.push(fence === '```' ? '```c' : fence, '#include <stdio.h>', '#define LIMIT 10')
      lines.push('- [ ] not a task inside code', 'color: #ff8800;')
      facts.fakeTasks++
      for (const target of mentions) {
        facts.fakeMentions.add(target.path)
        lines.push(`see [[${target.name}]]`)
      }
      lines.push(fence, '')
    },
    inlineCode(mention: LinkTarget | undefined): string {
      if (mention === undefined) return '`#123 is #ff8800`'
      facts.fakeMentions.add(mention.path)
      return `\`[[${mention.name}]]\``
    },
    table(targets: LinkTarget[], link: (target: LinkTarget) => string) {
      lines.push('| Item | Link |', '| --- | --- |')
      for (const target of targets) lines.push(`| ${words(2)} | ${link(target)} |`)
      lines.push('')
    },
  }
}

export type NoteBuilder = ReturnType<typeof createNoteBuilder>
