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
expect_stdout_contains $'\t{}\tfalse'

# --- household members: added after the others, checked as at intake ----------------------------
run edit "$anna" --add-member 'Семёнов Илья;сын;03.05.2015' -o json
expect_code 0
expect_eq "a member added after the household" "$(jq -c '.changes.members[1]' "$OUT")" \
  '[{"name":"Семёнов Илья","role":"сын","birth_date":"2015-05-03"}]'
expect_refused 65 "a member born on a day that does not exist" edit "$anna" --add-member 'Семёнова Ева;дочь;31.02.2019'
expect_stderr_contains "member 2 birth date: '31.02.2019' is not a real date"

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
