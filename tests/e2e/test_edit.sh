#!/usr/bin/env bash
# `casectl edit CASE`: a case's own fields corrected after intake, each change journaled as
# {"field": [old, new]}; the checks of intake; --dry-run; a closed case refused; an urgency an
# assessment raised lowered only with a reason; new details that look like another family follow
# --on-duplicate; the day a change holds from (--on) dates the history the reports read.
# shellcheck source=lib.sh disable=SC2154
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
run_ok init
new_case anna --name 'Семёнова Анна' --district almaly --phone '+7 701 123 45 67' --group large-family --problem 'долги'
new_case boris --name 'Борисов Борис' --district auezov --phone '+7 702 000 00 00' --opened 2026-11-01

# What a refusal must leave as it was: the cases as `show` gives them, and the journal.
store_state() {
  "$CASECTL" show "$anna" -o json
  "$CASECTL" show "$boris" -o json
  store_sql "SELECT count(*) FROM journal"
}

# --- fields changed, journaled, shown ---------------------------------------------------------
run edit "$anna" --address 'ул. Абая, 1' --urgency urgent --group=-large-family --group low-income \
  --problem '+нет работы' -o json
expect_code 0
expect_eq "the changes, as {field: [old, new]}" "$(jq -c '.changes | {address, urgency, groups, problems}' "$OUT")" \
  '{"address":[null,"ул. Абая, 1"],"urgency":["routine","urgent"],"groups":[["large-family"],["low-income"]],"problems":[["долги"],["долги","нет работы"]]}'
expect_eq "the new first-response deadline follows the urgency" "$(jq -c '.changes.response_due' "$OUT")" \
  '["2026-11-30T00:00:00Z","2026-11-23T00:00:00Z"]'
expect_stderr_contains "casectl: edited case $anna: address: null → ул. Абая, 1; urgency: routine → urgent"
run show "$anna" -o json
expect_eq "show has the new values" "$(jq -c '[.address, .urgency, .groups, .problems]' "$OUT")" \
  '["ул. Абая, 1","urgent",["low-income"],["долги","нет работы"]]'
run log "$anna" -o json
expect_eq "one journal row, action edit, with the changes" "$(jq -c '.[-1] | [.action, .changes.urgency, .actor]' "$OUT")" \
  '["edit",["routine","urgent"],"tester"]'
run edit "$anna" --name 'Семёнова-Ким Анна'
expect_code 0
run find Ким
expect_stdout_contains "$anna"
run edit "$anna" --address ''
expect_code 0
run show "$anna" -o json
expect_eq "'' clears a field" "$(jq -c .address "$OUT")" null
run edit "$anna" --urgency urgent
expect_code 0
expect_stderr "casectl: case $anna unchanged: it already has what was given"
expect_stdout "$(printf 'case_id\tsummary\tchanges\tdry_run\n%s\t\t\tfalse' "$anna")" # no changes: an empty cell

# --- household members: added after the others, checked as at intake ----------------------------
run edit "$anna" --add-member 'Семёнов Илья;сын;03.05.2015' -o json
expect_code 0
expect_eq "a member added after the household, numbered" "$(jq -c '.changes.members[1]' "$OUT")" \
  '[{"number":1,"name":"Семёнов Илья","role":"сын","birth_date":"2015-05-03","relationship":"son","national_id":null,"lives_elsewhere":null}]'
expect_refused 65 "a member born on a day that does not exist" edit "$anna" --add-member 'Семёнова Ева;дочь;31.02.2019'
expect_stderr_contains "member 2 birth date: '31.02.2019' is not a real date"

# --- household members by their numbers: edited, taken out (kept), never renumbered ------------
new_case vera --name 'Веренко Вера' --opened 2026-11-01 --member 'Веренко Вера;мать;12.04.1988' \
  --member 'Веренко Илья;сын;03.05.2015' --member 'Веренко Ева;дочь;01.02.2019'
vera_state() {
  "$CASECTL" show "$vera" -o json
  store_sql "SELECT count(*) FROM journal"
}
expect_refused_vera() {
  local code=$1 what=$2 before
  shift 2
  before=$(vera_state)
  run "$@"
  expect_code "$code"
  expect_stdout ''
  expect_eq "$what: nothing written" "$(vera_state)" "$before"
}
run show "$vera" -o json
expect_eq "show numbers the members from 1" "$(jq -c '[.members[] | [.number, .name]]' "$OUT")" \
  '[[1,"Веренко Вера"],[2,"Веренко Илья"],[3,"Веренко Ева"]]'
expect_refused_vera 2 "taking a member out without a reason" edit "$vera" --remove-member 2
expect_stderr_contains "--remove-member needs --reason TEXT"
run edit "$vera" --remove-member 2 --reason 'Живёт у тёти' --on 2026-11-10 -o json
expect_code 0
expect_eq "the summary names the member by number, not by name" "$(jq -r .summary "$OUT")" "member 2 removed"
expect_stderr "casectl: edited case $vera: member 2 removed"
run show "$vera" -o json
expect_eq "the others keep their numbers; the one taken out is kept, dated, with the reason" \
  "$(jq -c '[[.members[] | .number], [.removed_members[] | [.number, .name, .role, .birth_date, .removed_on, .reason]]]' "$OUT")" \
  '[[1,3],[[2,"Веренко Илья","сын","2015-05-03","2026-11-10","Живёт у тёти"]]]'
run log "$vera" -o json
expect_eq "the journal keeps the household before and after, and the reason" \
  "$(jq -c '.[-1] | [.action, [.changes.members[0][] | .number], [.changes.members[1][] | .number], .changes.reason, .effective_on]' "$OUT")" \
  '["edit",[1,2,3],[1,3],"Живёт у тёти","2026-11-10"]'
run_ok edit "$vera" --add-member 'Веренко Пётр;сын'
run show "$vera" -o json
expect_eq "a new member never takes a removed member's number" "$(jq -c '[.members[] | [.number, .name]]' "$OUT")" \
  '[[1,"Веренко Вера"],[3,"Веренко Ева"],[4,"Веренко Пётр"]]'
run edit "$vera" --edit-member '3;;-;15.03.2019' --edit-member '4;Веренко Пётр Ильич' -o json
expect_code 0
expect_eq "an empty part stays, '-' clears" "$(jq -c '.changes.members[1][1:]' "$OUT")" \
  '[{"number":3,"name":"Веренко Ева","role":null,"birth_date":"2019-03-15","relationship":null,"national_id":null,"lives_elsewhere":null},{"number":4,"name":"Веренко Пётр Ильич","role":"сын","birth_date":null,"relationship":"son","national_id":null,"lives_elsewhere":null}]'
expect_eq "both edits in one summary" "$(jq -r .summary "$OUT")" "member 3 changed; member 4 changed"
run find 'Пётр Ильич'
expect_stdout_contains "$vera"
expect_refused_vera 65 "editing a member taken out" edit "$vera" --edit-member '2;Илья'
expect_stderr_contains "--edit-member: member 2 was taken out of the household on 2026-11-10 (Живёт у тёти); its members now: 1, 3, 4"
expect_refused_vera 65 "a number the case never had" edit "$vera" --remove-member 9 --reason x
expect_stderr_contains "--remove-member: the case has no member 9; its members: 1, 3, 4"
expect_refused_vera 65 "not a number" edit "$vera" --remove-member 'Ева' --reason x
expect_stderr_contains "--remove-member: 'Ева' is not a member's number; give the number 'casectl show' gives the member"
expect_refused_vera 65 "an edit with no change in it" edit "$vera" --edit-member 3
expect_stderr_contains "--edit-member: '3' has 1 part(s); write N;NAME;ROLE;BIRTHDATE"
expect_refused_vera 65 "an edited birth date checked as at intake, named by the member's number" \
  edit "$vera" --edit-member '4;;;31.02.2019'
expect_stderr_contains "member 4 birth date: '31.02.2019' is not a real date"
expect_refused_vera 65 "one member both edited and taken out" edit "$vera" --edit-member '3;Ева' --remove-member 3 --reason x
expect_stderr_contains "--remove-member: member 3 is also edited; edit it or take it out, not both"
run show "$vera" --as-of 2026-11-09 -o json
expect_eq "show --as-of a day before the removal: the household as it was then" \
  "$(jq -c '[[.members[] | .number], .removed_members]' "$OUT")" '[[1,2,3],[]]'
run show "$vera" --redact -o json
expect_code 0
expect_stdout_lacks 'Илья'
expect_eq "--redact keeps the day a member was taken out, withholds the reason" \
  "$(jq -c '.removed_members[0] | [.number, .removed_on, .reason]' "$OUT")" '[2,"2026-11-10","[скрыто]"]'
run show "$vera" --template case
expect_code 0
expect_eq "the case card lists the members by number, the removed one with the day and reason" \
  "$(grep -E '^  [0-9]+\. ' "$OUT")" "$(printf '%s\n' '  1. Веренко Вера, мать, 12.04.1988 г. р.' \
    '  3. Веренко Ева, 15.03.2019 г. р.' '  4. Веренко Пётр Ильич, сын' \
    '  2. Веренко Илья, сын — выбыл(а) 10.11.2026: Живёт у тёти')"

# --- dry run ----------------------------------------------------------------------------------
before=$(store_state)
run edit "$anna" --note 'Звонить после 18:00' --dry-run -o json
expect_code 0
expect_stderr "casectl: dry run, nothing written: case $anna would change: note: null → Звонить после 18:00"
expect_eq "the dry run shows the change" "$(jq -c '[.changes.note, .dry_run]' "$OUT")" '[[null,"Звонить после 18:00"],true]'
expect_eq "the dry run wrote nothing" "$(store_state)" "$before"

# --- refusals: nothing written ----------------------------------------------------------------
expect_refused 2 "nothing to change" edit "$anna"
expect_stderr_contains "give what to change"
expect_refused 3 "an unknown case" edit 2026-99999 --note x
expect_refused 65 "an unknown district" edit "$anna" --district 'Алмалы'
expect_stderr_contains "district: unknown district"
expect_refused 65 "a group the case does not have" edit "$anna" --group=-disability
expect_stderr_contains "group: the case has no group 'disability' to take away (it has: low-income)"
expect_refused 65 "a problem the case does not have" edit "$anna" --problem=-нет
expect_stderr_contains "problem: the case has no problem 'нет' to take away (it has: 'долги', 'нет работы')"
expect_refused 65 "an empty name" edit "$anna" --name ' '
expect_refused 65 "a phone that is not one" edit "$anna" --phone 'звонить соседке'
expect_refused 65 "a day in the future" edit "$anna" --note x --on 2026-12-01
expect_stderr_contains "on: 2026-12-01 is in the future"
expect_refused 65 "every problem at once" edit "$anna" --urgency soon --consent maybe
expect_stderr_contains "urgency:"
expect_stderr_contains "consent: 'maybe' is neither yes nor no"
expect_refused 2 "an unknown duplicate policy" edit "$anna" --note x --on-duplicate ignore

# --- an urgency an assessment raised ----------------------------------------------------------
run_ok assess "$anna" --domain housing=1 --immediate-danger
expect_refused 4 "lowering an assessment's urgency without a reason" edit "$anna" --urgency urgent
expect_stderr_contains "was raised by an assessment: immediate danger found at assessment 1; to lower it to urgent, say why with --reason TEXT"
run edit "$anna" --urgency urgent --reason 'Дети у бабушки, опасности нет' -o json
expect_code 0
run log "$anna" -o json
expect_eq "the reason is journaled with the change" "$(jq -c '.[-1].changes | [.urgency, .reason]' "$OUT")" \
  '[["emergency","urgent"],"Дети у бабушки, опасности нет"]'

# --- new details that look like another family ------------------------------------------------
expect_refused 4 "a phone another open case has" edit "$boris" --phone '+7 701 123 45 67'
expect_stderr_contains "looks like $anna (same phone +7 701 123 45 67)"
run edit "$boris" --phone '+7 701 123 45 67' --on-duplicate skip
expect_code 0
expect_stderr_contains "casectl: skipped: with these details case $boris looks like $anna; nothing was changed"
run edit "$boris" --phone '+7 701 123 45 67' --on-duplicate link -o json
expect_code 0
run log "$boris" -o json
expect_eq "the link is journaled" "$(jq -c '.[-1].changes.possible_duplicates' "$OUT")" \
  "[{\"case_id\":\"$anna\",\"reason\":\"same phone +7 701 123 45 67\"}]"

# --- the day a change holds from dates its history --------------------------------------------
# (Its phone is still like the first case's, linked above: a likeness already decided is not asked again.)
run_ok edit "$boris" --district turksib --on 2026-11-10
expect_eq "the history the reports read says Auezov until that day" \
  "$(store_sql "SELECT h.attribute || ' ' || h.value || ' ' || h.until_on FROM case_history h JOIN cases c ON c.id = h.case_row WHERE c.case_id = '$boris'")" \
  "district auezov 2026-11-10"
run list --district turksib -o tsv --no-headers
expect_stdout_contains "$boris"
run log "$boris" -o json
expect_eq "the journal dates the change by --on" "$(jq -r '.[-1].effective_on' "$OUT")" 2026-11-10

# --- --redact: what an edit prints can leave the team -----------------------------------------
run edit "$anna" --address 'ул. Сатпаева, 5' --redact -o json
expect_code 0
expect_stdout_lacks 'Сатпаева'
expect_stdout_lacks 'Семёнова'
expect_eq "the summary names the field, the value withheld" "$(jq -r .summary "$OUT")" "address: null → [адрес скрыт]"

# --- a closed case ----------------------------------------------------------------------------
run_ok review "$boris" --close --reason 'Переехали' --outcome moved --expectations no
expect_refused 4 "a closed case" edit "$boris" --note x
expect_stderr_contains "case $boris is closed; reopen it with 'casectl review $boris --reopen --reason TEXT' to edit it"
finish
