#!/usr/bin/env bash
# Reports on a store of N generated cases (default 1,000,000): `casectl report ...` against the
# sqlite3 shell running the same SQL (lib/store/report_queries.cpp, the parameters filled in) on
# the same file. Prints a Markdown table of median wall times over RUNS runs (default 5) and the
# peak memory (max RSS) of each. First checks that casectl prints the figures the SQL gives (the
# KPI report and the caseload by district and by month) and exits 1 if they differ.
#   usage: tests/bench/bench_reports.sh [path/to/casectl] [N]
# STORE=FILE keeps the generated store there and reuses it on the next run when it holds N cases
# (generating a million cases takes minutes); without it the store goes to a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../../build/casectl}"
n="${2:-1000000}"
export RUNS="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="${STORE:-$work/cases.db}"
export CASECTL_DB="$store" HOME="$work" XDG_CONFIG_HOME="$work/config" CASECTL_TODAY=2026-11-20
unset CASECTL_CONFIG

if [ -f "$store" ] && [ "$(sqlite3 "$store" 'SELECT count(*) FROM cases' 2>/dev/null)" = "$n" ]; then
  echo "reusing $store ($n cases, $(du -h "$store" | cut -f1))" >&2
else
  start=$(date +%s.%N)
  "$here/generate_store.sh" "$casectl" "$store" "$n"
  echo "generated $n cases in $(echo "$(date +%s.%N) - $start" | bc) s; store $(du -h "$store" | cut -f1)" >&2
fi

# shellcheck source=tests/bench/timing.sh
. "$here/timing.sh"

# The SQL of lib/store/report_queries.cpp, as casectl runs it, with the parameters filled in.
full="c.consultation = 0"
accompanied="c.consultation = 0 AND (c.closed IS NULL OR c.closed >= p.start)"
people="max(1, (SELECT count(*) FROM members m WHERE m.case_row = c.id))"
outcome="(SELECT x.outcome FROM closures x WHERE x.case_row = c.id AND x.closed_on BETWEEN p.start AND p.fin ORDER BY x.closed_on DESC, x.id DESC LIMIT 1)"

# count_cases PERIODS KEY JOIN DISTRICT: PERIODS as "('key', 'from', 'to'), ...".
count_cases() {
  cat <<SQL
    WITH p (key, start, fin) AS (VALUES $1)
    SELECT $2 AS grouped,
      sum($full AND (c.closed IS NULL OR c.closed > p.fin)),
      sum($full AND c.opened >= p.start),
      sum(CASE WHEN $full THEN $outcome IS NOT NULL ELSE 0 END),
      sum(CASE WHEN $full THEN coalesce($outcome = 'goals-achieved', 0) ELSE 0 END),
      sum($accompanied),
      sum(CASE WHEN $accompanied THEN $people ELSE 0 END),
      sum(c.consultation = 1 AND c.opened >= p.start),
      sum(CASE WHEN c.consultation = 1 AND c.opened >= p.start THEN $people ELSE 0 END)
    FROM p JOIN cases c ON c.opened <= p.fin $3
    WHERE ('$4' = '' OR c.district = '$4')
    GROUP BY grouped ORDER BY grouped;
SQL
}

# count_events FROM TO DISTRICT
count_events() {
  cat <<SQL
    SELECT e.event_type, count(*) FROM events e JOIN cases c ON c.id = e.case_row
    WHERE e.happened_on BETWEEN '$1' AND '$2' AND ('$3' = '' OR c.district = '$3')
    GROUP BY e.event_type ORDER BY e.event_type;
SQL
}

# median_days FROM TO DISTRICT
median_days() {
  cat <<SQL
    WITH waits (days) AS (
      SELECT julianday(min(a.assessed_on)) - julianday(c.opened)
      FROM cases c JOIN assessments a ON a.case_row = c.id
      WHERE c.consultation = 0 AND c.opened BETWEEN '$1' AND '$2' AND ('$3' = '' OR c.district = '$3')
      GROUP BY c.id),
    ranked (days, position, total) AS (
      SELECT days, row_number() OVER (ORDER BY days), count(*) OVER () FROM waits)
    SELECT avg(days) FROM ranked WHERE position IN ((total + 1) / 2, (total + 2) / 2);
SQL
}

# kpi FROM TO BASE_FROM BASE_TO DISTRICT: the queries of `report kpi`, in its order, each after a
# line that says what it gives.
kpi() {
  echo ".print counts"
  count_cases "('now', '$1', '$2'), ('before', '$3', '$4')" p.key "" "$5"
  echo ".print median now"
  median_days "$1" "$2" "$5"
  echo ".print median before"
  median_days "$3" "$4" "$5"
  echo ".print event now"
  count_events "$1" "$2" "$5"
  echo ".print event before"
  count_events "$3" "$4" "$5"
}

# The months of a year as count_cases periods, keyed 2025-01 ...
months_of() {
  local m periods=""
  for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    periods+="${periods:+, }('$1-$m', '$1-$m-01', '$(date -d "$1-$m-01 +1 month -1 day" +%F)')"
  done
  echo "$periods"
}

year="('', '2025-01-01', '2025-12-31')"
# sql NAME SQL: writes the SQL to NAME.sql in the work directory and prints the file's name.
sql() {
  printf '%s\n' "$2" >"$work/$1.sql"
  echo "$work/$1.sql"
}

# check CASECTL-ARGS SQL-FILE AWK: runs both and compares what AWK makes of each (AWK reads the
# sqlite3 output, then casectl's TSV, and prints one "figure which value" line per figure).
check() {
  local args="$1" file="$2" program="$3"
  sqlite3 -init /dev/null "$store" ".read $file" >"$work/sqlite.out"
  # shellcheck disable=SC2086
  "$casectl" report $args -o tsv >"$work/casectl.out"
  awk -F'|' -v side=sqlite "$program" "$work/sqlite.out" | sort >"$work/expected"
  awk -F'\t' -v side=casectl "$program" "$work/casectl.out" | sort >"$work/actual"
  if ! diff -u "$work/expected" "$work/actual" >"$work/diff"; then
    echo "FAIL: 'casectl report $args' does not print what the same SQL gives (- sqlite3, + casectl):" >&2
    cat "$work/diff" >&2
    exit 1
  fi
  [ -s "$work/expected" ] || { echo "FAIL: 'casectl report $args': nothing to compare" >&2; exit 1; }
  echo "checked 'casectl report $args': $(wc -l <"$work/expected") lines of figures equal to the sqlite3 shell's" >&2
}

# The KPI figures: this period's and the comparison period's value of each count, the median (as a
# number) and every event type that has events.
# shellcheck disable=SC2016 # an awk program
kpi_awk='
  function num(v) { return v == "" ? "null" : v + 0 }
  side == "sqlite" && !/\|/ && /^(counts|median|event)/ { section = $0; next }
  side == "sqlite" && section == "counts" {
    split("open_at_end new_cases closed closed_goals_achieved families people consultations people_consulted", f, " ")
    for (i = 2; i <= 8; i++) print f[i], $1, $(i + 1)
  }
  side == "sqlite" && section ~ /^median/ { split(section, s, " "); print "median_days_to_assessment", s[2], num($1) }
  side == "sqlite" && section ~ /^event/ { split(section, s, " "); print "event." $1, s[2], $2 }
  side == "casectl" && NR > 1 && $1 !~ /^event\./ { print $1, "now", num($3); print $1, "before", num($4) }
  side == "casectl" && NR > 1 && $1 ~ /^event\./ { if ($3 > 0) print $1, "now", $3; if ($4 > 0) print $1, "before", $4 }'
# The caseload rows that have any case: each value's open at end, opened, closed, families, people,
# consultations and people consulted.
# shellcheck disable=SC2016
caseload_awk='
  side == "sqlite" && $2 + $3 + $4 + $6 + $7 + $8 + $9 > 0 { print $1, $2, $3, $4, $6, $7, $8, $9 }
  side == "casectl" && NR > 1 && $3 + $4 + $5 + $6 + $7 + $8 + $9 > 0 { print $1, $3, $4, $5, $6, $7, $8, $9 }'

kpi_2025=$(sql kpi_2025 "$(kpi 2025-01-01 2025-12-31 2024-01-01 2024-12-31 "")")
kpi_2025_almaly=$(sql kpi_2025_almaly "$(kpi 2025-01-01 2025-12-31 2024-01-01 2024-12-31 almaly)")
kpi_month=$(sql kpi_month "$(kpi 2025-07-01 2025-07-31 2024-07-01 2024-07-31 "")")
kpi_month_almaly=$(sql kpi_month_almaly "$(kpi 2025-07-01 2025-07-31 2024-07-01 2024-07-31 almaly)")
by_district=$(sql by_district "$(count_cases "$year" c.district "" "")")
by_manager=$(sql by_manager "$(count_cases "$year" "coalesce(c.case_manager, '')" "" "")")
by_group=$(sql by_group "$(count_cases "$year" "coalesce(g.grp, '')" "LEFT JOIN case_groups g ON g.case_row = c.id" "")")
by_month=$(sql by_month "$(count_cases "$(months_of 2025)" p.key "" "")")

check "kpi --period 2025" "$kpi_2025" "$kpi_awk"
check "kpi --period 2025-07 --compare year --district almaly" "$kpi_month_almaly" "$kpi_awk"
check "caseload --period 2025 --by district" "$by_district" "$caseload_awk"
check "caseload --period 2025 --by month" "$by_month" "$caseload_awk"

row() { # casectl report arguments, the sqlite3 SQL file
  local args="$1" file="$2"
  local a b ra rb
  # shellcheck disable=SC2086
  a=$(median_ms "$casectl" report $args -o tsv)
  b=$(median_ms sqlite3 -init /dev/null "$store" ".read $file")
  # shellcheck disable=SC2086
  ra=$(max_rss_kb "$casectl" report $args -o tsv)
  rb=$(max_rss_kb sqlite3 -init /dev/null "$store" ".read $file")
  printf '| report %s | %s ms | %s ms | %s | %s MB | %s MB |\n' "$args" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.1f", a / b; else printf "-" }')" "$((ra / 1024))" "$((rb / 1024))"
}

echo "| on $n cases | casectl | sqlite3 shell | casectl / sqlite3 | casectl max RSS | sqlite3 max RSS |"
echo "|---|---|---|---|---|---|"
row "kpi --period 2025" "$kpi_2025"
row "kpi --period 2025 --compare year" "$kpi_2025"
row "kpi --period 2025 --district almaly" "$kpi_2025_almaly"
row "kpi --period 2025-07 --compare year" "$kpi_month"
row "caseload --period 2025 --by district" "$by_district"
row "caseload --period 2025 --by manager" "$by_manager"
row "caseload --period 2025 --by group" "$by_group"
row "caseload --period 2025 --by month" "$by_month"
