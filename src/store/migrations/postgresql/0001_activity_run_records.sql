-- Activity page and undo of a whole turn: journal entries name the agent run that made them, runs
-- keep the start of the user's request, tool calls keep their arguments (without note content).
ALTER TABLE "journal_entries" ADD COLUMN IF NOT EXISTS "run_id" text;
ALTER TABLE "agent_runs" ADD COLUMN IF NOT EXISTS "request_text" text;
ALTER TABLE "agent_tool_calls" ADD COLUMN IF NOT EXISTS "arguments" jsonb;
CREATE INDEX IF NOT EXISTS "journal_entries_run_id_idx" ON "journal_entries" USING btree ("run_id");
