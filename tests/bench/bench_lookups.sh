#!/usr/bin/env bash
# Lookups on a store of N generated cases (default 1,000,000): casectl against the sqlite3 shell
# running the same query on the same file. Prints a Markdown table of median wall times over
# RUNS runs (default 7) and the peak memory (max RSS) of each.
#   usage: tests/bench/bench_lookups.sh [path/to/casectl] [N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../../build/casectl}"
n="${2:-1000000}"
export RUNS="${RUNS:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="$work/cases.db"
export CASECTL_DB="$store" HOME="$work" XDG_CONFIG_HOME="$work/config"
unset CASECTL_CONFIG CASECTL_TODAY

start=$(date +%s.%N)
"$here/generate_store.sh" "$casectl" "$store" "$n"
echo "generated $n cases in $(echo "$(date +%s.%N) - $start" | bc) s; store $(du -h "$store" | cut -f1)" >&2

# shellcheck source=tests/bench/timing.sh
. "$here/timing.sh"

mid=$((n / 2))
mid_id=$(sqlite3 "$store" "SELECT case_id FROM cases WHERE id = $mid")
summary_sql="SELECT c.case_id, c.status, c.urgency, c.kind, c.name, c.district, c.opened, c.case_manager,
  (SELECT group_concat(grp, ';') FROM case_groups g WHERE g.case_row = c.id), (SELECT count(*) FROM members m WHERE m.case_row = c.id)
  FROM cases c"

row() { # name, casectl command (as a string), sqlite3 SQL
  local name="$1" ours="$2" sql="$3"
  local a b ra rb
  a=$(median_ms bash -c "$ours")
  b=$(median_ms sqlite3 "$store" "$sql")
  ra=$(max_rss_kb bash -c "exec $ours")
  rb=$(max_rss_kb sqlite3 "$store" "$sql")
  printf '| %s | %s ms | %s ms | %s MB | %s MB |\n' "$name" "$a" "$b" "$((ra / 1024))" "$((rb / 1024))"
}

echo "| lookup on $n cases | casectl | sqlite3 shell | casectl max RSS | sqlite3 max RSS |"
echo "|---|---|---|---|---|"
row "show one case by id" "$casectl show $mid_id -o json" \
  "SELECT * FROM cases WHERE case_id = '$mid_id'; SELECT * FROM members WHERE case_row = $mid; SELECT * FROM case_groups WHERE case_row = $mid;"
row "show one case by external id" "$casectl show EXT-$mid -o json" \
  "SELECT * FROM cases WHERE external_id = 'EXT-$mid';"
row "list open cases in a district, 50" "$casectl list --open --district almaly --limit 50 -o tsv" \
  "$summary_sql WHERE c.district = 'almaly' AND c.status NOT IN ('closed','consultation') ORDER BY c.case_id LIMIT 50"
row "list a manager's cases" "$casectl list --manager manager7 -o tsv" \
  "$summary_sql WHERE c.case_manager = 'manager7' ORDER BY c.case_id"
row "list all cases, streamed (TSV)" "$casectl list -o tsv" "$summary_sql ORDER BY c.case_id"
row "list all cases, NDJSON" "$casectl list -o ndjson" "$summary_sql ORDER BY c.case_id"
# Shell completion of a case id: what one Tab costs (the scripts run casectl __complete).
row "Tab after 'show 2026-': 40 ids" "$casectl __complete -- show 2026-" \
  "SELECT case_id FROM cases WHERE case_id >= '2026-' AND case_id < '2026-' || char(1114111) ORDER BY case_id DESC LIMIT 40"
row "Tab after 'show ': the 40 highest ids" "$casectl __complete -- show ''" \
  "SELECT case_id FROM cases ORDER BY case_id DESC LIMIT 40"
