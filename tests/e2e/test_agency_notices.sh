#!/usr/bin/env bash
# Step 6 of the Sarmanovo mechanism, "inform the agencies of the results": `plan CASE inform
# --agency X` records that an agency was told of the tasks the approved plan gives it; `show` lists
# which agencies of the plan were told and when; `due` lists those not told within
# plan.inform_within (3 days by default) of the plan's meeting. A new revision is told again; a
# plan approved before the store could record it (schema 19) is not followed.
. "$(dirname "$0")/lib.sh"
export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml CASECTL_TODAY=2026-11-20
store_state() { store_sql "SELECT count(*) FROM agency_notices; SELECT count(*) FROM journal;"; }
# not_informed [DUE-ARGS...]: "AGENCY DUE KIND" of each agency `due` lists, one a line.
not_informed() {
  run_ok due -o json "$@"
  jq -r '.[] | select(.kind | startswith("agency-")) | "\(.agency) \(.due) \(.kind)"' "$OUT"
}

new_case id --name 'Семья Тарасовых' --district almaly --opened 2026-11-02
run_ok assign "$id" --manager aseitova
run_ok assess "$id" --date 2026-11-03 --method home-visit --visit 2026-11-03 --domain housing=2 --domain schooling=2
run_ok plan "$id" add-goal --domain housing --target 4 --description "Жильё в порядке"
run_ok plan "$id" add-task --goal 1 --priority high --offset 5 --what "Справка из школы" --agency school
run_ok plan "$id" add-task --goal 1 --priority high --offset 5 --what "Акт обследования" --agency guardianship
run_ok plan "$id" add-task --goal 1 --priority normal --offset 9 --what "Временная опека" --agency guardianship
expect_refused 4 "a draft plan: nothing to tell the agencies yet" plan "$id" inform --agency school
expect_stderr_contains "has no approved plan"
run_ok plan "$id" approve --meeting 2026-11-10 --participants "Асеитова Г.М., Жұмабаева Ә.Қ."

# --- due: each agency of the plan once, three days after the meeting ---------------------------------
expect_eq "both agencies are overdue, each once however many tasks it has" "$(not_informed)" \
  "guardianship 2026-11-13 agency-not-informed
school 2026-11-13 agency-not-informed"
run_ok due -o table
expect_stdout_contains "Ведомство не проинформировано"
expect_stdout_contains "сообщить ведомству о задачах плана"
expect_eq "due --agency narrows them" "$(not_informed --agency school)" "school 2026-11-13 agency-not-informed"
expect_eq "another district's due has none" "$(not_informed --district turksib)" ""
expect_eq "before they fall due, --within shows them coming" \
  "$(CASECTL_TODAY=2026-11-11 not_informed --within 7d)" "guardianship 2026-11-13 agency-to-inform
school 2026-11-13 agency-to-inform"
expect_eq "... and plain due (overdue only) does not" "$(CASECTL_TODAY=2026-11-11 not_informed)" ""
expect_eq "plan.inform_within = 10d: not due yet" "$(CASECTL_PLAN_INFORM_WITHIN=10d not_informed)" ""
expect_eq "plan.inform_within = off: not followed" "$(CASECTL_PLAN_INFORM_WITHIN=off not_informed)" ""
CASECTL_PLAN_INFORM_WITHIN=soon run due
expect_code 78
expect_stderr_contains "plan.inform_within"

# --- told ------------------------------------------------------------------------------------------
run plan "$id" inform --agency guardianship --on 2026-11-11 --how meeting
expect_code 0
expect_stdout "$id"
expect_stderr_contains "guardianship told of the tasks of revision 1 on 2026-11-11"
run_ok plan "$id" inform --agency 'Школа-гимназия № 12' --on 12.11.2026 # by its label, the default way: a letter
expect_eq "nobody is left to tell" "$(not_informed)" ""
run_ok show "$id" -o json
expect_eq "show lists the plan's agencies, told when and how" \
  "$(jq -c '[.agencies_informed[] | [.agency, .informed_on, .how, .notices]]' "$OUT")" \
  '[["guardianship","2026-11-11","meeting",1],["school","2026-11-12","letter",1]]'
expect_eq "... with labels" "$(jq -r '.agencies_informed[0] | "\(.agency_label) / \(.how_label)"' "$OUT")" \
  "Отдел опеки и попечительства / На встрече"
run_ok show "$id" --as-of 2026-11-11 -o json
expect_eq "show --as-of: what was told by that day" "$(jq -c '[.agencies_informed[] | [.agency, .informed_on]]' "$OUT")" \
  '[["guardianship","2026-11-11"],["school",null]]'
run_ok show "$id" --as-of 2026-11-09 -o json
expect_eq "show --as-of before the meeting: no approved plan, no agencies" "$(jq -c '.agencies_informed' "$OUT")" '[]'
run_ok log "$id"
expect_stdout_contains "guardianship told of plan revision 1 (meeting)"
run_ok plan "$id" inform --agency school --on 2026-11-19 --how phone # told again: both kept
run_ok show "$id" -o json
expect_eq "a second notice: the latest shown, both counted" \
  "$(jq -c '.agencies_informed[1] | [.informed_on, .how, .notices]' "$OUT")" '["2026-11-19","phone",2]'

# --- refused, with nothing written ---------------------------------------------------------------------
expect_refused 65 "an unknown agency" plan "$id" inform --agency pollice
expect_stderr_contains "unknown agency 'pollice'"
expect_refused 65 "an agency the plan gives no task" plan "$id" inform --agency hospital
expect_stderr_contains "gives hospital no task; it gives tasks to: guardianship, school"
expect_refused 65 "a day before the meeting" plan "$id" inform --agency school --on 2026-11-09
expect_stderr_contains "before the meeting that approved the plan (2026-11-10)"
expect_refused 65 "a day in the future" plan "$id" inform --agency school --on 2026-12-01
expect_refused 65 "an unknown way" plan "$id" inform --agency school --how fax
expect_stderr_contains "unknown way 'fax'; known: letter, meeting, phone"
expect_refused 2 "no agency" plan "$id" inform
expect_refused 3 "no such case" plan 2026-99999 inform --agency school

# --- a new revision is told again ---------------------------------------------------------------------
run_ok plan "$id" revise --reason "Новая школа"
run_ok plan "$id" approve --meeting 2026-11-18 --participants "Асеитова Г.М."
expect_eq "the new revision's agencies fall due again" "$(CASECTL_TODAY=2026-11-22 not_informed)" \
  "guardianship 2026-11-21 agency-not-informed
school 2026-11-21 agency-not-informed"
run_ok show "$id" -o json
expect_eq "show speaks of the revision in force" "$(jq -c '[.agencies_informed[] | [.revision, .informed_on]]' "$OUT")" \
  '[[2,null],[2,null]]'

# --- the notice written and recorded at once: plan tasks --template agency-notice --record-notice -------
new_case other --name 'Семья Ким' --district almaly --opened 2026-11-02
run_ok assign "$other" --manager aseitova
run_ok assess "$other" --date 2026-11-03 --method home-visit --visit 2026-11-03 --domain schooling=2
run_ok plan "$other" add-goal --domain schooling --target 4 --description "Учёба"
run_ok plan "$other" add-task --goal 1 --offset 5 --what "Репетитор по математике" --agency school
run_ok plan "$other" approve --meeting 2026-11-19 --participants "Асеитова Г.М."
expect_refused 2 "--record-notice with no agency" plan tasks --record-notice
expect_stderr_contains "give exactly one --agency"
expect_refused 2 "--how without --record-notice" plan tasks --agency school --how meeting
expect_refused 2 "--record-notice with --limit (a notice names every case)" plan tasks --agency school --record-notice --limit 1
expect_stderr_contains "leave out --limit"
expect_refused 65 "a way misspelt: refused before the notice is written" plan tasks --agency school --record-notice --how leter
expect_stderr_contains "--how: unknown way 'leter'"
run_ok --today 2026-11-22 plan tasks --agency school --template agency-notice --record-notice
expect_stdout_contains "УВЕДОМЛЕНИЕ О ЗАДАЧАХ ПО ПЛАНАМ ПОМОЩИ СЕМЬЯМ"
expect_stdout_contains "$other Семья Ким"
expect_stdout_contains "Репетитор по математике"
expect_stderr_contains "recorded the notice to school for 2 cases: $id, $other"
expect_eq "the school is told of both cases, the guardianship still not" "$(CASECTL_TODAY=2026-11-23 not_informed)" \
  "guardianship 2026-11-21 agency-not-informed"
run_ok log "$other" -o json
expect_eq "journaled as plan-inform" "$(jq -r '.[-1].action' "$OUT")" plan-inform
run_ok --today 2026-11-22 plan tasks --agency guardianship --template agency-notice --lang en --record-notice --how meeting
expect_stdout_contains "NOTICE OF TASKS UNDER FAMILY HELP PLANS"
run_ok show "$id" -o json
expect_eq "told at a meeting" "$(jq -c '[.agencies_informed[] | select(.agency == "guardianship") | .how]' "$OUT")" '["meeting"]'

# --- a plan approved before the store recorded notices is not followed ----------------------------------
store_sql "UPDATE plans SET agencies_tracked = 0"
expect_eq "an upgraded store's plans are not listed" "$(CASECTL_TODAY=2026-11-22 not_informed)" ""

finish
