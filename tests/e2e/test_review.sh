#!/usr/bin/env bash
# casectl review and due: task updates, services delivered against the plan's frequency, significant
# events (configurable), the next review date (review.cadence), closing with a measured outcome,
# reopening; what is overdue or due soon across cases, with its filters and formats; refusals that
# write nothing.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
# The agencies of a plan not yet told of its tasks are test_agency_notices.sh's: due here lists the rest.
export CASECTL_PLAN_INFORM_WITHIN=off

# json_of ARGS...: the stdout of `casectl ARGS... -o json` (exit code not checked; see the callers).
json_of() { "$CASECTL" "$@" -o json 2>/dev/null </dev/null; }

# store_state: every monitoring row, the plan tasks' statuses, the journal's length and every case's
# status, closed date and next review: what a refused command must leave as it was.
store_state() {
  store_sql "SELECT * FROM reviews; SELECT * FROM task_updates; SELECT * FROM service_deliveries;
    SELECT * FROM events; SELECT * FROM closures; SELECT plan_id, number, status FROM plan_tasks;
    SELECT count(*) FROM journal;
    SELECT case_id, status, coalesce(closed, '-'), coalesce(next_review_on, '-') FROM cases ORDER BY case_id;"
}


# due_rows ARGS...: `casectl due ARGS... -o json` as one "kind case what due" line per item.
due_rows() { json_of due "$@" | jq -r '.[] | [.kind, .case_id, .what, .due] | join(" | ")'; }

# --- the cases: built over the first weeks of November; today is 2026-11-20 ----------------------
run_ok init
# The palliative patient: home visits by the clinic five times a week.
new_case pal --kind person --name 'Ахметова Зейнеп Кайратовна' --district almaly --opened 2026-11-01 \
  --group palliative --problem 'Лежачая больная, живёт одна'
run_ok --today 2026-11-02 assess "$pal" --domain health=1 --domain mobility=1 --domain social-support=2 --visit 2026-11-02
run_ok assign "$pal" --manager aseitova
run_ok --today 2026-11-03 plan "$pal" add-goal --domain health --target 3 --description 'Уход и лечение на дому' \
  --expectation 'Остаться дома'
run_ok --today 2026-11-03 plan "$pal" add-task --what 'Патронаж медсестры на дому' --agency hospital \
  --frequency 5/week --offset 0
expect_stdout 1
run_ok --today 2026-11-03 plan "$pal" add-task --what 'Оформить инвалидность' --agency social-protection --offset 5
expect_stdout 2
run_ok --today 2026-11-03 plan "$pal" add-task --what 'Консультация юриста по жилью' --agency ngo --offset 20
expect_stdout 3
run_ok --today 2026-11-03 plan "$pal" approve --meeting 2026-11-03 --participants 'Асеитова Г.М., Сергеев И.П.'
expect_eq "the palliative case is active" "$(json_of show "$pal" | jq -r .status)" active

# A family with a runaway child, in another district and with another manager.
new_case run --name 'Семья Тарасовых' --district bostandyk --opened 2026-11-02 \
  --member 'Тарасова Наталья Игоревна;мать;1989-02-14' --member 'Тарасов Артём;сын;2015-03-09'
run_ok --today 2026-11-03 assess "$run" --domain safety=2 --domain parenting=2 --domain schooling=3 --visit 2026-11-03
run_ok assign "$run" --manager petrenko
run_ok --today 2026-11-04 plan "$run" add-goal --domain safety --target 4 --description 'Артём живёт дома'
run_ok --today 2026-11-04 plan "$run" add-task --what 'Беседа инспектора с Артёмом' --agency juvenile-police --offset 26
run_ok --today 2026-11-04 plan "$run" add-task --what 'Занятия с психологом' --agency ngo --frequency 1/week --offset 0
run_ok --today 2026-11-04 plan "$run" approve --meeting 2026-11-04 --participants 'Петренко О.В., Нурланов Д.С.'
run_ok --today 2026-11-10 review "$run" --delivered 2=1 --on 2026-11-10 --next 2026-11-18
run_ok review "$run" --delivered 2=1 --on 2026-11-17 --next 2026-11-18

# An emergency signal still in intake past its 24 hours; a routine one within its 10 days.
new_case late --name 'Семья Омаровых' --district turksib --urgency emergency --opened 2026-11-15
new_case fresh --name 'Семья Ли' --district turksib --opened 2026-11-19
# A consultation.
new_case consult --name 'Жумабеков Арман' --consultation
# A case in assessment, without a plan.
new_case noplan --name 'Семья Ким' --district almaly --opened 2026-11-05
run_ok --today 2026-11-06 assess "$noplan" --domain housing=2

# --- services delivered against what is due ----------------------------------------------------
run review "$pal" --services -o json
expect_code 0
expect_eq "nothing delivered yet: 0 of 5" "$(jq -c '.[] | [.task, .frequency, .from, .to, .due, .delivered, .percent]' "$OUT")" \
  '[1,"5/week","2026-11-14","2026-11-20",5,0,0]'
# An old delivery, outside the last week, does not count; two visits on the 18th do.
run review "$pal" --delivered 1=3 --on 2026-11-10
expect_code 0
expect_stdout "$pal"
expect_stderr_empty
run review "$pal" --delivered 1=2 --on 18.11.2026
expect_code 0
expect_stdout "$pal"
run review "$pal" --services -o json
expect_eq "the palliative patient: 2 visits of 5 due over the last 7 days, 40%" \
  "$(jq -c '.[] | [.task, .what, .frequency, .from, .to, .due, .delivered, .percent]' "$OUT")" \
  '[1,"Патронаж медсестры на дому","5/week","2026-11-14","2026-11-20",5,2,40]'
expect_eq "only the recurring task is a service" "$(jq length "$OUT")" 1
run review "$pal" --services -o tsv
expect_code 0
expect_stdout "$(printf 'task\twhat\tfrequency\tfrom\tto\tdue\tdelivered\tpercent\n1\tПатронаж медсестры на дому\t5/week\t2026-11-14\t2026-11-20\t5\t2\t40')"
expect_eq "deliveries are dated by --on" "$(store_sql 'SELECT task, delivered_on, count FROM service_deliveries WHERE case_row = (SELECT id FROM cases WHERE case_id = '"'$pal'"') ORDER BY id')" \
  "$(printf '1|2026-11-10|3\n1|2026-11-18|2')"
expect_eq "show carries the services and the next review" \
  "$(json_of show "$pal" | jq -c '[.next_review_on, (.services[] | [.due, .delivered, .percent])]')" '["2026-12-18",[5,2,40]]'
expect_eq "the journal's review entry for the deliveries" "$(json_of log "$pal" | jq -c '.[-1] | [.action, .changes, .summary]')" \
  '["review",{"reviewed_on":"2026-11-18","delivered":[{"task":1,"count":2,"on":"2026-11-18"}],"next_review_on":"2026-12-18"},"review: task 1 delivered 2; next review 2026-12-18"]'
run review "$noplan" --services -o json
expect_code 0
expect_stdout '[]'
run review 2099-99999 --services
expect_code 3
expect_stdout ''
expect_stderr_contains 'case 2099-99999 not found'
expect_refused 2 "--services with a review" review "$pal" --services --note 'x'

# --- task updates -------------------------------------------------------------------------------
run review "$pal" --task 3 --status in-progress --task-note 'Юрист назначил встречу'
expect_code 0
expect_stdout "$pal"
expect_eq "the plan task's status changes" "$(json_of plan "$pal" | jq -r '.tasks[] | "\(.number) \(.status)"')" \
  "$(printf '1 open\n2 open\n3 in-progress')"
expect_eq "the journal's review entry" "$(json_of log "$pal" | jq -c '.[-1] | [.action, .changes, .summary]')" \
  '["review",{"reviewed_on":"2026-11-20","tasks":[{"task":3,"status":["open","in-progress"]}],"task_note":"Юрист назначил встречу","next_review_on":"2026-12-20"},"review: task 3 in-progress; next review 2026-12-20"]'
expect_eq "the task update is logged with its note" \
  "$(store_sql "SELECT revision, task, status, note, updated_on, updated_by FROM task_updates")" \
  '1|3|in-progress|Юрист назначил встречу|2026-11-20|tester'

# --- events, notes, the next review -------------------------------------------------------------
expect_refused 65 "an event type with a typo" review "$pal" --event hospitalsed
expect_stderr_contains "unknown event 'hospitalsed' (did you mean 'hospitalised'?)"
run review "$pal" --event hospitalised --event-note 'Скорая, кардиология' --note 'Состояние тяжёлое' --on 2026-11-19 --next 2026-11-26
expect_code 0
expect_eq "an event recorded on the review's date" \
  "$(store_sql "SELECT event_type, happened_on, note, recorded_by FROM events")" 'hospitalised|2026-11-19|Скорая, кардиология|tester'
expect_eq "a back-dated review's --next does not move the later review's next date" \
  "$(json_of show "$pal" | jq -r .next_review_on)" 2026-12-20
expect_eq "the review row" "$(store_sql "SELECT reviewed_on, reviewer, note, next_review_on FROM reviews ORDER BY id DESC LIMIT 1")" \
  '2026-11-19|tester|Состояние тяжёлое|2026-11-26'
run review "$pal" --event 'Вызов полиции'
expect_code 0
expect_eq "an event named by its Russian label is stored by code" "$(json_of log "$pal" | jq -c '.[-1].changes.events')" '["police-called"]'
expect_eq "the default cadence: 30 days from the review" "$(json_of show "$pal" | jq -r .next_review_on)" 2026-12-20
# The events table and review.cadence come from the configuration.
cat >"$TEST_DIR/custom.toml" <<'EOF'
[events]
replace = true
home-fire   = { ru = "Пожар в доме", en = "Fire at home" }
benefit-set = { ru = "Назначено пособие", en = "Benefit granted" }

[review]
cadence = "14d"
EOF
run --config "$TEST_DIR/custom.toml" review "$noplan" --event 'Пожар в доме' --note 'Семья у родственников' --on 2026-11-18
expect_code 0
expect_eq "a configured event type; review.cadence 14d" "$(json_of log "$noplan" | jq -c '.[-1].changes | [.events, .next_review_on]')" \
  '[["home-fire"],"2026-12-02"]'
expect_refused 65 "a built-in event type that the config's table replaced" --config "$TEST_DIR/custom.toml" review "$noplan" --event police-called
expect_stderr_contains "unknown event 'police-called'; known: home-fire, benefit-set"
CASECTL_REVIEW_CADENCE=7d run review "$noplan" --note 'Звонок' --on 2026-11-19
expect_code 0
expect_eq "CASECTL_REVIEW_CADENCE, from the review's date" "$(json_of show "$noplan" | jq -r .next_review_on)" 2026-11-26

# --- refusals that write nothing ----------------------------------------------------------------
expect_refused 65 "a negative count" review "$pal" --delivered 1=-1
expect_stderr_contains "'1=-1': the count must be from 0 to 1000"
expect_refused 65 "a count that is not a number" review "$pal" --delivered 1=два
expect_stderr_contains "'1=два' is not TASK=COUNT"
expect_refused 65 "no count" review "$pal" --delivered 1
expect_refused 65 "a delivery in the future" review "$pal" --delivered 1=1 --on 2026-11-21
expect_stderr_contains 'on: 2026-11-21 is in the future (today is 2026-11-20)'
expect_refused 65 "a delivery for a task that is not recurring" review "$pal" --delivered 2=1
expect_stderr_contains 'task 2 is not a recurring service'
expect_refused 65 "good and bad deliveries together" review "$pal" --delivered 1=1 --delivered 1=x
expect_refused 3 "a delivery for an unknown task" review "$pal" --delivered 9=1
expect_stderr_contains "the approved plan of $pal has no task 9"
expect_refused 3 "an unknown task" review "$pal" --task 9 --status 'done'
expect_stderr_contains "has no task 9"
expect_refused 65 "an unknown task status" review "$pal" --task 2 --status finished
expect_refused 65 "--task without --status" review "$pal" --task 2
expect_stderr_contains 'say what became of the task'
expect_refused 65 "--status without --task" review "$pal" --status 'done'
expect_refused 65 "a task that is not a number" review "$pal" --task two --status 'done'
expect_refused 65 "a next review before the review" review "$pal" --next 2026-11-20
expect_stderr_contains 'next: 2026-11-20 is not after the review'
expect_refused 65 "a control character in a note" review "$pal" --note "$(printf 'a\001b')"
expect_refused 4 "--task on a case without an approved plan" review "$noplan" --task 1 --status 'done'
expect_stderr_contains "case $noplan has no approved plan"
expect_refused 4 "--delivered on a case without an approved plan" review "$noplan" --delivered 1=1
expect_refused 4 "a consultation" review "$consult" --note 'x'
expect_stderr_contains 'is a consultation, not a full case'
expect_refused 3 "an unknown case" review 2099-99999 --note 'x'
expect_refused 2 "nothing to record" review "$pal"
expect_stderr_contains 'nothing to record'
expect_refused 2 "only --on is nothing to record" review "$pal" --on 2026-11-19
expect_refused 2 "--close and --reopen together" review "$pal" --close --reopen --reason x
expect_refused 2 "a review and a closing in one command" review "$pal" --close --note 'x' --reason x --outcome partly --expectations no
expect_refused 2 "--outcome without --close" review "$pal" --outcome partly --note x
expect_refused 2 "--reason without --close or --reopen" review "$pal" --reason x --note x

# --- due ----------------------------------------------------------------------------------------
run due -o json
expect_code 0
expect_stderr_empty
expect_eq "overdue only: a task past its date, a late first response, a review past its date, under-delivered visits" \
  "$(jq -r '.[] | [.kind, .case_id, .what, .due] | join(" | ")' "$OUT")" \
  "$(printf '%s\n' \
    "overdue-task | $pal | Оформить инвалидность | 2026-11-08" \
    "late-response | $late | first response (emergency) | 2026-11-16T00:00:00Z" \
    "overdue-review | $run | review | 2026-11-18" \
    "under-delivered | $pal | Патронаж медсестры на дому | 5/week")"
expect_eq "the under-delivered item: 2 of 5 by the clinic" \
  "$(jq -c '.[] | select(.kind == "under-delivered") | [.task, .agency, .case_manager, .district, .due_count, .delivered]' "$OUT")" \
  '[1,"hospital","aseitova","almaly",5,2]'
expect_eq "every item has the documented fields" "$(jq -c '[.[] | keys] | unique' "$OUT")" \
  '[["agency","agency_label","case_id","case_manager","case_name","delivered","district","district_label","due","due_count","kind","kind_label","task","what","what_label"]]'
expect_eq "--within 7d adds what falls due this week" "$(due_rows --within 7d | grep -v '^under\|^late\|^overdue')" \
  "$(printf '%s\n' "task-due | $pal | Консультация юриста по жилью | 2026-11-23" "review-due | $noplan | review | 2026-11-26")"
expect_eq "--within 2w adds the inspector's talk and nothing else new" \
  "$(due_rows --within 2w | grep '^task-due\|^review-due')" \
  "$(printf '%s\n' "task-due | $pal | Консультация юриста по жилью | 2026-11-23" \
    "review-due | $noplan | review | 2026-11-26" \
    "task-due | $run | Беседа инспектора с Артёмом | 2026-11-30")"
expect_eq "a weekly service delivered in full is not listed" "$(due_rows | grep -c 'Занятия с психологом')" 0
expect_eq "the consultation: not listed" "$(due_rows --within 2w | grep -c "$consult")" 0
# Regression: a first response due within the window was never listed, only once it was late.
expect_eq "the routine case's first response, due within 2w" "$(due_rows --within 2w | grep "$fresh")" \
  "response-due | $fresh | first response (routine) | 2026-11-29T00:00:00Z"
expect_eq "not yet within 7d, nor among the overdue" "$(due_rows --within 7d | grep -c "$fresh"; due_rows | grep -c "$fresh")" "0
0"
expect_eq "--mine: the acting user's cases" "$(json_of --as aseitova due --mine | jq -r '[.[].case_id] | unique | join(" ")')" "$pal"
expect_eq "--mine with no cases of one's own" "$(json_of due --mine)" '[]'
expect_eq "--manager" "$(json_of due --manager petrenko | jq -r '[.[].kind] | join(" ")')" overdue-review
expect_eq "--district (by its Russian name too)" "$(json_of due --district 'Турксибский район' | jq -r '[.[].case_id] | join(" ")')" "$late"
expect_eq "--agency: only that agency's tasks and services" \
  "$(json_of due --agency hospital --within 2w | jq -r '.[] | [.kind, .case_id] | join(" ")')" "under-delivered $pal"
expect_eq "--agency social-protection" "$(json_of due --agency social-protection | jq -r '.[] | [.kind, .task] | join(" ")')" 'overdue-task 2'
# Regression: due took a comma-separated --district, --agency or --manager as one (unknown) name;
# its values split on commas as list's do, each one a code or a label.
expect_eq "--district A,B: the union of --district A and --district B" \
  "$(due_rows --district almaly,'Турксибский район' | sort)" "$( (due_rows --district almaly; due_rows --district turksib) | sort)"
expect_eq "--district A,B: the whole list's items of those districts, in its order" \
  "$(json_of due --district almaly,turksib | jq -c .)" \
  "$(json_of due | jq -c '[.[] | select(.district == "almaly" or .district == "turksib")]')"
expect_eq "--district A,B and --district A --district B agree" \
  "$(due_rows --district almaly,turksib)" "$(due_rows --district almaly --district turksib)"
expect_eq "--manager A,B: the union" \
  "$(due_rows --manager aseitova,petrenko | sort)" "$( (due_rows --manager aseitova; due_rows --manager petrenko) | sort)"
expect_eq "--agency A,B: the union" \
  "$(due_rows --agency hospital,social-protection | sort)" \
  "$( (due_rows --agency hospital; due_rows --agency social-protection) | sort)"
expect_eq "the lists above are not empty" \
  "$(due_rows --district almaly,turksib | wc -l) $(due_rows --manager aseitova,petrenko | wc -l) $(due_rows --agency hospital,social-protection | wc -l)" \
  "3 3 2"
run due --district almaly,turksb
expect_code 65
expect_stdout ''
expect_stderr_contains "unknown district 'turksb' (did you mean 'turksib'?)"
run due --agency hospital,scool
expect_code 65
expect_stdout ''
expect_stderr_contains "unknown agency 'scool' (did you mean 'school'?)"
run due --district nowhere
expect_code 65
expect_stdout ''
expect_stderr_contains 'district'
run due --agency nowhere
expect_code 65
expect_stdout ''
run due --within soon
expect_code 2
expect_stdout ''
run due -o tsv
expect_code 0
expect_eq "tsv: a header and one line per item" "$(head -1 "$OUT")" \
  "$(printf 'kind\tcase_id\tdue\twhat\tdelivered\tagency\tcase_manager\tcase_name\tdistrict')"
expect_eq "tsv: the under-delivered line" "$(grep '^under' "$OUT")" \
  "$(printf 'under-delivered\t%s\t5/week\tПатронаж медсестры на дому\t2\thospital\taseitova\tАхметова Зейнеп Кайратовна\talmaly' "$pal")"
expect_eq "tsv: 4 items" "$(($(wc -l <"$OUT") - 1))" 4
run due -o csv --no-headers
expect_code 0
expect_eq "csv without headers (CRLF lines)" "$(grep '^late' "$OUT" | tr -d '\r')" "late-response,$late,2026-11-16T00:00:00Z,first response (emergency),,,,Семья Омаровых,turksib"
run due -o ndjson
expect_code 0
expect_eq "ndjson: the same records as json" "$(jq -c . "$OUT")" "$(json_of due | jq -c '.[]')"
run due -o table
expect_code 0
expect_stdout_contains 'ВИД'
expect_stdout_contains 'Услуга недопоставлена'
expect_stdout_lacks 'under-delivered'
expect_stdout_contains 'Ахметова Зейнеп Кайратовна'
run due -o yaml
expect_code 2
expect_stdout ''
# Delivering the missing visits takes the service off the list.
run_ok review "$pal" --delivered 1=3 --on 2026-11-19
expect_eq "5 of 5: 100%" "$(json_of review "$pal" --services | jq -c '.[] | [.due, .delivered, .percent]')" '[5,5,100]'
expect_eq "no longer under-delivered" "$(due_rows | grep -c '^under-delivered')" 0
# A store that does not exist.
main_store=$CASECTL_DB
fresh_store
run due
expect_code 66
expect_stdout ''
expect_stderr_contains 'no case store'
expect_true "due creates no store" test ! -e "$CASECTL_DB"
run review "$pal" --note x
expect_code 66
expect_true "review creates no store" test ! -e "$CASECTL_DB"
export CASECTL_DB=$main_store

# --- closing ------------------------------------------------------------------------------------
expect_refused 65 "closing without --outcome and --expectations" review "$run" --close --reason 'Артём дома'
expect_stderr_contains 'outcome: give the outcome'
expect_stderr_contains 'expectations: '
expect_refused 65 "an unknown outcome" review "$run" --close --reason x --outcome solved --expectations yes
expect_refused 65 "expectations not yes/partly/no" review "$run" --close --reason x --outcome partly --expectations maybe
expect_refused 65 "closing in the future" review "$run" --close --reason x --outcome partly --expectations yes --on 2026-12-01
expect_refused 4 "closing with open tasks" review "$run" --close --reason 'Артём дома' --outcome goals-achieved --expectations yes
expect_stderr_contains "case $run still has open tasks: 1 (Беседа инспектора с Артёмом); 2 (Занятия с психологом)"
expect_stderr_contains '--force REASON'
run_ok review "$run" --task 1 --task 2 --status 'done' --note 'План выполнен'
expect_eq "both tasks done" "$(json_of plan "$run" | jq -r '[.tasks[].status] | join(" ")')" 'done done'
run_ok assess "$run" --domain safety=4 --domain parenting=3 --domain schooling=3
run review "$run" --close --reason 'Артём живёт дома, ходит в школу' --outcome goals-achieved --expectations yes \
  --expectations-note 'Сын дома, всё хорошо' -o json
expect_code 0
expect_stderr_empty
expect_eq "the closure record" \
  "$(jq -c '[.case_id, .closed_on, .reason, .outcome, .expectations_met, .expectations_note, .final_assessment, .forced_reason, .open_tasks_left]' "$OUT")" \
  "[\"$run\",\"2026-11-20\",\"Артём живёт дома, ходит в школу\",\"goals-achieved\",\"yes\",\"Сын дома, всё хорошо\",2,null,[]]"
expect_eq "each domain's change from the baseline to the latest assessment" "$(jq -c '.domain_changes' "$OUT")" \
  '[{"domain":"parenting","baseline":2,"final":3,"change":1},{"domain":"safety","baseline":2,"final":4,"change":2},{"domain":"schooling","baseline":3,"final":3,"change":0}]'
expect_eq "show: closed, with the date; no next review" "$(json_of show "$run" | jq -c '[.status, .closed, .next_review_on]')" \
  '["closed","2026-11-20",null]'
expect_eq "the close entry" "$(json_of log "$run" | jq -c '.[-1] | [.action, .changes.outcome, .changes.status]')" \
  '["close","goals-achieved",["active","closed"]]'
expect_eq "a closed case is not due" "$(due_rows --within 2w | grep -c "$run")" 0
expect_refused 4 "reviewing a closed case" review "$run" --note 'Ещё'
expect_stderr "casectl: error: case $run is closed; reopen it with 'casectl review $run --reopen --reason TEXT'"
expect_refused 4 "closing a closed case" review "$run" --close --reason x --outcome partly --expectations no
expect_stderr_contains '--reopen'
expect_refused 4 "closing a consultation" review "$consult" --close --reason x --outcome partly --expectations no
# Closing with open tasks, forced; with a single assessment, a note asks for a final reassessment.
run review "$pal" --close --reason 'Переведена в хоспис' --outcome transferred --expectations partly \
  --force 'Патронаж продолжит хоспис' --on 2026-11-19 -o json
expect_code 0
expect_stderr_contains 'has 1 assessment(s); a final reassessment'
expect_eq "a forced closure keeps the reason and the open tasks" "$(jq -c '[.closed_on, .outcome, .forced_reason, .open_tasks_left]' "$OUT")" \
  '["2026-11-19","transferred","Патронаж продолжит хоспис",["1 (Патронаж медсестры на дому)","2 (Оформить инвалидность)","3 (Консультация юриста по жилью)"]]'
expect_eq "a single assessment: change 0" "$(jq -c '[.domain_changes[].change]' "$OUT")" '[0,0,0]'
run review "$noplan" --close --reason 'Переехали' --outcome moved --expectations no
expect_code 0
expect_stdout "$noplan"

# --- reopening ----------------------------------------------------------------------------------
expect_refused 4 "reopening an open case" review "$fresh" --reopen --reason x
expect_stderr_contains 'is not closed'
before=$(store_state)
run review "$run" --reopen
expect_code_in "2 65"
expect_eq "reopening without a reason writes nothing" "$(store_state)" "$before"
run review "$run" --reopen --reason 'Артём снова ушёл из дома'
expect_code 0
expect_stdout "$run"
expect_stderr "casectl: case $run is back in work (active)"
expect_eq "reopened with an approved plan: active, no closed date" "$(json_of show "$run" | jq -c '[.status, .closed]')" '["active",null]'
run_ok review "$noplan" --reopen --reason 'Вернулись'
expect_eq "reopened with an assessment and no plan: assessment" "$(json_of show "$noplan" | jq -r .status)" assessment
run_ok --today 2026-11-01 intake --name 'Семья Нуровых' --district almaly
bare=$(<"$OUT")
run_ok review "$bare" --close --reason 'Отказ' --outcome disengaged --expectations no
run_ok review "$bare" --reopen --reason 'Обратились снова'
expect_eq "reopened without an assessment: intake" "$(json_of show "$bare" | jq -r .status)" intake
expect_eq "history is kept: close and reopen in the log, the closure marked reopened" \
  "$(json_of log "$run" | jq -r '[.[-2:][] | .action] | join(" ")') / $(store_sql \
    "SELECT outcome, reopened_on, reopen_reason FROM closures WHERE case_row = (SELECT id FROM cases WHERE case_id = '$run')")" \
  'close reopen / goals-achieved|2026-11-20|Артём снова ушёл из дома'
expect_eq "the earlier reviews and task updates are still there" \
  "$(store_sql "SELECT count(*) FROM reviews r JOIN cases c ON c.id = r.case_row WHERE c.case_id = '$run'")" 3
run_ok review "$run" --note 'Снова в работе'
expect_eq "a reopened case can be reviewed again" "$(json_of log "$run" | jq -r '.[-1].action')" review

# A case cannot be closed before it was opened (the closed date would come before the opened one).
expect_refused 65 "closing before the case was opened" review "$fresh" --close --reason 'Ошибка' --outcome moved \
  --expectations no --on 2026-11-18

# --- a review from a file, for scripting ----------------------------------------------------------
printf 'note = "Звонок: всё спокойно"\nnext = "2026-12-05"\nevents = ["job-found"]\n' > review.toml
run review "$fresh" --from review.toml
expect_code 0
expect_stdout "$fresh"
run show "$fresh" -o json
expect_eq "the file's next review date is the case's" "$(jq -r .next_review_on "$OUT")" 2026-12-05
printf '{"note": "x", "nxt": "2026-12-01"}' > typo.json
expect_refused 65 "an unknown key in a review file" review "$fresh" --from typo.json
expect_stderr_contains "'nxt' is not a review field (did you mean 'next'?)"
expect_refused 2 "--from with other fields" review "$fresh" --from review.toml --note x

# --- closings and reopenings leave every status as its spells of work say ------------------------
run check
expect_code 0
expect_stdout_contains "ok   case-status: "

finish
