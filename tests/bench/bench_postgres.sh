#!/usr/bin/env bash
# PostgreSQL: a store of N generated cases (default 100,000; generate_store.sh, as the SQLite
# benchmarks) moved into a throwaway PostgreSQL cluster of its own (tests/pg/cluster.sh, stopped
# and removed on exit) with `casectl store copy`, then lookups and reports on it, each against
# `psql` running the same SQL (lib/store/postgres/*_queries.cpp, the parameters filled in) on the
# same database; and bulk intake of N generated CSV records (bench_bulk_intake.sh's generator) into
# an empty database against psql's `\copy` of the same file into one plain table with the same
# columns. Prints Markdown tables: wall times (lookups and reports: the median of RUNS runs, default
# 3, sides alternating) and the peak memory (max RSS) of the client process of each side; the
# server's own time counts for both, its memory for neither.
#
# First it checks that casectl prints what the SQL gives (the cases listed and found, in order;
# the case shown; the figures of each report) and exits 1 if they differ. After the copy it runs
# ANALYZE (store copy does not), so that both sides time the planner's real plans; the first
# `show` before that is timed once on each side and printed beside the copy.
#   usage: tests/bench/bench_postgres.sh [path/to/casectl] [N]
# STORE=FILE keeps the generated SQLite store there and reuses it when it holds N cases;
# TIMEOUT=SECONDS stops a timed run that takes longer (default 600); INTAKE=no leaves out the bulk
# intake, INTAKE_N=M takes M records for it instead of N (a million records are some 17 million
# round trips, about an hour); PSQL=PATH the psql to time (default: the newest /usr/lib/postgresql/*/bin/psql, the
# binary, not Debian's wrapper). The server binaries: see tests/pg/cluster.sh (Debian's postgresql).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../../build/casectl}"
n="${2:-100000}"
export RUNS="${RUNS:-3}" TIMEOUT="${TIMEOUT:-600}"
cluster="$here/../pg/cluster.sh"
work="$(mktemp -d)"
pgdir="$(mktemp -d)" # made before the trap, so that a start that fails half-way is cleaned up too
trap '"$cluster" stop "$pgdir"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
store="${STORE:-$work/cases.db}"
export HOME="$work" XDG_CONFIG_HOME="$work/config" CASECTL_TODAY=2026-11-20
unset CASECTL_CONFIG CASECTL_DB

# shellcheck source=tests/bench/timing.sh
. "$here/timing.sh"
use_store "$casectl" "$store" "$n"

# run_ms CMD...: one run in ms (output discarded), or "> TIMEOUT000" when stopped.
run_ms() {
  local t0 t1
  t0=$(date +%s%N)
  timeout "$TIMEOUT" "$@" >/dev/null || if [ $? -eq 124 ]; then echo "> ${TIMEOUT}000" && return; fi
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median_of() { sort -n | sed -n "$(((RUNS + 1) / 2))p"; }

eval "$("$cluster" start "$pgdir")"
url="$CASECTL_TEST_POSTGRES"
# url_of DATABASE: the URL of another database of the same cluster.
url_of() { echo "${url/\/casectl_test\?//$1?}"; }
# psql itself, not Debian's pg_wrapper (/usr/bin/psql, a Perl script that adds some 60 ms to every start).
# shellcheck disable=SC2012 # as tests/pg/cluster.sh finds the server's binaries
psql="${PSQL:-$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)}"
psql="${psql:-psql}"
psql_=("$psql" -X -A -t -q -d "$url")
echo "$("$psql" --version); server $("${psql_[@]}" -c 'SHOW server_version')" >&2

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
mb() { echo "$(($1 / 1024)) MB"; }

# --- The copy: the generated SQLite store into the (empty) database.
t0=$(date +%s%N)
if ! /usr/bin/time -f %M -o "$work/rss" "$casectl" store copy --from "$store" --to "$url" >"$work/copy.out" 2>"$work/copy.err"; then
  echo "FAIL: casectl store copy:" >&2
  tail -5 "$work/copy.err" >&2
  exit 1
fi
t1=$(date +%s%N)
copy_s=$(seconds "$t0" "$t1")
copy_rss=$(tail -1 "$work/rss")
copied=$(awk -F'\t' '{ rows += $2 } END { print rows }' "$work/copy.out")
tail -1 "$work/copy.err" >&2

mid=$((n / 2))
mid_id=$("${psql_[@]}" -c "SELECT case_id FROM cases WHERE id = $mid")
ext_id="EXT-$((mid + 1))"
ext_row=$((mid + 1))

# --- The SQL casectl runs, with the parameters filled in; each statement an -c of its own, as
# casectl sends each on its own.

# show_sql CASE-ID-OR-EXTERNAL-ID ROW: what `show X -o json` reads (load_case, then the card's
# parts), each statement once. casectl sends 19 data statements: it looks the case up again for
# each part (case_state) and once more for the team; the rows are the same.
show_sql() {
  local key="$1" row="$2"
  local cols="id, case_id, kind, consultation, status, name, district, address, phone, source, referrer, urgency, response_due,
    consent, external_id, note, opened, closed, case_manager, created_at, created_by, updated_at, updated_on"
  printf '%s\0' \
    "SELECT * FROM (SELECT $cols FROM cases WHERE case_id = '$key' UNION ALL SELECT $cols FROM cases WHERE external_id = '$key'
      AND NOT EXISTS (SELECT 1 FROM cases WHERE case_id = '$key')) found LIMIT 1" \
    "SELECT grp FROM case_groups WHERE case_row = $row ORDER BY grp" \
    "SELECT problem FROM case_problems WHERE case_row = $row ORDER BY position" \
    "SELECT name, role, birth_date FROM members WHERE case_row = $row ORDER BY position" \
    "SELECT id, number, assessed_on, assessor, method, visit_on, living_conditions, risk, derived_risk, risk_reasons,
       risk_override_reason, immediate_danger, strengths, circle_strengths, expectations, missing_documents, note,
       created_at, created_by FROM assessments WHERE case_row = $row ORDER BY number" \
    "SELECT s.assessment_id, s.domain, s.score FROM assessment_scores s JOIN assessments a ON a.id = s.assessment_id
      WHERE a.case_row = $row ORDER BY s.assessment_id, s.domain" \
    "SELECT id, case_id, status, consultation, name, district, case_manager, supervisor FROM cases
      WHERE case_id = '$key' OR (external_id = '$key' AND NOT EXISTS (SELECT 1 FROM cases WHERE case_id = '$key')) LIMIT 1" \
    "SELECT login, role, added_on, added_by FROM case_team WHERE case_row = $row ORDER BY added_on, login" \
    "SELECT id, revision, status, start_on, template, revision_reason, meeting_on, participants, decision, approved_at,
       approved_by, created_at, created_by FROM plans WHERE case_row = $row ORDER BY revision" \
    "SELECT plan_id, number, domain, target, expectation, description FROM plan_goals
      WHERE plan_id IN (SELECT id FROM plans WHERE case_row = $row) ORDER BY plan_id, number" \
    "SELECT plan_id, number, goal, what, priority, agency, worker, family_member, due_on, offset_days, frequency_count,
       frequency_period, status FROM plan_tasks WHERE plan_id IN (SELECT id FROM plans WHERE case_row = $row) ORDER BY plan_id, number" \
    "SELECT next_review_on FROM cases WHERE id = $row" \
    "SELECT event_type, happened_on, before_opening, note, recorded_by, recorded_at FROM events WHERE case_row = $row
      ORDER BY happened_on, id" \
    "SELECT revision, task, status, note, updated_on, updated_by FROM task_updates WHERE case_row = $row AND note <> ''
      AND (0 = 0 OR revision <= 0) ORDER BY updated_on, id" \
    "SELECT closed_on, reason, outcome, expectations_met, expectations_note, domain_changes, forced_reason, reopened_on,
       reopen_reason, closed_by, created_at, final_assessment FROM closures WHERE case_row = $row ORDER BY id"
}

# each_case (list, find): casectl runs it through a cursor (DECLARE, then FETCH 1000 at a time).
summary="SELECT c.case_id, c.kind, c.consultation, c.status, c.name, c.district, c.urgency, c.opened, c.response_due,
    c.case_manager, (SELECT string_agg(g.grp, chr(31) ORDER BY g.grp) FROM case_groups g WHERE g.case_row = c.id),
    (SELECT count(*) FROM members m WHERE m.case_row = c.id)"

# The reports' pieces (report_queries.cpp, store/report_sql.hpp).
people="greatest(1, (SELECT count(*) FROM members m WHERE m.case_row = c.id))"
accompanied="c.consultation = 0 AND (s.closed_on IS NULL OR s.closed_on >= p.start)"
district="(CASE WHEN c.changed_on > p.fin THEN coalesce((SELECT h.value FROM case_history h WHERE h.case_row = c.id
  AND h.attribute = 'district' AND h.until_on > p.fin ORDER BY h.until_on, h.id LIMIT 1), c.district) ELSE c.district END)"
# count_cases PERIODS KEY: its two statements (the single pass over the spells of work, the closures).
count_cases() {
  printf '%s\0' "WITH p (key, start, fin) AS (VALUES $1)
    SELECT ($2) COLLATE \"C\" AS grouped,
      count(*) FILTER (WHERE c.consultation = 0 AND (s.closed_on IS NULL OR s.closed_on > p.fin)),
      count(*) FILTER (WHERE c.consultation = 0 AND s.closed_on IS NULL AND c.status = 'intake'),
      count(*) FILTER (WHERE c.consultation = 0 AND s.closed_on IS NULL AND c.status = 'assessment'),
      count(*) FILTER (WHERE c.consultation = 0 AND s.closed_on IS NULL AND c.status = 'active'),
      count(*) FILTER (WHERE c.consultation = 0 AND c.opened >= p.start),
      count(*) FILTER (WHERE $accompanied),
      sum(CASE WHEN $accompanied THEN $people ELSE 0 END),
      count(*) FILTER (WHERE c.consultation = 1 AND c.opened >= p.start),
      sum(CASE WHEN c.consultation = 1 AND c.opened >= p.start THEN $people ELSE 0 END)
    FROM case_periods s JOIN cases c ON c.id = s.case_row CROSS JOIN p
    WHERE s.opened_on <= p.fin AND (s.reopened_on IS NULL OR s.reopened_on > p.fin)
    GROUP BY grouped ORDER BY grouped" \
    "WITH p (key, start, fin) AS (VALUES $1),
    last AS (
      SELECT p.key AS period, x.case_row, x.outcome,
             row_number() OVER (PARTITION BY p.key, x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM p JOIN closures x ON x.closed_on BETWEEN p.start AND p.fin)
    SELECT ($2) COLLATE \"C\" AS grouped, count(*), count(*) FILTER (WHERE x.outcome = 'goals-achieved')
    FROM last x JOIN p ON p.key = x.period JOIN cases c ON c.id = x.case_row
    WHERE x.position = 1 AND c.consultation = 0
    GROUP BY grouped ORDER BY grouped"
}
response_times() { # FROM TO
  printf '%s\0' "WITH firsts (opened, deadline, assessed) AS MATERIALIZED (
      SELECT c.opened, substr(c.response_due, 1, 10),
             (SELECT min(a.assessed_on) FROM assessments a WHERE a.case_row = c.id AND a.assessed_on <= '$2'::text)
      FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN '$1'::text AND '$2'::text),
    ranked (days, rank_no, total) AS (
      SELECT assessed::date - opened::date, row_number() OVER (ORDER BY assessed::date - opened::date), count(*) OVER ()
      FROM firsts WHERE assessed IS NOT NULL),
    middle AS (SELECT days FROM ranked WHERE rank_no IN ((total + 1) / 2, (total + 2) / 2))
    SELECT (SELECT count(*) FROM firsts), (SELECT count(assessed) FROM firsts),
           (SELECT count(*) FROM firsts WHERE assessed <= deadline),
           (SELECT min(days) FROM middle), (SELECT max(days) FROM middle)"
}
new_cases_by_source() { # FROM TO
  printf '%s\0' "SELECT c.source, count(*) FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN '$1'::text AND '$2'::text
    GROUP BY c.source ORDER BY c.source COLLATE \"C\""
}
count_events() { # FROM TO
  printf '%s\0' "SELECT e.event_type, count(*) FROM events e JOIN cases c ON c.id = e.case_row
    WHERE e.happened_on BETWEEN '$1'::text AND '$2'::text AND e.before_opening = 0
    GROUP BY e.event_type ORDER BY e.event_type COLLATE \"C\""
}
last_closures="WITH last AS (
      SELECT x.case_row, x.outcome, x.expectations_met, x.domain_changes,
             row_number() OVER (PARTITION BY x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM closures x WHERE x.closed_on BETWEEN '2026-01-01'::text AND '2026-12-31'::text)"
open_case="c.status NOT IN ('closed', 'consultation')"
approved_tasks="FROM plans p JOIN cases c ON c.id = p.case_row JOIN plan_tasks t ON t.plan_id = p.id"
since="(CASE t.frequency_period WHEN 'week' THEN '2026-11-13'::text WHEN 'month' THEN '2026-10-21'::text ELSE '2026-11-19'::text END)"

# The statements of each query, NUL-separated, in a file: WORK/NAME.sql.
{ show_sql "$mid_id" "$mid"; } >"$work/show-id.sql"
{ show_sql "$ext_id" "$ext_row"; } >"$work/show-ext.sql"
printf '%s\0' "$summary FROM cases c WHERE true AND c.district IN ('almaly') AND $open_case ORDER BY c.case_id LIMIT 50" >"$work/list-open.sql"
printf '%s\0' "$summary FROM cases c WHERE true AND c.case_manager IN ('manager7') ORDER BY c.case_id" >"$work/list-manager.sql"
printf '%s\0' "$summary FROM cases c WHERE true ORDER BY c.case_id" >"$work/list-all.sql"
printf '%s\0' "$summary FROM cases c WHERE true ORDER BY c.case_id LIMIT 1" >"$work/list-one.sql"
# find Ахметов: the word's search key is 'ahmetov' (util/search_key); cases with the whole name first.
printf '%s\0' "$summary FROM case_search s JOIN cases c ON c.id = s.case_row WHERE s.words @@ '''ahmetov'':*'::tsquery
  ORDER BY s.words @@ '''ahmetov'':A'::tsquery DESC, c.name_sort, c.name, c.case_id LIMIT 50" >"$work/find.sql"
{
  count_cases "('now'::text, '2026-10-01'::text, '2026-10-31'::text), ('before'::text, '2026-09-01'::text, '2026-09-30'::text)" p.key
  response_times 2026-10-01 2026-10-31
  response_times 2026-09-01 2026-09-30
  new_cases_by_source 2026-10-01 2026-10-31
  new_cases_by_source 2026-09-01 2026-09-30
  count_events 2026-10-01 2026-10-31
  count_events 2026-09-01 2026-09-30
} >"$work/kpi.sql"
count_cases "(''::text, '2026-01-01'::text, '2026-12-31'::text)" "$district" >"$work/caseload.sql"
printf '%s\0' "$last_closures SELECT ('') COLLATE \"C\", x.outcome, x.expectations_met, count(*) FROM last x
    JOIN cases c ON c.id = x.case_row WHERE x.position = 1 AND c.consultation = 0 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3" \
  "$last_closures SELECT ('') COLLATE \"C\", (d.value ->> 'domain') COLLATE \"C\", count(*),
    sum((d.value ->> 'baseline')::numeric), count(d.value ->> 'baseline'), sum((d.value ->> 'final')::numeric),
    count(d.value ->> 'final'), sum((d.value ->> 'change')::numeric), count(d.value ->> 'change')
    FROM last x JOIN cases c ON c.id = x.case_row CROSS JOIN LATERAL jsonb_array_elements(x.domain_changes::jsonb) d
    WHERE x.position = 1 AND c.consultation = 0 AND d.value ->> 'change' IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST" \
  >"$work/outcomes.sql"
printf '%s\0' "SELECT coalesce(c.case_manager, ''), count(*) $approved_tasks WHERE p.status = 'approved' AND $open_case
    AND t.status IN ('open', 'in-progress') AND t.frequency_count IS NULL AND t.due_on < '2026-11-20'::text GROUP BY 1" \
  "SELECT coalesce(c.case_manager, ''), count(*) $approved_tasks WHERE p.status = 'approved' AND $open_case
    AND t.frequency_count IS NOT NULL AND t.status IN ('open', 'in-progress') AND coalesce(p.meeting_on, p.start_on) <= $since
    AND (SELECT coalesce(sum(s.count), 0) FROM service_deliveries s WHERE s.case_row = c.id AND s.task = t.number
         AND s.delivered_on > $since AND s.delivered_on <= '2026-11-20'::text) < t.frequency_count GROUP BY 1" \
  "SELECT coalesce(c.case_manager, ''), count(*) FROM cases c WHERE $open_case AND c.next_review_on < '2026-11-20'::text GROUP BY 1" \
  "SELECT coalesce(c.case_manager, ''), count(*) FROM cases c WHERE c.status = 'intake'
    AND c.response_due < '2026-11-20T00:00:00Z'::text GROUP BY 1" \
  "SELECT login, name, agency, role, districts, capacity, active FROM staff ORDER BY login" >"$work/overdue.sql"

# psql_args NAME [SECTION...]: the psql command line that runs WORK/NAME.sql, a -c per statement;
# with SECTIONs, a -c '\echo SECTION' before each statement (for the checks).
psql_args() {
  local name="$1" statement i=0
  shift
  args=("${psql_[@]}")
  while IFS= read -r -d '' statement; do
    i=$((i + 1))
    if [ $# -gt 0 ]; then args+=(-c "\\echo ${!i}"); fi
    args+=(-c "$statement")
  done <"$work/$name.sql"
}

# --- The copy's table: the first `show` after it (one run each side, casectl first), then ANALYZE.
psql_args show-id
first_ours=$(run_ms "$casectl" --db "$url" show "$mid_id" -o json)
first_theirs=$(run_ms "${args[@]}")
t0=$(date +%s%N)
"${psql_[@]}" -c ANALYZE
t1=$(date +%s%N)
echo "| on $n cases | casectl store copy | rows/s | max RSS | then show (casectl, psql) | then ANALYZE |"
echo "|---|---|---|---|---|---|"
printf '| %s rows | %s s | %s | %s | %s ms, %s ms | %s s |\n' "$copied" "$copy_s" \
  "$(awk -v n="$copied" -v s="$copy_s" 'BEGIN { printf "%d", n / s }')" "$(mb "$copy_rss")" "$first_ours" "$first_theirs" \
  "$(seconds "$t0" "$t1")"

# --- Checks: casectl prints what the same SQL gives.
fail() {
  echo "FAIL: $1 (- psql, + casectl):" >&2
  diff -u "$work/expected" "$work/actual" | head -20 >&2
  exit 1
}
# same_cases NAME CASECTL-ARGS...: the same case ids in the same order.
same_cases() {
  local name="$1"
  shift
  psql_args "$name"
  "${args[@]}" | cut -d'|' -f1 >"$work/expected"
  "$casectl" --db "$url" "$@" -o tsv | tail -n +2 | cut -f1 >"$work/actual"
  [ -s "$work/expected" ] || { echo "FAIL: $name: psql gave no cases" >&2; exit 1; }
  cmp -s "$work/expected" "$work/actual" || fail "'casectl $*' does not list the cases the SQL gives"
  echo "checked 'casectl $*': the same $(wc -l <"$work/expected") cases in the same order as psql" >&2
}
# same_figures NAME CASECTL-ARGS AWK SECTION...: what AWK makes of psql's output (sections marked
# by SECTION lines) and of casectl's TSV, one "figure key value" line per figure.
same_figures() {
  local name="$1" ours="$2" program="$3"
  shift 3
  psql_args "$name" "$@"
  "${args[@]}" | awk -F'|' -v side=psql "$program" | sort >"$work/expected"
  # shellcheck disable=SC2086 # casectl's arguments
  "$casectl" --db "$url" $ours -o tsv | awk -F'\t' -v side=casectl "$program" | sort >"$work/actual"
  [ -s "$work/expected" ] || { echo "FAIL: $name: nothing to compare" >&2; exit 1; }
  cmp -s "$work/expected" "$work/actual" || fail "'casectl $ours' does not print what the SQL gives"
  echo "checked 'casectl $ours': $(wc -l <"$work/expected") figures equal to psql's" >&2
}

for which in id ext; do
  key=$mid_id
  [ $which = id ] || key=$ext_id
  psql_args "show-$which"
  "${args[@]}" >"$work/expected"
  "$casectl" --db "$url" show "$key" -o json >"$work/actual"
  head -1 "$work/expected" | grep -q "|$key|" || fail "psql does not find case $key"
  case_id=$(head -1 "$work/expected" | cut -d'|' -f2)
  grep -q "\"case_id\": \"$case_id\"" "$work/actual" || fail "'casectl show $key' does not show case $case_id"
  echo "checked 'casectl show $key': case $case_id on both sides" >&2
done
same_cases list-open list --open --district almaly --limit 50
same_cases list-manager list --manager manager7
same_cases list-all list
same_cases find find Ахметов

# shellcheck disable=SC2016 # awk programs
{
  kpi_awk='
    function num(v) { return v == "" ? "null" : v + 0 }
    side == "psql" && !/\|/ { split($0, section, " "); next }
    side == "psql" && section[1] == "cases" {
      split("open_at_end in_intake in_assessment active new_cases families people consultations people_consulted", f, " ")
      for (i = 5; i <= 9; i++) print f[i], $1, $(i + 1)
    }
    side == "psql" && section[1] == "closures" { closed[$1] = $2; goals[$1] = $3 }
    side == "psql" && section[1] == "times" {
      print "median_days_to_assessment", section[2], $4 == "" ? "null" : ($4 + $5) / 2
      print "assessed_by_deadline", section[2], $3
    }
    side == "psql" && section[1] == "source" { print "new_cases.source." $1, section[2], $2 }
    side == "psql" && section[1] == "event" { print "event." $1, section[2], $2 }
    side == "casectl" && NR > 1 && $1 ~ /^(new_cases|families|people|consultations|people_consulted|closed|closed_goals_achieved|median_days_to_assessment|assessed_by_deadline)$/ {
      print $1, "now", num($3); print $1, "before", num($4)
    }
    side == "casectl" && NR > 1 && $1 ~ /\./ { if ($3 > 0) print $1, "now", $3; if ($4 > 0) print $1, "before", $4 }
    END {
      if (side == "psql")
        for (i = split("now before", key, " "); i > 0; i--) {
          print "closed", key[i], closed[key[i]] + 0
          print "closed_goals_achieved", key[i], goals[key[i]] + 0
        }
    }'
  caseload_awk='
    side == "psql" && !/\|/ { section = $0; next }
    side == "psql" && section == "cases" { line[$1] = $2 " " $3 " " $4 " " $5 " " $6; rest[$1] = $7 " " $8 " " $9 " " $10 }
    side == "psql" && section == "closures" { closed[$1] = $2; if (!($1 in line)) { line[$1] = "0 0 0 0 0"; rest[$1] = "0 0 0 0" } }
    side == "casectl" && NR > 1 { line[$1] = $3 " " $4 " " $5 " " $6 " " $7; closed[$1] = $8; rest[$1] = $9 " " $10 " " $11 " " $12 }
    END {
      for (key in line) {
        all = line[key] " " (closed[key] + 0) " " rest[key]
        if (all !~ /^[0 ]*$/) print key, all
      }
    }'
  # Outcomes: the cases of each outcome and of each answer on expectations, the closed cases, and
  # per domain the cases and the mean baseline, final score and change (2 decimals).
  outcomes_awk='
    # Half away from zero, as casectl rounds (printf would round an exact half such as 2.625 to even).
    function mean(sum, count,  m) {
      if (count == 0) return ""
      m = sum / count
      return (m < 0 ? -int(-m * 100 + 0.5) : int(m * 100 + 0.5)) / 100
    }
    side == "psql" && !/\|/ { section = $0; next }
    side == "psql" && section == "outcomes" { outcome[$2] += $4; expected[$3] += $4; closed += $4 }
    side == "psql" && section == "domains" { print "domain." $2, $3, mean($4, $5), mean($6, $7), mean($8, $9) }
    side == "casectl" && $1 ~ /^domain\./ { print $1, $3, $5 + 0, $6 + 0, $7 + 0 }
    side == "casectl" && $1 ~ /^(outcome|expectations)\./ || $1 == "closed" { print $1, $3 }
    END {
      if (side != "psql") exit
      print "closed", closed
      for (o in outcome) print "outcome." o, outcome[o]
      for (e in expected) print "expectations." e, expected[e]
    }'
  # Overdue: per manager, the late tasks, reviews, first responses and under-delivered services.
  overdue_awk='
    side == "psql" && !/\|/ { section = $0; next }
    side == "psql" && section != "staff" { count[$1, section] = $2; keys[$1] }
    side == "casectl" && NR > 1 { print $1, $3, $4, $5, $6 }
    END {
      if (side != "psql") exit
      for (k in keys) print k, count[k, "tasks"] + 0, count[k, "reviews"] + 0, count[k, "responses"] + 0, count[k, "services"] + 0
    }'
}
same_figures kpi "report kpi --period 2026-10" "$kpi_awk" cases closures "times now" "times before" "source now" \
  "source before" "event now" "event before"
same_figures caseload "report caseload --period 2026 --by district" "$caseload_awk" cases closures
same_figures outcomes "report outcomes --period 2026" "$outcomes_awk" outcomes domains
same_figures overdue "report overdue" "$overdue_awk" tasks services reviews responses staff

# --- Timing: row NAME SQL-NAME CASECTL-ARGS...: RUNS runs of each side, alternating (casectl, psql, casectl...),
# the median of each, then the peak memory of one more run of each.
row() {
  local name="$1" sql="$2"
  shift 2
  local ours=("$casectl" --db "$url" "$@") a b ra=- rb=- times_a=() times_b=() t
  psql_args "$sql"
  local theirs=("${args[@]}")
  for _ in $(seq "$RUNS"); do
    t=$(run_ms "${ours[@]}")
    times_a+=("$t")
    t=$(run_ms "${theirs[@]}")
    times_b+=("$t")
  done
  a=$(printf '%s\n' "${times_a[@]}" | grep '>' | head -1 || true)
  [ -n "$a" ] || a=$(printf '%s\n' "${times_a[@]}" | median_of)
  b=$(printf '%s\n' "${times_b[@]}" | grep '>' | head -1 || true)
  [ -n "$b" ] || b=$(printf '%s\n' "${times_b[@]}" | median_of)
  [[ "$a" == ">"* ]] || ra=$(mb "$(max_rss_kb "${ours[@]}")")
  [[ "$b" == ">"* ]] || rb=$(mb "$(max_rss_kb "${theirs[@]}")")
  printf '| %s | %s ms | %s ms | %s | %s | %s |\n' "$name" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { if (a !~ />/ && b !~ />/ && b > 0) printf "%.1f", a / b; else printf "-" }')" "$ra" "$rb"
}

echo
echo "| on $n cases | casectl | psql | casectl / psql | casectl max RSS | psql max RSS |"
echo "|---|---|---|---|---|---|"
row "start, connect, one case listed (TSV)" list-one list --limit 1 -o tsv
row "show one case by id (-o json)" show-id show "$mid_id" -o json
row "show one case by external id (-o json)" show-ext show "$ext_id" -o json
row "list open cases in a district, 50 (TSV)" list-open list --open --district almaly --limit 50 -o tsv
row "list a manager's cases (TSV)" list-manager list --manager manager7 -o tsv
row "list all cases, streamed (TSV)" list-all list -o tsv
row "find a name (50 best)" find find Ахметов -o tsv
row "report kpi --period 2026-10" kpi report kpi --period 2026-10 -o tsv
row "report caseload --period 2026 --by district" caseload report caseload --period 2026 --by district -o tsv
row "report outcomes --period 2026" outcomes report outcomes --period 2026 -o tsv
row "report overdue" overdue report overdue -o tsv

[ "${INTAKE:-yes}" = no ] && exit 0

# --- Bulk intake: N (or INTAKE_N) generated records (generate_intake_csv of timing.sh) into an empty database.
n="${INTAKE_N:-$n}"
csv="$work/records.csv"
generate_intake_csv "$n" "$csv"
"${psql_[@]}" -c "CREATE DATABASE intake" -c "CREATE DATABASE plain"

t0=$(date +%s%N)
/usr/bin/time -f %M -o "$work/rss" "$casectl" --db "$(url_of intake)" intake --from "$csv" >"$work/ids" 2>"$work/err" || true
t1=$(date +%s%N)
intake_s=$(seconds "$t0" "$t1")
ours_rss=$(tail -1 "$work/rss")
created=$(wc -l <"$work/ids")
[ "$created" -eq "$n" ] || { echo "FAIL: casectl intake created $created of $n records:" >&2; tail -3 "$work/err" >&2; exit 1; }

t0=$(date +%s%N)
/usr/bin/time -f %M -o "$work/rss" "$psql" -X -q -v ON_ERROR_STOP=1 -d "$(url_of plain)" \
  -c "CREATE TABLE cases (external_id TEXT UNIQUE, name TEXT NOT NULL, kind TEXT, district TEXT, address TEXT, phone TEXT,
        groups TEXT, problems TEXT, members TEXT, urgency TEXT, consent TEXT, opened TEXT)" \
  -c "\\copy cases FROM '$csv' WITH (FORMAT csv, HEADER true)"
t1=$(date +%s%N)
copy_in_s=$(seconds "$t0" "$t1")
theirs_rss=$(tail -1 "$work/rss")
loaded=$("$psql" -X -A -t -q -d "$(url_of plain)" -c "SELECT count(*) FROM cases")
[ "$loaded" -eq "$n" ] || { echo "FAIL: psql \\copy loaded $loaded of $n records" >&2; exit 1; }

echo
echo "| records | casectl intake --from | records/s | max RSS | psql \\copy | records/s | max RSS |"
echo "|---|---|---|---|---|---|---|"
printf '| %s | %s s | %s | %s | %s s | %s | %s |\n' "$n" "$intake_s" "$(awk -v n="$n" -v s="$intake_s" 'BEGIN { printf "%d", n / s }')" \
  "$(mb "$ours_rss")" "$copy_in_s" "$(awk -v n="$n" -v s="$copy_in_s" 'BEGIN { printf "%d", n / s }')" "$(mb "$theirs_rss")"
