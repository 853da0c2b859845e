#!/usr/bin/env bash
# Bulk intake of N generated records (default 100000) from CSV: `casectl intake --from` into a
# fresh store, against the sqlite3 shell's `.import` of the same file into an equivalent table.
# Prints a Markdown table: wall time, records per second and peak memory (max RSS) of each.
#   usage: tests/bench/bench_bulk_intake.sh [path/to/casectl] [N...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../../build/casectl}"
shift || true
sizes=("${@:-100000}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_CONFIG_HOME="$work/config" CASECTL_TODAY=2026-11-20
unset CASECTL_CONFIG CASECTL_DB

# shellcheck source=tests/bench/timing.sh
. "$(dirname "$0")/timing.sh"

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

echo "| records | casectl intake --from | records/s | max RSS | sqlite3 .import | records/s | max RSS |"
echo "|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  csv="$work/records-$n.csv"
  generate_intake_csv "$n" "$csv"
  store="$work/cases-$n.db"
  t0=$(date +%s%N)
  /usr/bin/time -f %M -o "$work/rss" "$casectl" --db "$store" intake --from "$csv" >"$work/ids" 2>"$work/err"
  t1=$(date +%s%N)
  ours_rss=$(tail -1 "$work/rss")
  created=$(wc -l <"$work/ids")
  [ "$created" -eq "$n" ] || { echo "casectl created $created of $n records:" >&2; tail -3 "$work/err" >&2; exit 1; }
  ours=$(seconds "$t0" "$t1")

  plain="$work/plain-$n.db"
  t0=$(date +%s%N)
  /usr/bin/time -f %M -o "$work/rss" sqlite3 "$plain" >/dev/null <<SQL # (the PRAGMA prints "wal")
PRAGMA journal_mode = WAL;
CREATE TABLE cases (external_id TEXT UNIQUE, name TEXT NOT NULL, kind TEXT, district TEXT, address TEXT, phone TEXT,
                    groups TEXT, problems TEXT, members TEXT, urgency TEXT, consent TEXT, opened TEXT);
.import --csv --skip 1 $csv cases
SQL
  t1=$(date +%s%N)
  theirs=$(seconds "$t0" "$t1")
  theirs_rss=$(tail -1 "$work/rss")
  printf '| %s | %s s | %s | %s MB | %s s | %s | %s MB |\n' "$n" "$ours" "$(awk -v n="$n" -v s="$ours" 'BEGIN { printf "%d", n / s }')" \
    "$((ours_rss / 1024))" "$theirs" "$(awk -v n="$n" -v s="$theirs" 'BEGIN { printf "%d", n / s }')" "$((theirs_rss / 1024))"
done
