/**
 * One way to define a vault tool: a name, a description the model can act on, a zod input schema
 * (a description on every field), annotations, and a run function. The same definition serves the
 * agent loop, the CLI and MCP; cross-cutting behaviour lives in `executeTool`.
 */
import type { z } from 'zod'
import type { JournalEntry, JournalEntryInput, JournalFileChange } from '../store/index.ts'

export interface ToolAnnotations {
  /** Never changes the vault. */
  readOnly: boolean
  /** May remove or overwrite data (undoable through the journal). */
  destructive: boolean
}

/** Where a change came from, recorded in the journal and the run history. */
export type { ChangeSource } from '../store/index.ts'

import type { ChangeSource } from '../store/index.ts'

/** Where executeTool records the changes a tool made (the store's journal). */
export interface ChangeRecorder {
  record(input: JournalEntryInput): Promise<Pick<JournalEntry, 'id'>>
  /** Appends changes to an entry recorded earlier in the same call; `summary` replaces its own. */
  extend(id: string, changes: JournalFileChange[], options?: { summary?: string }): Promise<void>
}

/** What a tool call did to the vault, for tracing and the run history. */
export interface ToolEffects {
  operation: string
  paths: string[]
  bytesWritten?: number
  linksUpdated?: number
  changeId?: string
}

export interface ToolContext {
  signal: AbortSignal
  source: ChangeSource
  /** Records the call's changes as one journal entry; without it nothing is recorded. */
  journal?: ChangeRecorder
}

/** What `run` gets: the caller's context and the call's journal hook, added by executeTool. */
export interface ToolRunContext extends ToolContext {
  /**
   * Journals changes already on disk before the tool goes on, in the call's one entry, so a crash
   * mid-call loses at most the file in flight. Never throws; changes given here are not returned.
   */
  recordProgress(changes: JournalFileChange[]): Promise<void>
}

/** The JSON result the model sees: `success`, the operation, a message, and operation fields. */
export interface ToolResult {
  success: boolean
  operation?: string
  message?: string
  [field: string]: unknown
}

export interface ToolRunOutput {
  result: ToolResult
  effects?: ToolEffects
  /**
   * What is needed to undo the call, beyond what went through `recordProgress`; executeTool adds it
   * to the call's one journal entry.
   */
  changes?: JournalFileChange[]
}

export interface ToolDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string
  /** A short human-readable name (MCP clients show it); the name is used when absent. */
  title?: string
  description: string
  input: Schema
  annotations: ToolAnnotations
  run(input: z.output<Schema>, context: ToolRunContext): Promise<ToolRunOutput>
  /**
   * Runs a call, with the journaling of its changes, under a lock (the vault's write lock for tools
   * that write), so the journal lists changes to a file in the order they were made.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>
}

/** Identity helper that keeps the input type of `run` tied to the schema. */
export function defineTool<Schema extends z.ZodType>(
  definition: ToolDefinition<Schema>,
): ToolDefinition<Schema> {
  return definition
}
