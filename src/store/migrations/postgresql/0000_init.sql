-- Jasque's first schema. Idempotent: databases made by earlier versions of Jasque already hold
-- these tables, which are then left as they are.
CREATE TABLE IF NOT EXISTS "journal_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"source_kind" text NOT NULL,
	"request_id" text,
	"conversation_id" text,
	"tool" text NOT NULL,
	"operation" text NOT NULL,
	"paths" jsonb NOT NULL,
	"summary" text,
	"changes" jsonb NOT NULL,
	"undone_at" timestamp (3) with time zone,
	"undone_by" text,
	CONSTRAINT "journal_entries_source_kind_check" CHECK ("source_kind" in ('chat', 'cli', 'mcp', 'api'))
);
CREATE TABLE IF NOT EXISTS "journal_blobs" (
	"entry_id" text NOT NULL,
	"position" integer NOT NULL,
	"encoding" text NOT NULL,
	"size" integer NOT NULL,
	"data" bytea NOT NULL,
	CONSTRAINT "journal_blobs_entry_id_position_pk" PRIMARY KEY("entry_id","position"),
	CONSTRAINT "journal_blobs_encoding_check" CHECK ("encoding" in ('identity', 'gzip')),
	CONSTRAINT "journal_blobs_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE cascade
);
CREATE TABLE IF NOT EXISTS "agent_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"request_id" text NOT NULL,
	"conversation_id" text,
	"model" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone NOT NULL,
	"input_tokens" integer,
	"output_tokens" integer,
	"outcome" text NOT NULL,
	"error_message" text,
	"tool_call_count" integer NOT NULL
);
CREATE TABLE IF NOT EXISTS "agent_tool_calls" (
	"run_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"operation" text,
	"paths" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"ok" boolean NOT NULL,
	"error" text,
	"change_id" text,
	CONSTRAINT "agent_tool_calls_run_id_position_pk" PRIMARY KEY("run_id","position"),
	CONSTRAINT "agent_tool_calls_run_id_agent_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "agent_runs"("id") ON DELETE cascade
);
CREATE INDEX IF NOT EXISTS "agent_runs_created_at_idx" ON "agent_runs" USING btree ("created_at");
CREATE INDEX IF NOT EXISTS "agent_runs_request_id_idx" ON "agent_runs" USING btree ("request_id");
CREATE INDEX IF NOT EXISTS "journal_entries_created_at_idx" ON "journal_entries" USING btree ("created_at");
