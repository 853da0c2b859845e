#!/usr/bin/env bash
# Reports on a store of N generated cases (default 1,000,000): `casectl report ...` against the
# sqlite3 shell running the same SQL (lib/store/report_queries.cpp, the parameters filled in) on
# the same file. Prints a Markdown table of median wall times over RUNS runs (default 5) and the
# peak memory (max RSS) of each; a run that takes more than TIMEOUT seconds (default 600) is
# stopped and shown as "> TIMEOUT". First checks that casectl prints the figures the SQL gives (the
# KPI report, also filtered, and the caseload by district and by month) and exits 1 if they differ.
#   usage: tests/bench/bench_reports.sh [path/to/casectl] [N]
# ONLY=TEXT times only the reports whose arguments contain TEXT.
# STORE=FILE keeps the generated store there and reuses it on the next run when it holds N cases
# (generating a million cases takes minutes); without it the store goes to a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../../build/casectl}"
n="${2:-1000000}"
export RUNS="${RUNS:-5}" TIMEOUT="${TIMEOUT:-600}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="${STORE:-$work/cases.db}"
export CASECTL_DB="$store" HOME="$work" XDG_CONFIG_HOME="$work/config" CASECTL_TODAY=2026-11-20
unset CASECTL_CONFIG


# shellcheck source=tests/bench/timing.sh
. "$here/timing.sh"
use_store "$casectl" "$store" "$n"

# The SQL of lib/store/report_queries.cpp, as casectl runs it, with the parameters filled in.
# Filters (scope_conditions) come as SQL: " AND $district = 'almaly'" ...; on tasks `t` for
# overdue and services. Overdue counts by the values now (the plain columns).
full="c.consultation = 0"
accompanied="c.consultation = 0 AND (s.closed_on IS NULL OR s.closed_on >= p.start)"
open_at_end="c.consultation = 0 AND (s.closed_on IS NULL OR s.closed_on > p.fin)"
spell_in_force="s.opened_on <= p.fin AND (s.reopened_on IS NULL OR s.reopened_on > p.fin)"
still_open="s.closed_on IS NULL"
people="max(1, (SELECT count(*) FROM members m WHERE m.case_row = c.id))"
open_case="c.status NOT IN ('closed', 'consultation')"
service_days="(CASE t.frequency_period WHEN 'week' THEN 7 WHEN 'month' THEN 30 ELSE 1 END)"
agency_join="LEFT JOIN plans ap ON ap.case_row = c.id AND ap.status = 'approved' LEFT JOIN json_each((SELECT json_group_array(DISTINCT at.agency) FROM plan_tasks at WHERE at.plan_id = ap.id AND at.agency <> '')) ag"
group_join="LEFT JOIN case_group_spans g ON g.case_row = c.id AND g.since <= @ON@ AND (g.until_on IS NULL OR g.until_on > @ON@)"
agency_scope() { echo " AND c.id IN (SELECT sp.case_row FROM plans sp JOIN plan_tasks st ON st.plan_id = sp.id WHERE sp.status = 'approved' AND st.agency = '$1')"; }
group_scope() { echo " AND EXISTS (SELECT 1 FROM case_group_spans sg WHERE sg.case_row = c.id AND sg.grp = '$1' AND sg.since <= @ON@ AND (sg.until_on IS NULL OR sg.until_on > @ON@))"; }
# in_force ATTRIBUTE COLUMN: the case's district, urgency or manager as it was on the day @ON@,
# which each query below fills in with its day (on SQL): the period's end, p.fin, ...
in_force() {
  echo "(CASE WHEN c.changed_on > @ON@ THEN coalesce((SELECT h.value FROM case_history h WHERE h.case_row = c.id AND h.attribute = '$1' AND h.until_on > @ON@ ORDER BY h.until_on, h.id LIMIT 1), $2) ELSE $2 END)"
}
on() { echo "${1//@ON@/$2}"; }
district=$(in_force district c.district)
manager_then=$(in_force case_manager "coalesce(c.case_manager, '')")
urgency=$(in_force urgency c.urgency)

# count_cases PERIODS KEY JOIN SCOPE: PERIODS as "('key', 'from', 'to'), ..."; the cases' spells
# of work in one pass, then the closures of the periods.
count_cases() {
  echo ".print cases"
  if [ "$2" = p.key ] && [ "$(grep -o "(" <<<"$1" | wc -l)" -gt 2 ]; then
    running_counts "$1" "$(on "$4" "(SELECT max(fin) FROM p)")"
  else
    set -- "$1" "$(on "$2" p.fin)" "$(on "$3" p.fin)" "$(on "$4" p.fin)"
    cat <<SQL
    WITH p (key, start, fin) AS (VALUES $1)
    SELECT $2 AS grouped,
      sum($open_at_end),
      sum($full AND $still_open AND c.status = 'intake'),
      sum($full AND $still_open AND c.status = 'assessment'),
      sum($full AND $still_open AND c.status = 'active'),
      sum($full AND c.opened >= p.start),
      sum($accompanied),
      sum(CASE WHEN $accompanied THEN $people ELSE 0 END),
      sum(c.consultation = 1 AND c.opened >= p.start),
      sum(CASE WHEN c.consultation = 1 AND c.opened >= p.start THEN $people ELSE 0 END)
    FROM case_periods s CROSS JOIN cases c ON c.id = s.case_row CROSS JOIN p $3
    WHERE $spell_in_force $4
    GROUP BY grouped ORDER BY grouped;
SQL
  fi
  echo ".print closures"
  set -- "$1" "$(on "$2" p.fin)" "$(on "$3" p.fin)" "$(on "$4" p.fin)"
  cat <<SQL
    WITH p (key, start, fin) AS (VALUES $1),
    last AS (
      SELECT p.key AS period, x.case_row, x.outcome,
             row_number() OVER (PARTITION BY p.key, x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM p JOIN closures x ON x.closed_on BETWEEN p.start AND p.fin)
    SELECT $2 AS grouped, count(*), sum(x.outcome = 'goals-achieved')
    FROM last x JOIN p ON p.key = x.period CROSS JOIN cases c ON c.id = x.case_row $3
    WHERE x.position = 1 AND $full $4
    GROUP BY grouped ORDER BY grouped;
SQL
}

# running_counts PERIODS SCOPE: count_cases' first statement for many periods (by month).
running_counts() {
  cat <<SQL
    WITH p (key, start, fin) AS (VALUES $1),
    opened (day, consultation, cases, people) AS MATERIALIZED (
      SELECT c.opened, c.consultation, count(*), sum($people)
      FROM cases c WHERE +c.opened <= (SELECT max(fin) FROM p)$2 GROUP BY 1, 2),
    started (day, status, cases, people) AS MATERIALIZED (
      SELECT s.opened_on, CASE WHEN $still_open THEN c.status END, count(*), sum($people)
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE $full AND s.opened_on <= (SELECT max(fin) FROM p)$2 GROUP BY 1, 2),
    ended (day, cases, people) AS MATERIALIZED (
      SELECT s.closed_on, count(*), sum($people)
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE $full AND s.closed_on <= (SELECT max(fin) FROM p)$2 GROUP BY 1),
    returns (closed_on, reopened_on, people) AS MATERIALIZED (
      SELECT s.closed_on, s.reopened_on, $people
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE s.reopened_on IS NOT NULL AND $full$2)
    SELECT p.key,
      (SELECT coalesce(sum(cases), 0) FROM started WHERE day <= p.fin)
        - (SELECT coalesce(sum(cases), 0) FROM ended WHERE day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE status = 'intake' AND day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE status = 'assessment' AND day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE status = 'active' AND day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM opened WHERE consultation = 0 AND day BETWEEN p.start AND p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE day <= p.fin)
        - (SELECT coalesce(sum(cases), 0) FROM ended WHERE day < p.start)
        - (SELECT count(*) FROM returns WHERE closed_on >= p.start AND reopened_on <= p.fin),
      (SELECT coalesce(sum(people), 0) FROM started WHERE day <= p.fin)
        - (SELECT coalesce(sum(people), 0) FROM ended WHERE day < p.start)
        - (SELECT coalesce(sum(people), 0) FROM returns WHERE closed_on >= p.start AND reopened_on <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM opened WHERE consultation = 1 AND day BETWEEN p.start AND p.fin),
      (SELECT coalesce(sum(people), 0) FROM opened WHERE consultation = 1 AND day BETWEEN p.start AND p.fin)
    FROM p ORDER BY p.key;
SQL
}

# new_cases_by_source FROM TO SCOPE
new_cases_by_source() {
  set -- "$1" "$2" "$(on "$3" "'$2'")"
  echo "SELECT c.source, count(*) FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN '$1' AND '$2'$3 GROUP BY c.source ORDER BY c.source;"
}

# count_events FROM TO SCOPE
count_events() {
  set -- "$1" "$2" "$(on "$3" "'$2'")"
  echo "SELECT e.event_type, count(*) FROM events e JOIN cases c ON c.id = e.case_row WHERE e.happened_on BETWEEN '$1' AND '$2'$3 GROUP BY e.event_type ORDER BY e.event_type;"
}

# response_times FROM TO SCOPE: opened, assessed, assessed by the deadline, the median days.
response_times() {
  set -- "$1" "$2" "$(on "$3" "'$2'")"
  cat <<SQL
    WITH firsts (opened, deadline, assessed) AS MATERIALIZED (
      SELECT c.opened, substr(c.response_due, 1, 10),
             (SELECT min(a.assessed_on) FROM assessments a WHERE a.case_row = c.id AND a.assessed_on <= '$2')
      FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN '$1' AND '$2'$3),
    ranked (days, position, total) AS (
      SELECT julianday(assessed) - julianday(opened), row_number() OVER (ORDER BY julianday(assessed) - julianday(opened)),
             count(*) OVER ()
      FROM firsts WHERE assessed IS NOT NULL)
    SELECT (SELECT count(*) FROM firsts), (SELECT count(assessed) FROM firsts),
           (SELECT count(*) FROM firsts WHERE assessed <= deadline),
           (SELECT avg(days) FROM ranked WHERE position IN ((total + 1) / 2, (total + 2) / 2));
SQL
}

# last_closures FROM TO: the last closure of each case in the period.
last_closures() {
  cat <<SQL
    WITH last AS (
      SELECT x.case_row, x.outcome, x.expectations_met, x.domain_changes,
             row_number() OVER (PARTITION BY x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM closures x WHERE x.closed_on BETWEEN '$1' AND '$2')
SQL
}

# outcomes FROM TO KEY JOIN SCOPE: count_outcomes and average_domain_changes.
outcomes() {
  set -- "$1" "$2" "$(on "$3" "'$2'")" "$(on "$4" "'$2'")" "$(on "$5" "'$2'")"
  last_closures "$1" "$2"
  echo "SELECT $3, x.outcome, x.expectations_met, count(*) FROM last x JOIN cases c ON c.id = x.case_row $4 WHERE x.position = 1 AND c.consultation = 0$5 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;"
  last_closures "$1" "$2"
  cat <<SQL
    SELECT $3, json_extract(d.value, '\$.domain'), count(*), avg(json_extract(d.value, '\$.baseline')),
      avg(json_extract(d.value, '\$.final')), avg(json_extract(d.value, '\$.change'))
    FROM last x JOIN cases c ON c.id = x.case_row $4 JOIN json_each(x.domain_changes) d
    WHERE x.position = 1 AND c.consultation = 0 AND json_extract(d.value, '\$.change') IS NOT NULL$5
    GROUP BY 1, 2 ORDER BY 1, 2;
SQL
}

# overdue TODAY NOW TASK_KEY CASE_KEY CASE_JOIN SCOPE [TASK_SCOPE]: count_overdue; with a
# TASK_SCOPE (--agency) the tasks are narrowed by it and reviews and first responses are left out.
overdue() {
  local tasks="FROM plans p JOIN cases c ON c.id = p.case_row JOIN plan_tasks t ON t.plan_id = p.id" task_scope="${7:-$6}"
  cat <<SQL
    SELECT $3, count(*) $tasks WHERE p.status = 'approved' AND $open_case AND t.status IN ('open', 'in-progress')
      AND t.frequency_count IS NULL AND +t.due_on < '$1'$task_scope GROUP BY 1;
    SELECT $3, count(*) $tasks WHERE p.status = 'approved' AND $open_case
      AND t.frequency_count IS NOT NULL AND t.status IN ('open', 'in-progress')
      AND date(coalesce(p.meeting_on, p.start_on), '+' || $service_days || ' days') <= '$1'
      AND (SELECT coalesce(sum(s.count), 0) FROM service_deliveries s WHERE s.case_row = c.id
      AND s.task = t.number AND s.delivered_on > date('$1', '-' || $service_days || ' days') AND s.delivered_on <= '$1')
      < t.frequency_count$task_scope GROUP BY 1;
SQL
  [ -n "${7:-}" ] && return
  cat <<SQL
    SELECT $4, count(*) FROM cases c $5 WHERE $open_case AND c.next_review_on < '$1'$6 GROUP BY 1;
    SELECT $4, count(*) FROM cases c $5 WHERE c.status = 'intake' AND c.response_due < '$2'$6 GROUP BY 1;
SQL
}

# services FROM TO TODAY KEY JOIN TASK_SCOPE: count_services.
services() {
  set -- "$1" "$2" "$3" "$(on "$4" p.fin)" "$(on "$5" p.fin)" "$(on "$6" p.fin)"
  cat <<SQL
    WITH p (start, fin, today) AS (VALUES ('$1', '$2', '$3')),
    services AS MATERIALIZED (
      SELECT $4 AS key, c.id AS case_row, t.number AS task, t.frequency_count AS per, $service_days AS days,
        max(p.start, coalesce(pl.meeting_on, pl.start_on)) AS first_day,
        min(p.fin, p.today,
            coalesce((SELECT min(u.updated_on) FROM task_updates u WHERE u.case_row = c.id AND u.revision = pl.revision
                      AND u.task = t.number AND u.status IN ('done', 'cancelled')), p.fin)) AS last_day
      FROM p, plans pl JOIN cases c ON c.id = pl.case_row JOIN plan_tasks t ON t.plan_id = pl.id $5
      WHERE pl.status = 'approved' AND t.frequency_count IS NOT NULL$6),
    open_days AS MATERIALIZED (
      SELECT sv.*, (SELECT total(julianday(min(sv.last_day, coalesce(w.closed_on, sv.last_day)))
                                 - julianday(max(sv.first_day, w.opened_on)) + 1)
                    FROM case_periods w WHERE w.case_row = sv.case_row AND w.opened_on <= sv.last_day
                      AND (w.closed_on IS NULL OR w.closed_on >= sv.first_day)) AS days_open
      FROM services sv WHERE sv.last_day >= sv.first_day)
    SELECT s.key, count(*), count(DISTINCT s.case_row),
      sum(CAST(round(s.per * s.days_open / s.days) AS INTEGER)),
      sum((SELECT coalesce(sum(d.count), 0) FROM service_deliveries d, p
           WHERE d.case_row = s.case_row AND d.task = s.task AND d.delivered_on BETWEEN p.start AND p.fin))
    FROM open_days s WHERE s.days_open > 0
    GROUP BY s.key ORDER BY s.key;
SQL
}

# kpi FROM TO BASE_FROM BASE_TO SCOPE: the queries of `report kpi`, in its order, each after a
# line that says what it gives.
kpi() {
  count_cases "('now', '$1', '$2'), ('before', '$3', '$4')" p.key "" "$5"
  echo ".print times now"
  response_times "$1" "$2" "$5"
  echo ".print times before"
  response_times "$3" "$4" "$5"
  echo ".print source now"
  new_cases_by_source "$1" "$2" "$5"
  echo ".print source before"
  new_cases_by_source "$3" "$4" "$5"
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
  if [[ "$2" == *@ON@* ]]; then echo "FAIL: $1: a day left unfilled (@ON@) in its SQL" >&2; exit 1; fi
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

# The KPI figures: this period's and the comparison period's value of each, the median as a
# number; event types and sources only where they have cases.
# shellcheck disable=SC2016 # an awk program
kpi_awk='
  function num(v) { return v == "" ? "null" : v + 0 }
  side == "sqlite" && !/\|/ && /^(cases|closures|times|source|event)/ { split($0, section, " "); next }
  side == "sqlite" && section[1] == "cases" {
    split("open_at_end in_intake in_assessment active new_cases families people consultations people_consulted", f, " ")
    for (i = 5; i <= 9; i++) print f[i], $1, $(i + 1)
  }
  side == "sqlite" && section[1] == "closures" { closed[$1] = $2; goals[$1] = $3 }
  side == "sqlite" && section[1] == "times" {
    print "median_days_to_assessment", section[2], num($4)
    print "assessed_by_deadline", section[2], $3
    print "assessed_by_deadline_percent", section[2], $1 == 0 ? "null" : int($3 * 1000 / $1 + 0.5) / 10
  }
  side == "sqlite" && section[1] == "source" { print "new_cases.source." $1, section[2], $2 }
  side == "sqlite" && section[1] == "event" { print "event." $1, section[2], $2 }
  side == "casectl" && NR > 1 && $1 !~ /\./ { print $1, "now", num($3); print $1, "before", num($4) }
  side == "casectl" && NR > 1 && $1 ~ /\./ { if ($3 > 0) print $1, "now", $3; if ($4 > 0) print $1, "before", $4 }
  END {
    if (side == "sqlite")
      for (i = split("now before", key, " "); i > 0; i--) {
        print "closed", key[i], closed[key[i]] + 0
        print "closed_goals_achieved", key[i], goals[key[i]] + 0
      }
  }'
# The caseload rows that have any case: each value's open at end (and by status), opened, closed,
# families, people, consultations and people consulted.
# shellcheck disable=SC2016
caseload_awk='
  side == "sqlite" && !/\|/ && /^(cases|closures)$/ { section = $0; next }
  side == "sqlite" && section == "cases" { line[$1] = $2 " " $3 " " $4 " " $5 " " $6; rest[$1] = $7 " " $8 " " $9 " " $10 }
  side == "sqlite" && section == "closures" { closed[$1] = $2; if (!($1 in line)) { line[$1] = "0 0 0 0 0"; rest[$1] = "0 0 0 0" } }
  side == "casectl" && NR > 1 { line[$1] = $3 " " $4 " " $5 " " $6 " " $7; closed[$1] = $8; rest[$1] = $9 " " $10 " " $11 " " $12 }
  END {
    for (key in line) {
      all = line[key] " " (closed[key] + 0) " " rest[key]
      if (all !~ /^[0 ]*$/) print key, all
    }
  }'

# The reports measured: casectl's arguments and the same SQL, in pairs.
reports=()
report() {
  sql "report-$((${#reports[@]} / 2))" "$2" >/dev/null
  reports+=("$1" "$work/report-$((${#reports[@]} / 2)).sql")
}
sql_of() { # the SQL file of the report with these arguments
  local i
  for ((i = 0; i < ${#reports[@]}; i += 2)); do [ "${reports[i]}" = "$1" ] && echo "${reports[i + 1]}" && return; done
  return 1
}
y2025="2025-01-01 2025-12-31 2024-01-01 2024-12-31"
manager="coalesce(c.case_manager, '')"
# shellcheck disable=SC2086 # $y2025 is four arguments
{
  report "kpi --period 2025" "$(kpi $y2025 "")"
  report "kpi --period 2025 --compare year" "$(kpi $y2025 "")"
  report "kpi --period 2025-07 --compare year" "$(kpi 2025-07-01 2025-07-31 2024-07-01 2024-07-31 "")"
  report "kpi --period 2025-07 --compare year --district almaly" \
    "$(kpi 2025-07-01 2025-07-31 2024-07-01 2024-07-31 " AND $district = 'almaly'")"
  report "kpi --period 2025 --district almaly" "$(kpi $y2025 " AND $district = 'almaly'")"
  report "kpi --period 2025 --manager manager7" "$(kpi $y2025 " AND $manager_then = 'manager7'")"
  report "kpi --period 2025 --group palliative" "$(kpi $y2025 "$(group_scope palliative)")"
  report "kpi --period 2025 --agency school" "$(kpi $y2025 "$(agency_scope school)")"
}
report "caseload --period 2025 --by district" "$(count_cases "$year" "$district" "" "")"
report "caseload --period 2025 --by manager" "$(count_cases "$year" "$manager_then" "" "")"
report "caseload --period 2025 --by agency" "$(count_cases "$year" "coalesce(ag.value, '')" "$agency_join" "")"
report "caseload --period 2025 --by group" "$(count_cases "$year" "coalesce(g.grp, '')" "$group_join" "")"
report "caseload --period 2025 --by month" "$(count_cases "$(months_of 2025)" p.key "" "")"
report "caseload --period 2025 --urgency urgent --source school" \
  "$(count_cases "$year" "$district" "" " AND $urgency = 'urgent' AND c.source = 'school'")"
report "outcomes --period 2025" "$(outcomes 2025-01-01 2025-12-31 "''" "" "")"
report "outcomes --period 2025 --by district" "$(outcomes 2025-01-01 2025-12-31 "$district" "" "")"
report "outcomes --period 2025 --by agency" "$(outcomes 2025-01-01 2025-12-31 "coalesce(ag.value, '')" "$agency_join" "")"
report "overdue" "$(overdue "$CASECTL_TODAY" "${CASECTL_TODAY}T00:00:00Z" "$manager" "$manager" "" "")"
report "overdue --by agency" "$(overdue "$CASECTL_TODAY" "${CASECTL_TODAY}T00:00:00Z" t.agency "''" "" "")"
report "overdue --agency school" \
  "$(overdue "$CASECTL_TODAY" "${CASECTL_TODAY}T00:00:00Z" "$manager" "$manager" "" "" " AND t.agency = 'school'")"
report "services --period 2025" "$(services 2025-01-01 2025-12-31 "$CASECTL_TODAY" t.what "" "")"
report "services --period 2025 --by agency" "$(services 2025-01-01 2025-12-31 "$CASECTL_TODAY" t.agency "" "")"
report "services --period 2025 --by district" "$(services 2025-01-01 2025-12-31 "$CASECTL_TODAY" "$district" "" "")"

for args in "kpi --period 2025" "kpi --period 2025-07 --compare year --district almaly" "kpi --period 2025 --agency school"; do
  check "$args" "$(sql_of "$args")" "$kpi_awk"
done
for args in "caseload --period 2025 --by district" "caseload --period 2025 --by month"; do
  check "$args" "$(sql_of "$args")" "$caseload_awk"
done

row() { # casectl report arguments, the sqlite3 SQL file
  local args="$1" file="$2"
  local a b ra=- rb=-
  # shellcheck disable=SC2086
  a=$(median_ms "$casectl" report $args -o tsv)
  b=$(median_ms sqlite3 -init /dev/null "$store" ".read $file")
  # shellcheck disable=SC2086
  [[ "$a" == ">"* ]] || ra="$(($(max_rss_kb "$casectl" report $args -o tsv) / 1024)) MB"
  [[ "$b" == ">"* ]] || rb="$(($(max_rss_kb sqlite3 -init /dev/null "$store" ".read $file") / 1024)) MB"
  printf '| report %s | %s ms | %s ms | %s | %s | %s |\n' "$args" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { if (a !~ />/ && b !~ />/ && b > 0) printf "%.1f", a / b; else printf "-" }')" "$ra" "$rb"
}

echo "| on $n cases | casectl | sqlite3 shell | casectl / sqlite3 | casectl max RSS | sqlite3 max RSS |"
echo "|---|---|---|---|---|---|"
for ((i = 0; i < ${#reports[@]}; i += 2)); do
  if [ -z "${ONLY:-}" ] || [[ "${reports[i]}" == *"$ONLY"* ]]; then row "${reports[i]}" "${reports[i + 1]}"; fi
done
