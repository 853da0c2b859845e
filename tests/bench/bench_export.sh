#!/usr/bin/env bash
# Export and import of a whole store of N generated cases (default 100,000): casectl against the
# sqlite3 shell doing the same work on the same file.
# - export: `casectl export` (every case with all its rows, as NDJSON) against the shell writing
#   every table of the store as JSON (.mode json, SELECT * of each table);
# - import into an empty store: `casectl import` (which also checks the file whole first, and
#   rebuilds the search index) against the shell reading the store's .dump into a new file.
# Prints a Markdown table of median wall times over RUNS runs (default 3), the two sides run one
# after the other in each round, and the peak memory (max RSS) of each.
#   usage: tests/bench/bench_export.sh [path/to/casectl] [N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../../build/casectl}"
n="${2:-100000}"
export RUNS="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="$work/cases.db"
export CASECTL_DB="$store" HOME="$work" XDG_CONFIG_HOME="$work/config"
unset CASECTL_CONFIG CASECTL_TODAY

# shellcheck source=tests/bench/timing.sh
. "$here/timing.sh"
use_store "$casectl" "$store" "$n"

tables=$(sqlite3 "$store" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_search%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
json_sql=""
for t in $tables; do json_sql="$json_sql SELECT * FROM $t;"; done
"$casectl" export --to "$work/export.ndjson" 2>/dev/null
sqlite3 "$store" .dump >"$work/dump.sql"

import_ours() {
  rm -f "$work/new.db" "$work/new.db-wal" "$work/new.db-shm"
  "$casectl" --db "$work/new.db" init 2>/dev/null && "$casectl" --db "$work/new.db" import "$work/export.ndjson" -o tsv
}
import_shell() { rm -f "$work/shell.db" && sqlite3 "$work/shell.db" <"$work/dump.sql"; }
export -f import_ours import_shell
export casectl work

row() { # name, casectl command, sqlite3 command (each a string for bash -c)
  local name="$1" ours="$2" theirs="$3" a b ra rb
  a=$(median_ms bash -c "$ours")
  b=$(median_ms bash -c "$theirs")
  ra=$(max_rss_kb bash -c "$ours")
  rb=$(max_rss_kb bash -c "$theirs")
  printf '| %s | %s ms | %s ms | %.1f | %s MB | %s MB |\n' "$name" "$a" "$b" "$(echo "$a / $b" | bc -l)" "$((ra / 1024))" "$((rb / 1024))"
}

echo "| $n cases | casectl | sqlite3 shell | ratio | casectl max RSS | sqlite3 max RSS |"
echo "|---|---|---|---|---|---|"
row "export the whole store" "$casectl export 2>/dev/null" "sqlite3 -json '$store' '$json_sql'"
row "import it into an empty store" "import_ours 2>/dev/null" "import_shell"
echo
echo "export: $(du -h "$work/export.ndjson" | cut -f1), $(wc -l <"$work/export.ndjson") lines; .dump: $(du -h "$work/dump.sql" | cut -f1)"
