#!/usr/bin/env bash
# Per-case documents in bulk on a store of N generated cases (default 10,000): `casectl report
# cases --out DIR` (the case card, the plan, the case card with --redact) against the sqlite3
# shell doing the same work: for every case, look it up with its members and write one file
# (a script of `.once FILE` + SELECT per case, the case and its members as JSON). Prints a
# Markdown table of median wall times over RUNS runs (default 3), the peak memory (max RSS), and
# how many files each wrote.
#   usage: tests/bench/bench_documents.sh [path/to/casectl] [N]
# STORE=FILE keeps the generated store there and reuses it when it holds N cases.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../../build/casectl}"
n="${2:-10000}"
export RUNS="${RUNS:-3}" TIMEOUT="${TIMEOUT:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="${STORE:-$work/cases.db}"
export CASECTL_DB="$store" HOME="$work" XDG_CONFIG_HOME="$work/config" CASECTL_TODAY=2026-11-20
unset CASECTL_CONFIG

# shellcheck source=tests/bench/timing.sh
. "$here/timing.sh"
use_store "$casectl" "$store" "$n"

# The sqlite3 side: one file per case, the case row and its members as JSON.
sqlite3 "$store" "SELECT '.once $work/sq/' || case_id || '.txt' || char(10) ||
  'SELECT json_object(''case'', json_object(''case_id'', c.case_id, ''name'', c.name, ''status'', c.status, ''district'', c.district,
     ''address'', c.address, ''phone'', c.phone, ''opened'', c.opened),
     ''members'', (SELECT json_group_array(json_object(''name'', m.name, ''role'', m.role, ''birth_date'', m.birth_date))
                   FROM members m WHERE m.case_row = c.id ORDER BY m.position))
   FROM cases c WHERE c.case_id = ''' || case_id || ''';' FROM cases ORDER BY case_id" >"$work/per-case.sql"

# fresh DIR CMD...: runs CMD after emptying DIR (the documents are written anew on every run);
# its stderr (the cases skipped for want of a plan) is dropped.
fresh() {
  local dir="$1"
  shift
  rm -rf "$dir" && mkdir -p "$dir" && "$@" 2>/dev/null
}
export -f fresh

row() { # name, output directory, command...
  local name="$1" dir="$2"
  shift 2
  local ms rss files
  ms=$(median_ms bash -c 'fresh "$@"' _ "$dir" "$@")
  rm -rf "$dir" && mkdir -p "$dir"
  rss=$(max_rss_kb bash -c '"$@" 2>/dev/null' _ "$@")
  files=$(find "$dir" -type f | wc -l)
  printf '| %s | %s ms | %s MB | %s |\n' "$name" "$ms" "$((rss / 1024))" "$files"
}

echo "| documents for $n cases | wall time (median of $RUNS) | max RSS | files |"
echo "|---|---|---|---|"
row "casectl report cases --template case" "$work/case" \
  "$casectl" report cases --template case --out "$work/case" --force -o tsv
row "casectl report cases --template case --redact" "$work/redacted" \
  "$casectl" report cases --template case --out "$work/redacted" --force --redact -o tsv
row "casectl report cases --template plan (cases with a plan)" "$work/plan" \
  "$casectl" report cases --template plan --out "$work/plan" --force -o tsv
row "sqlite3 shell: case + members as JSON, .once per case" "$work/sq" sqlite3 "$store" ".read $work/per-case.sql"
