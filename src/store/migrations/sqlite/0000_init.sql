-- Jasque's first schema for the embedded SQLite store. Timestamps are integer milliseconds since
-- the epoch, JSON columns are text, booleans 0 or 1.
CREATE TABLE journal_entries (
	id text PRIMARY KEY NOT NULL,
	created_at integer NOT NULL,
	source_kind text NOT NULL CHECK (source_kind in ('chat', 'cli', 'mcp', 'api')),
	request_id text,
	conversation_id text,
	tool text NOT NULL,
	operation text NOT NULL,
	paths text NOT NULL,
	summary text,
	changes text NOT NULL,
	undone_at integer,
	undone_by text
) STRICT;
CREATE TABLE journal_blobs (
	entry_id text NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
	position integer NOT NULL,
	encoding text NOT NULL CHECK (encoding in ('identity', 'gzip')),
	size integer NOT NULL,
	data blob NOT NULL,
	PRIMARY KEY (entry_id, position)
) STRICT;
CREATE TABLE agent_runs (
	id text PRIMARY KEY NOT NULL,
	created_at integer NOT NULL,
	request_id text NOT NULL,
	conversation_id text,
	model text NOT NULL,
	started_at integer NOT NULL,
	finished_at integer NOT NULL,
	input_tokens integer,
	output_tokens integer,
	outcome text NOT NULL,
	error_message text,
	tool_call_count integer NOT NULL
) STRICT;
CREATE TABLE agent_tool_calls (
	run_id text NOT NULL REFERENCES agent_runs(id) ON DELETE CASCADE,
	position integer NOT NULL,
	name text NOT NULL,
	operation text,
	paths text NOT NULL,
	duration_ms integer NOT NULL,
	ok integer NOT NULL CHECK (ok in (0, 1)),
	error text,
	change_id text,
	PRIMARY KEY (run_id, position)
) STRICT;
CREATE INDEX agent_runs_created_at_idx ON agent_runs (created_at);
CREATE INDEX agent_runs_request_id_idx ON agent_runs (request_id);
CREATE INDEX journal_entries_created_at_idx ON journal_entries (created_at);
