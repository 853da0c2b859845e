#!/usr/bin/env bash
# The date rule (lib/cases/effective_dates.hpp) and the local day: what happened in a case is never
# in the future nor before the case was opened (history from before the opening is marked as such);
# the review with the latest date sets the next review; "today" is the local day (TZ, or the
# `timezone` setting); moments stay UTC in JSON and show in local time in tables and documents.
# Also what the record now shows: notes on tasks and events, and the closures of a case.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
json_of() { "$CASECTL" "$@" -o json 2>/dev/null </dev/null; }
store_state() {
  store_sql "SELECT * FROM reviews; SELECT * FROM events; SELECT * FROM assessments; SELECT * FROM plans;
    SELECT count(*) FROM journal; SELECT case_id, status, coalesce(next_review_on, '-') FROM cases ORDER BY case_id;"
}

run_ok init
new_case fam --name 'Семья Ахметовых' --district almaly --opened 2026-09-01 --group large-family

# --- regression: a back-dated review overwrote a later next-review date --------------------------
run_ok review "$fam" --on 2026-11-20 --note 'Визит' --next 2026-12-20
run review "$fam" --on 2026-09-15 --note x
expect_code 0
expect_stdout "$fam"
expect_stderr_contains "the review of $fam is dated 2026-09-15, before the latest review (2026-11-20); the next review stays 2026-12-20"
expect_eq "a back-dated review keeps the later review's next date" "$(json_of show "$fam" | jq -r .next_review_on)" 2026-12-20
expect_eq "a back-dated review: no false overdue review" "$(json_of due | jq -r '[.[] | select(.kind | test("review"))] | length')" 0
expect_eq "the back-dated review keeps its own next date" \
  "$(store_sql "SELECT next_review_on FROM reviews WHERE reviewed_on = '2026-09-15'")" 2026-10-15
expect_eq "the journal says the next review stayed" "$(json_of log "$fam" | jq -r '.[-1].changes.next_review_kept')" 2026-12-20
expect_eq "the log's summary says so" "$(json_of log "$fam" | jq -r '.[-1].summary')" \
  'review: note; back-dated; next review stays 2026-12-20'
run_ok review "$fam" --on 2026-11-20 --note 'Тот же день, позже' --next 2026-12-10
expect_eq "a review of the same day, recorded later, sets the next review" "$(json_of show "$fam" | jq -r .next_review_on)" 2026-12-10

# --- regression: an assessment dated before the case opened was accepted --------------------------
expect_refused 65 "an assessment before the opening" assess "$fam" --domain housing=2 --date 2026-08-01
expect_stderr_contains 'date: 2026-08-01 is before the case was opened on 2026-09-01'
expect_refused 65 "a home visit before the opening" assess "$fam" --domain housing=2 --date 2026-09-02 --visit 2026-08-31
expect_stderr_contains 'visit: 2026-08-31 is before the case was opened on 2026-09-01'
run_ok assess "$fam" --domain housing=2 --date 2026-09-01 --visit 2026-09-01
expect_eq "an assessment on the opening day is accepted" "$(json_of assess "$fam" --show | jq -r .assessed_on)" 2026-09-01

# --- regression: a plan's --start before the opening was accepted ---------------------------------
expect_refused 65 "a plan starting before the opening" plan "$fam" add-goal --description 'Жильё' --start 2026-08-15
expect_stderr_contains 'start: 2026-08-15 is before the case was opened on 2026-09-01'
run_ok plan "$fam" add-goal --description 'Жильё' --start 2026-12-01
expect_eq "a plan may start in the future (a planned date)" "$(json_of plan "$fam" | jq -r .start_on)" 2026-12-01

# --- regression: events before the signal were refused ------------------------------------------
expect_refused 65 "an event before the opening, not marked" review "$fam" --event ran-away --on 2026-08-20
expect_stderr_contains 'on: 2026-08-20 is before the case was opened on 2026-09-01'
run review "$fam" --event ran-away --on 2026-08-20 --before-opening --event-note 'Ушёл из дома на двое суток'
expect_code 0
expect_stdout "$fam"
expect_eq "history is stored and shown as such" \
  "$(json_of show "$fam" | jq -c '.events | map([.happened_on, .event, .before_opening, .note])')" \
  '[["2026-08-20","ran-away",true,"Ушёл из дома на двое суток"]]'
expect_eq "a report of the period leaves history out" \
  "$(json_of report kpi --from 2026-08-01 --to 2026-08-31 | jq -r '.[] | select(.figure == "event.ran-away") | .value')" 0
expect_eq "history leaves the next review as it was" "$(json_of show "$fam" | jq -r .next_review_on)" 2026-12-10
expect_eq "history writes no review" "$(store_sql "SELECT count(*) FROM reviews")" 3
expect_eq "the journal marks it" "$(json_of log "$fam" | jq -c '.[-1].changes | [.before_opening, .happened_on, .event_note]')" \
  '[true,"2026-08-20","Ушёл из дома на двое суток"]'
expect_refused 65 "history dated after the opening" review "$fam" --event ran-away --on 2026-09-10 --before-opening
expect_stderr_contains 'on: 2026-09-10 is not before the case was opened on 2026-09-01'
expect_refused 65 "history without a date" review "$fam" --event ran-away --before-opening
expect_stderr_contains 'on: give the date the events happened'
expect_refused 65 "history with a review's note" review "$fam" --event ran-away --on 2026-08-01 --before-opening --note x
expect_stderr_contains 'before_opening: records only events'
expect_refused 2 "history when closing" review "$fam" --close --before-opening --reason x --outcome moved --expectations no
expect_refused 65 "an event in the future" review "$fam" --event ran-away --on 2026-11-21
expect_stderr_contains 'on: 2026-11-21 is in the future (today is 2026-11-20)'
printf '{"events": ["ran-away"], "on": "2026-08-02", "before_opening": true}' >"$TEST_DIR/history.json"
run_ok review "$fam" --from "$TEST_DIR/history.json"
expect_eq "a review file may record history" "$(store_sql "SELECT count(*) FROM events WHERE before_opening = 1")" 2
printf '{"events": ["ran-away"], "on": "2026-08-02", "before_opening": "да"}' >"$TEST_DIR/history.json"
expect_refused 65 "before_opening that is not true or false" review "$fam" --from "$TEST_DIR/history.json"
expect_stderr_contains 'before_opening: must be true or false'


# --- regression: task and event notes were stored and never shown -------------------------------
run_ok assign "$fam" --manager aseitova
run_ok plan "$fam" add-task --goal 1 --what 'Подать документы на жильё' --agency social-protection --offset 5
run_ok plan "$fam" approve --meeting 2026-11-20 --participants 'Асеитова Г.М.'
run_ok review "$fam" --task 1 --status not-done --task-note 'Семья отказалась подавать документы' \
  --event police-called --event-note 'Соседи вызвали полицию'
expect_eq "the plan shows the task's note" "$(json_of plan "$fam" | jq -c '.tasks[0].notes | map([.updated_on, .status, .note])')" \
  '[["2026-11-20","not-done","Семья отказалась подавать документы"]]'
expect_eq "show lists the notes on tasks" "$(json_of show "$fam" | jq -c '.task_notes | map([.task, .note])')" \
  '[[1,"Семья отказалась подавать документы"]]'
expect_eq "show lists the event with its note" "$(json_of show "$fam" | jq -r '.events[-1] | [.event, .note] | join("|")')" \
  'police-called|Соседи вызвали полицию'
expect_eq "the journal keeps both notes" "$(json_of log "$fam" | jq -c '.[-1].changes | [.task_note, .event_note]')" \
  '["Семья отказалась подавать документы","Соседи вызвали полицию"]'
run plan "$fam" --template plan
expect_stdout_contains '20.11.2026, Не выполнена: Семья отказалась подавать документы'
run plan "$fam" --template plan --lang en
expect_stdout_contains '2026-11-20, Not done: Семья отказалась подавать документы'
run show "$fam" --template case
expect_stdout_contains '20.11.2026 Вызов полиции: Соседи вызвали полицию'
expect_stdout_contains '20.08.2026 Самовольный уход ребёнка (до открытия случая): Ушёл из дома на двое суток'
expect_stdout_contains '20.11.2026 задача 1, Не выполнена: Семья отказалась подавать документы'

# --- regression: after closing, show had no outcome, reason nor expectations -----------------------
expect_eq "an open case has no closure" "$(json_of show "$fam" | jq -c '[.closure, .closures]')" '[null,[]]'
run_ok review "$fam" --close --reason 'Семья переехала в Астану' --outcome moved --expectations partly \
  --expectations-note 'Хотели остаться'
expect_eq "show carries the closure" \
  "$(json_of show "$fam" | jq -c '.closure | [.closed_on, .outcome, .reason, .expectations_met, .expectations_note, .domain_changes[0].domain]')" \
  '["2026-11-20","moved","Семья переехала в Астану","partly","Хотели остаться","housing"]'
run show "$fam" --template case
expect_stdout_contains 'ЗАКРЫТ 20.11.2026: Переезд'
expect_stdout_contains 'Причина: Семья переехала в Астану'
expect_stdout_contains 'Ожидания человека: Ожидания оправдались частично («Хотели остаться»)'
run_ok review "$fam" --reopen --reason 'Вернулись'
expect_eq "a reopened case shows its earlier closure" \
  "$(json_of show "$fam" | jq -c '[.closure, (.closures | map([.closed_on, .reopened_on, .reopen_reason]))]')" \
  '[null,[["2026-11-20","2026-11-20","Вернулись"]]]'
run show "$fam" --template case --lang en
expect_stdout_contains 'Closed 2026-11-20 (Moved: Семья переехала в Астану), reopened 2026-11-20: Вернулись'

# --- regression: "today" was the UTC day ---------------------------------------------------------
fresh_store
unset CASECTL_TODAY
export TZ=UTC-5 CASECTL_NOW=2026-12-01T20:30:00Z
run_ok init
new_case late --name 'Семья Омаровых' --urgency emergency
expect_eq "at 01:30 local on 2 December the case opens on 2 December" "$(json_of show "$late" | jq -r .opened)" 2026-12-02
expect_eq "moments stay UTC in JSON" "$(json_of show "$late" | jq -r .created_at)" 2026-12-01T20:30:00Z
run show "$late" -o table
expect_stdout_contains '2026-12-02 01:30'
expect_stdout_contains '2026-12-03 01:30'
expect_stdout_lacks '2026-12-01T20:30:00Z'
run show "$late" -o tsv
expect_stdout_contains '2026-12-01T20:30:00Z'
run show "$late" --template case --lang en
expect_stdout_contains 'Respond by: 2026-12-03 01:30'
export TZ=UTC
new_case utc --name 'Семья Б'
expect_eq "the same moment in UTC is still 1 December" "$(json_of show "$utc" | jq -r .opened)" 2026-12-01
CASECTL_TIMEZONE=UTC-5 new_case zoned --name 'Семья В'
expect_eq "the timezone setting gives the local day" "$(json_of show "$zoned" | jq -r .opened)" 2026-12-02
CASECTL_TIMEZONE=UTC-5 CASECTL_TODAY=2026-12-05 new_case fixed --name 'Семья Г' --urgency emergency
expect_eq "a fixed today starts at local midnight" "$(json_of show "$fixed" | jq -r .response_due)" 2026-12-05T19:00:00Z
CASECTL_TIMEZONE='Asai/Almaty' run list
expect_code 78
expect_stderr_contains "timezone = 'Asai/Almaty': 'Asai/Almaty' is not a time zone"
CASECTL_NOW=yesterday run list
expect_code 78
expect_stderr_contains 'env CASECTL_NOW'
unset CASECTL_NOW
export CASECTL_TODAY=2026-11-20

# --- dates as people type them (issue 17): D.M.YYYY, DD/MM/YYYY, today, yesterday, -7d, +2w -------
# Today is 2026-11-20 (CASECTL_TODAY); every option that takes a date reads the same forms.
fresh_store
run_ok init
opened_on() { json_of show "$1" | jq -r .opened; }
new_case typed1 --name 'Семья Д' --opened 5.11.2026
expect_eq "D.M.YYYY" "$(opened_on "$typed1")" 2026-11-05
new_case typed2 --name 'Семья Е' --opened 05/11/2026
expect_eq "DD/MM/YYYY, day first" "$(opened_on "$typed2")" 2026-11-05
new_case typed3 --name 'Семья Ж' --opened yesterday
expect_eq "yesterday" "$(opened_on "$typed3")" 2026-11-19
new_case typed4 --name 'Семья З' --opened=-7d
expect_eq "--opened=-7d" "$(opened_on "$typed4")" 2026-11-13
new_case typed5 --name 'Семья И' --opened -2w
expect_eq "--opened -2w: a value that starts with a dash is taken as the value" "$(opened_on "$typed5")" 2026-11-06
new_case typed6 --name 'Семья К' --opened today
expect_eq "today" "$(opened_on "$typed6")" 2026-11-20
new_case typed7 --name 'Семья Л' --opened ' 1.10.2026 '
expect_eq "white space around a date" "$(opened_on "$typed7")" 2026-10-01
expect_refused 65 "tomorrow as the day a signal came in" intake --name 'Семья М' --opened tomorrow
expect_stderr_contains 'opened: 2026-11-21 is in the future (today is 2026-11-20)'
expect_refused 65 "a date typed wrong names the option, the value and the forms" intake --name 'Семья М' --opened 'позавчера'
expect_stderr_contains "opened: 'позавчера' is not a date; write YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY), DD/MM/YYYY, today, yesterday, tomorrow, or days, weeks, months or years from today: -7d, +2w, -1m, +1y"
expect_refused 65 "an offset needs its sign" intake --name 'Семья М' --opened 7d
expect_stderr_contains "opened: '7d' is not a date"

# A birth date is a fact written in full: "-10y" would be a birthday counted from whenever it is typed.
new_case born --name 'Семья Н' --member 'Нуров Али;сын;5.3.2015' --member 'Нурова Ая;дочь;07/08/2018'
expect_eq "birth dates in D.M.YYYY and DD/MM/YYYY" "$(json_of show "$born" | jq -c '[.members[].birth_date]')" \
  '["2015-03-05","2018-08-07"]'
expect_refused 65 "a birth date relative to today" intake --name 'Семья О' --member 'Оспанов Ерлан;сын;-10y'
expect_stderr_contains "member 1 birth date: '-10y' is a date relative to today, which is not taken here; write the date in full: YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY) or DD/MM/YYYY"
expect_refused 65 "yesterday as a birth date (edit)" edit "$born" --add-member 'Нуров Марат;сын;yesterday'
expect_stderr_contains "birth date: 'yesterday' is a date relative to today"

# Filters, show --as-of, log --until: counted from today as well.
expect_eq "list --since -1w" "$(json_of list --since -1w | jq -r '[.[].case_id] | length')" 4
expect_eq "list --since=-1w --until yesterday" "$(json_of list --since=-1w --until yesterday | jq -r '[.[].opened] | sort | join(",")')" \
  2026-11-13,2026-11-19
expect_refused 65 "list --since that is not a date" list --since 'last week'
expect_stderr_contains "--since: 'last week' is not a date; write YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY), DD/MM/YYYY, today"
run show "$typed6" --as-of yesterday
expect_code 65 # the case opened today did not exist yesterday
run_ok show "$typed3" --as-of yesterday -o json
expect_eq "show --as-of yesterday" "$(jq -r .as_of "$OUT")" 2026-11-19
run_ok log "$typed3" --until today -o json
expect_eq "log --until today" "$(jq -r length "$OUT")" 1
expect_refused 65 "show --as-of that is not a date" show "$typed3" --as-of 31.11.2026
expect_stderr_contains "--as-of: '31.11.2026' is not a real date"

# Reviews, plans, assessments: --on, --next, --due, --date, --visit, --meeting.
run_ok assess "$typed4" --domain housing=2 --date -1d --visit -3d
expect_eq "assess --date -1d --visit -3d" "$(json_of assess "$typed4" --show | jq -r '[.assessed_on, .visit_on] | join(",")')" \
  2026-11-19,2026-11-17
run_ok review "$typed4" --on yesterday --note 'Визит' --next +2w
expect_eq "review --next +2w counts from today" "$(json_of show "$typed4" | jq -r .next_review_on)" 2026-12-04
run_ok plan "$typed4" add-goal --description 'Жильё'
run_ok plan "$typed4" add-task --goal 1 --what 'Документы' --agency social-protection --due +1m
expect_eq "plan add-task --due +1m" "$(json_of plan "$typed4" | jq -r '.tasks[0].due_on')" 2026-12-20
run_ok assign "$typed4" --manager aseitova
run_ok plan "$typed4" approve --meeting today --participants 'Асеитова Г.М.'
expect_eq "plan approve --meeting today" "$(json_of plan "$typed4" | jq -r .meeting_on)" 2026-11-20
run_ok review "$typed4" --on -3d --event police-called
run_ok review "$typed4" --on=-2d --event police-called
expect_eq "review --on -3d and --on=-2d" "$(json_of show "$typed4" | jq -r '[.events[].happened_on] | join(",")')" \
  2026-11-17,2026-11-18
expect_refused 65 "review --on tomorrow" review "$typed4" --on tomorrow --note x
expect_stderr_contains 'on: 2026-11-21 is in the future (today is 2026-11-20)'

# Report periods: --from and --to control the command, so a bad one is a usage error (exit 2).
run_ok report caseload --from -1m --to today --by none -o json
expect_eq "report --from -1m --to today" "$(jq -r '.[0].label' "$OUT")" 'Все случаи'
run_ok report kpi --from -1m -o json
run report kpi --from 'прошлый месяц'
expect_code 2
expect_stderr_contains "--from: 'прошлый месяц' is not a date; write YYYY-MM-DD"

# Months keep to the month's end: on 31 December, -1m is 30 November.
CASECTL_TODAY=2026-12-31 new_case end_of_month --name 'Семья П' --opened 30.11.2026
CASECTL_TODAY=2026-12-31 new_case before_that --name 'Семья Р' --opened 29.11.2026
expect_eq "-1m from 31 December is 30 November" \
  "$(CASECTL_TODAY=2026-12-31 json_of list --since -1m | jq -r '[.[].case_id] | join(",")')" "$end_of_month"

# --today itself is written in full: it is what the others count from.
run list --today yesterday
expect_code 2 # a bad global flag is a usage error (CASECTL_TODAY=yesterday: 78, a bad setting)
expect_stderr_contains "'yesterday' is a date relative to today, which is not taken here"
run_ok list --today 5.11.2026 -o json

finish
