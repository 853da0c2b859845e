#!/usr/bin/env bash
# A report about a past period never changes because of something done later: a case's openings,
# closings and reopenings are kept with their dates (case_periods). The reproduction of issue 15
# (a reopening in December put a case closed in February back under accompaniment in June); every
# past period's kpi, caseload, outcomes and services figures the same before and after reopening,
# closing again and reassigning cases; `review --reopen --on DATE` and its errors; what is journaled;
# a change counted from its business day (the local day, --today, assess --date), not the UTC day.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# --- a reopening in December does not reopen June (the reproduction) ------------------------------
fresh_store
export CASECTL_TODAY=2026-12-01
run_ok init
new_case anna --name 'Тестова Анна' --kind person --opened 2026-01-10
run_ok review "$anna" --close --on 2026-02-01 --reason d --outcome partly --expectations partly
june() { "$CASECTL" report kpi --period 2026-06 -o json </dev/null | jq '.[0].value'; }
expect_eq "June, before the reopening" "$(june)" 0
run_ok review "$anna" --reopen --reason again
expect_stderr_contains "is back in work"
expect_eq "regression: a reopening in December changed June" "$(june)" 0
expect_eq "December counts the reopened case" \
  "$("$CASECTL" report kpi --period 2026-12 -o json </dev/null | jq '.[0].value')" 1
expect_eq "February counts it under accompaniment (closed on 02-01)" \
  "$("$CASECTL" report kpi --period 2026-02 -o json </dev/null | jq '.[0].value')" 1
run log "$anna" -o json
expect_eq "the reopening is journaled with its date" \
  "$(jq -c '[.[] | select(.action == "reopen") | .changes.reopened_on]' "$OUT")" '["2026-12-01"]'
unset CASECTL_TODAY
export CASECTL_TODAY=2026-11-20

# --- review --reopen --on DATE -------------------------------------------------------------------
fresh_store
run_ok init
new_case b --name 'Семья Бекова' --opened 2026-03-01
run_ok review "$b" --close --on 2026-05-31 --reason 'Цели достигнуты' --outcome goals-achieved --expectations yes
run review "$b" --reopen --on 2026-05-30 --reason 'Снова'
expect_code 65
expect_stderr "casectl: error: case $b was not reopened:
  on: 2026-05-30 is before the case was closed, 2026-05-31"
run review "$b" --reopen --on 2026-11-21 --reason 'Снова'
expect_code 65
expect_stderr "casectl: error: case $b was not reopened:
  on: 2026-11-21 is in the future (today is 2026-11-20)"
run_ok review "$b" --reopen --on 2026-07-01 --reason 'Снова'
run_ok show "$b" -o json
expect_eq "the next review a cadence after the reopening" "$(jq -r '.next_review_on' "$OUT")" 2026-07-31
run review "$b" --close --on 2026-06-30 --reason 'x' --outcome moved --expectations no
expect_code 65
expect_stderr "casectl: error: case $b was not closed:
  on: 2026-06-30 is before the case was reopened, 2026-07-01"
run_ok review "$b" --close --on 2026-09-15 --reason 'Переезд' --outcome moved --expectations no
# Open March..May and July..September 15: June is a gap, Q2 and Q3 count it once.
kpi_value() { "$CASECTL" report kpi --period "$1" -o json </dev/null | jq '.[0].value'; }
expect_eq "under accompaniment in May" "$(kpi_value 2026-05)" 1
expect_eq "not in June, between its spells" "$(kpi_value 2026-06)" 0
expect_eq "July" "$(kpi_value 2026-07)" 1
expect_eq "October: closed" "$(kpi_value 2026-10)" 0
expect_eq "the year counts the case once" "$(kpi_value 2026)" 1
caseload_json() { "$CASECTL" report caseload "$@" -o json </dev/null | jq -c '[.[] | [.value, .open_at_end, .families, .opened, .closed]]'; }
expect_eq "by month: two spells, each closing counted in its month, opened once" "$(caseload_json --period 2026 --by month)" \
  '[["2026-01",0,0,0,0],["2026-02",0,0,0,0],["2026-03",1,1,1,0],["2026-04",1,1,0,0],["2026-05",0,1,0,1],["2026-06",0,0,0,0],["2026-07",1,1,0,0],["2026-08",1,1,0,0],["2026-09",0,1,0,1],["2026-10",0,0,0,0],["2026-11",0,0,0,0],["2026-12",0,0,0,0]]'
# The same figures for one period at a time as for every month at once (two ways of counting).
for month in 2026-05 2026-06 2026-09; do
  expect_eq "$month alone as in the months" "$(caseload_json --period "$month" | jq -c '.[0][1:]')" \
    "$(caseload_json --period 2026 --by month | jq -c --arg m "$month" '.[] | select(.[0] == $m) | .[1:]')"
done
# Closed and reopened within one month: under accompaniment once, open at its end.
run_ok --today 2026-11-20 review "$b" --reopen --on 2026-10-05 --reason 'Вернулись'
run_ok review "$b" --close --on 2026-10-10 --reason 'x' --outcome partly --expectations partly
run_ok review "$b" --reopen --on 2026-10-12 --reason 'Снова вернулись'
expect_eq "October: once" "$(caseload_json --period 2026-10 | jq -c '.[0][1:]')" '[1,1,0,1]'
expect_eq "October in the months: the same" \
  "$(caseload_json --period 2026 --by month | jq -c '.[] | select(.[0] == "2026-10") | .[1:]')" '[1,1,0,1]'

# --- past periods stay as they were --------------------------------------------------------------
fresh_store
export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
# shellcheck source=report_store.sh
source "$SOURCE_ROOT/tests/e2e/report_store.sh"
# b closes on 11-19 and a on 11-12 with their services still running: a's nurse visits 2/week
# were due for 12 days of November (round(2 × 12 / 7) = 3), not to today.
run_ok review "$b" --close --on 2026-11-19 --reason 'Переезд' --outcome moved --expectations no --force 'Переехали'
run_ok review "$a" --close --on 2026-11-12 --reason 'Умерла' --outcome deceased --expectations partly --force 'Умерла'
# h came from another system (external id), in almaly, routine, managed by aseitova.
new_case h --name 'Семья Нурлановых' --district almaly --opened 2026-09-01 --external-id 'ЕСП-77' --group low-income
run_ok assign "$h" --manager aseitova
expect_eq "services stop at the closing" \
  "$("$CASECTL" report services --period 2026-11 -o json </dev/null | jq -c '.[] | select(.value == "Патронаж медсестры") | [.due, .delivered]')" \
  '[3,5]'

# figures: every report of the past periods (up to November) as JSON, one line each. Without the
# caseload's in_intake, in_assessment and active: they are the cases' status today (reports.md).
now_out='map(del(.in_intake, .in_assessment, .active))'

figures() {
  local period by
  for period in 2026-06 2026-07 2026-08 2026-09 2026-10 2026-11 2026-Q3 "2026-01-01 2026-11-30"; do
    set -- --period "$period"
    [ "${#period}" -gt 7 ] && set -- --from "${period% *}" --to "${period#* }"
    echo "kpi $period $("$CASECTL" report kpi "$@" -o json </dev/null | jq -c .)"
    echo "kpi $period almaly $("$CASECTL" report kpi "$@" --district almaly -o json </dev/null | jq -c .)"
    echo "kpi $period aseitova $("$CASECTL" report kpi "$@" --manager aseitova -o json </dev/null | jq -c .)"
    echo "kpi $period routine $("$CASECTL" report kpi "$@" --urgency routine -o json </dev/null | jq -c .)"
    echo "kpi $period low-income $("$CASECTL" report kpi "$@" --group low-income -o json </dev/null | jq -c .)"
    echo "kpi $period large-family $("$CASECTL" report kpi "$@" --group large-family -o json </dev/null | jq -c .)"
    for by in district manager urgency source group; do
      echo "caseload $period $by $("$CASECTL" report caseload "$@" --by "$by" -o json </dev/null | jq -c "$now_out")"
      echo "outcomes $period $by $("$CASECTL" report outcomes "$@" --by "$by" -o json </dev/null | jq -c .)"
      echo "services $period $by $("$CASECTL" report services "$@" --by "$by" -o json </dev/null | jq -c .)"
    done
  done
  echo "caseload by month $("$CASECTL" report caseload --period 2026 --by month -o json </dev/null |
    jq -c "[.[] | select(.value <= \"2026-11\")] | $now_out")"
}
figures >"$TEST_DIR/before"
expect_true "the figures are there" grep -q '"families"' "$TEST_DIR/before"
# December's work: reopen the closed cases, close one again, reopen b and reassign it.
run_ok --today 2026-12-10 review "$d" --reopen --on 2026-12-01 --reason 'Снова обратились'
run_ok --today 2026-12-10 review "$d" --close --on 2026-12-05 --reason 'x' --outcome partly --expectations partly
run_ok --today 2026-12-10 review "$e" --reopen --on 2026-12-02 --reason 'Вернулись'
run_ok --today 2026-12-10 review "$f" --reopen --reason 'Вернулся'
run_ok --today 2026-12-10 review "$b" --reopen --on 2026-12-03 --reason 'Вернулись'
run_ok --today 2026-12-10 review "$a" --reopen --on 2026-12-01 --reason 'Ошибка: жива'
# ... and move cases between the rows: a and h to another manager, h to another district, c
# found in danger) to emergency and into other target groups.
run_ok --today 2026-12-10 assign "$a" --manager petrenko
run_ok --today 2026-12-10 assign "$h" --manager petrenko
run_ok --today 2026-12-10 intake --external-id 'ЕСП-77' --name 'Семья Нурлановых' --district turksib --opened 2026-09-01 \
  --on-existing update
run_ok --today 2026-12-11 intake --external-id 'ЕСП-77' --name 'Семья Нурлановых' --district turksib --opened 2026-09-01 \
  --group refugee --group large-family --on-existing update
run_ok --today 2026-12-10 assess "$h" --domain safety=1 --immediate-danger
run_ok show "$h" -o json
expect_eq "h moved: turksib, petrenko, emergency" "$(jq -c '[.district, .case_manager, .urgency]' "$OUT")" \
  '["turksib","petrenko","emergency"]'
figures >"$TEST_DIR/after"
expect_eq "every past period's figures, before and after December's work" "$(diff "$TEST_DIR/before" "$TEST_DIR/after")" ""
# December itself sees the work: h under turksib, petrenko and emergency from December.
by_value() { "$CASECTL" --today 2026-12-10 report caseload --period "$1" --by "$2" -o json </dev/null |
  jq -c --arg v "$3" '.[] | select(.value == $v) | .open_at_end'; }
expect_eq "November: h in almaly" "$(by_value 2026-11 district almaly)" 2
expect_eq "December: e, f and h in turksib" "$(by_value 2026-12 district turksib)" 3
expect_eq "November: aseitova had a and h" "$(by_value 2026-11 manager aseitova)" 1
expect_eq "December: petrenko has a, b, e, g and h" "$(by_value 2026-12 manager petrenko)" 5
expect_eq "December: h is an emergency" "$(by_value 2026-12 urgency emergency)" 2
expect_eq "November: h low-income" "$(by_value 2026-11 group low-income)" 1
expect_eq "December: h no longer low-income" "$("$CASECTL" --today 2026-12-20 report caseload --period 2026-12 --by group \
  -o json </dev/null | jq -c '[.[] | select(.value == "refugee" or .value == "low-income") | .open_at_end]')" '[1,0]'
expect_eq "December's filter: d and h are large families" \
  "$("$CASECTL" --today 2026-12-20 report kpi --period 2026-12 --group large-family -o json </dev/null | jq '.[0].value')" 2
expect_eq "December: a, b, c, e, f, g, h open at its end" \
  "$("$CASECTL" --today 2026-12-10 report caseload --period 2026-12 -o json </dev/null | jq "map(.open_at_end) | add")" 7

# --- regression: a change was dated by the UTC day of its moment, not by its business day -------
# In UTC+5 (Kazakhstan) a change made with --today (its moment the local midnight, a UTC evening)
# or between 00:00 and 05:00 local time went into the history a day early: the report of the
# period ending the day before counted the case under its new values, and a change made on the
# first of a month changed last month's rows.
fresh_store
export CASECTL_TIMEZONE=UTC-5 CASECTL_TODAY=2026-10-20
run_ok init
new_case k --name 'Семья Касымовых' --district almaly --opened 2026-10-01 --external-id 'ЕСП-90' --group low-income
run_ok assign "$k" --manager aseitova
# Back-dated to the month's end: to turksib, petrenko, large-family, and an emergency.
run_ok --today 2026-10-31 intake --external-id 'ЕСП-90' --name 'Семья Касымовых' --district turksib --opened 2026-10-01 \
  --group large-family --on-existing update
run_ok --today 2026-10-31 assign "$k" --manager petrenko
run_ok --today 2026-10-31 assess "$k" --domain safety=1 --immediate-danger
# counted_under FROM TO BY: the rows the case is open under at the end of the period.
counted_under() {
  "$CASECTL" report caseload --from "$1" --to "$2" --by "$3" -o json </dev/null |
    jq -r '[.[] | select(.open_at_end > 0) | .value] | join(",")'
}
export CASECTL_TODAY=2026-11-20
for by in district manager urgency group; do
  expect_eq "regression: changed with --today 2026-10-31 in UTC+5, by $by on 10-30" \
    "$(counted_under 2026-10-01 2026-10-30 "$by")" \
    "$(case $by in district) echo almaly ;; manager) echo aseitova ;; urgency) echo routine ;; group) echo low-income ;; esac)"
  expect_eq "changed with --today 2026-10-31, by $by from 10-31" "$(counted_under 2026-10-01 2026-10-31 "$by")" \
    "$(case $by in district) echo turksib ;; manager) echo petrenko ;; urgency) echo emergency ;; group) echo large-family ;; esac)"
done
# 01:00 on 1 December in UTC+5, 20:00 on 30 November in UTC: a December change.
unset CASECTL_TODAY
export CASECTL_NOW=2026-11-30T20:00:00Z
run_ok assign "$k" --manager aseitova
expect_eq "the business day is stored with the change" "$(store_sql "SELECT updated_on FROM cases")" 2026-12-01
expect_eq "regression: a change at 01:00 on 1 December in UTC+5 changed November" \
  "$(counted_under 2026-11-01 2026-11-30 manager)" petrenko
expect_eq "December counts the case under its new manager" "$(counted_under 2026-12-01 2026-12-01 manager)" aseitova
run_ok log "$k" -o json
expect_eq "the journal dates the change by the same day" \
  "$(jq -r '[.[] | select(.action == "assign")] | last | .effective_on' "$OUT")" 2026-12-01
# An assessment recorded late for the day it was made (assess --date) raises the urgency from
# that day, the day the journal dates it by.
fresh_store
export CASECTL_TODAY=2026-11-20
run_ok init
new_case m --name 'Семья Мукановых' --district almaly --opened 2026-10-01
run_ok assess "$m" --date 2026-10-15 --domain safety=1 --immediate-danger
expect_eq "routine until the assessment" "$(counted_under 2026-10-01 2026-10-14 urgency)" routine
expect_eq "an emergency from the day it was assessed" "$(counted_under 2026-10-01 2026-10-15 urgency)" emergency
run_ok log "$m" -o json
expect_eq "as the journal dates it" "$(jq -r '[.[] | select(.action == "update")] | last | .effective_on' "$OUT")" 2026-10-15
unset CASECTL_NOW CASECTL_TIMEZONE

finish
