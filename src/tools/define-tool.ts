/**
 * One way to define a vault tool: a module constant with a name, a description the model can act
 * on, zod schemas for its input (a description on every field) and its result, annotations, and a
 * run function that gets everything it needs (vault, journal, source, signal) through its context.
 * The same definition serves the agent loop, the CLI and MCP; cross-cutting behaviour lives in
 * `executeTool`.
 */
import type { z } from 'zod'
import type {
  ChangeSource,
  Journal,
  JournalEntry,
  JournalEntryInput,
  JournalFileChange,
} from '../store/index.ts'
import type { Vault } from '../vault/index.ts'

export interface ToolAnnotations {
  /** Never changes the vault. */
  readOnly: boolean
  /** May remove or overwrite data (undoable through the journal). */
  destructive: boolean
}

/** Where a change came from, recorded in the journal and the run history. */
export type { ChangeSource } from '../store/index.ts'

/** What executeTool needs of the journal to record a call's changes. */
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

/** What every call gets from its caller: the services the tools run on and who is asking. */
export interface ToolContext {
  signal: AbortSignal
  source: ChangeSource
  vault: Vault
  /** Folders left out of searches (preferences `search_exclude_folders`); none when absent. */
  searchExclusions?: () => Promise<string[]>
  /**
   * The change journal: each call's changes become one entry in it, and obsidian_history reads and
   * undoes from it. Without it nothing is recorded and obsidian_history fails.
   */
  journal?: Journal
}

/** What the tools run on, the same for every call of one process. */
export type ToolDependencies = Omit<ToolContext, 'signal' | 'source'>

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
  /** Every result the tool returns, failures and executeTool's additions (change_id) included. */
  output: z.ZodType
  annotations: ToolAnnotations
  run(input: z.output<Schema>, context: ToolRunContext): Promise<ToolRunOutput>
}

/** Identity helper that keeps the input type of `run` tied to the schema. */
export function defineTool<Schema extends z.ZodType>(
  definition: ToolDefinition<Schema>,
): ToolDefinition<Schema> {
  return definition
}
