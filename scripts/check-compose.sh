#!/bin/sh
# Validates that docker-compose.yml and docker-compose.observability.yml merge, and that the merged
# app service starts with the dd-trace preload and passes every DD_* variable. Needs Debian's
# docker-compose package (no Docker engine). Prints the merged config on failure.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
command -v docker-compose >/dev/null 2>&1 || { echo "check-compose: docker-compose is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/docker-compose.yml" "$root/docker-compose.observability.yml" "$work/"
: > "$work/.env"
merged=$(cd "$work" && OBSIDIAN_VAULT_PATH="$work" docker-compose -f docker-compose.yml -f docker-compose.observability.yml config)
fail() { echo "check-compose: $1" >&2; echo "$merged" >&2; exit 1; }
echo "$merged" | grep -q 'dd-trace/initialize.mjs' || fail "the app command has no dd-trace preload"
for name in DD_API_KEY DD_SITE DD_LLMOBS_ENABLED DD_LLMOBS_ML_APP DD_LLMOBS_AGENTLESS_ENABLED DD_SERVICE DD_ENV DD_LOGS_INJECTION; do
  echo "$merged" | grep -q "^ *$name:" || fail "the app service does not pass $name"
done
echo "check-compose: ok"
