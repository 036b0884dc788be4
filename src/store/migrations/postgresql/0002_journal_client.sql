-- The MCP client that asked for a change, by the name it gave (null for other sources).
ALTER TABLE "journal_entries" ADD COLUMN IF NOT EXISTS "client" text;
