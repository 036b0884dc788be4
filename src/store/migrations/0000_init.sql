CREATE TABLE "agent_runs" (
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
--> statement-breakpoint
CREATE TABLE "agent_tool_calls" (
	"run_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"operation" text,
	"paths" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"ok" boolean NOT NULL,
	"error" text,
	"change_id" text,
	CONSTRAINT "agent_tool_calls_run_id_position_pk" PRIMARY KEY("run_id","position")
);
--> statement-breakpoint
CREATE TABLE "journal_blobs" (
	"entry_id" text NOT NULL,
	"position" integer NOT NULL,
	"encoding" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "journal_blobs_entry_id_position_pk" PRIMARY KEY("entry_id","position"),
	CONSTRAINT "journal_blobs_encoding_check" CHECK ("journal_blobs"."encoding" in ('identity', 'gzip'))
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
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
	CONSTRAINT "journal_entries_source_kind_check" CHECK ("journal_entries"."source_kind" in ('chat', 'cli', 'mcp', 'api'))
);
--> statement-breakpoint
ALTER TABLE "agent_tool_calls" ADD CONSTRAINT "agent_tool_calls_run_id_agent_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_blobs" ADD CONSTRAINT "journal_blobs_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_runs_created_at_idx" ON "agent_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_runs_request_id_idx" ON "agent_runs" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "journal_entries_created_at_idx" ON "journal_entries" USING btree ("created_at");