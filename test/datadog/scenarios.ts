/** Scripted model answers and span-tree printing shared by the Datadog tests. */
import type { FakeResponse } from '../helpers/fake-anthropic.ts'
import type { LlmObsSpan } from '../helpers/fake-datadog-agent.ts'

/** Three model calls: search, then edit, then the final answer. */
export const SEARCH_THEN_EDIT: FakeResponse[] = [
  {
    type: 'turn',
    text: 'Let me look.',
    toolUses: [{ name: 'obsidian_query_vault', input: { operation: 'search', query: 'plan' } }],
    usage: { input: 120, output: 25 },
  },
  {
    type: 'turn',
    text: 'Editing.',
    toolUses: [
      {
        name: 'obsidian_manage_notes',
        input: { operation: 'edit', path: 'Projects/Secret plan.md', content: 'NOTE-CONTENT new text' },
      },
    ],
    usage: { input: 180, output: 30 },
  },
  { type: 'turn', text: 'Final answer: done.', usage: { input: 200, output: 15 } },
]

/** The LLM Obs spans as indented `kind name` lines, children in start order. */
export function spanTree(spans: LlmObsSpan[]): string[] {
  const children = new Map<string, LlmObsSpan[]>()
  for (const span of spans) {
    const list = children.get(span.parent_id) ?? []
    list.push(span)
    children.set(span.parent_id, list)
  }
  const start = (span: LlmObsSpan) => Number((span as unknown as { start_ns: number }).start_ns)
  const lines: string[] = []
  const visit = (parentId: string, depth: number) => {
    const list = (children.get(parentId) ?? []).sort((a, b) => start(a) - start(b))
    for (const span of list) {
      lines.push(`${'  '.repeat(depth)}${span.meta['span.kind']} ${span.name}`)
      visit(span.span_id, depth + 1)
    }
  }
  visit('undefined', 0)
  return lines
}
