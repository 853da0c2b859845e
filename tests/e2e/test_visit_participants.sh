#!/usr/bin/env bash
# A joint visit: `assess --participant LOGIN` names who of the case's team came (the case manager,
# the supervisor, a member of the team), in the record, the journal and the assessment document;
# anyone else, or participants of an assessment without a visit, is refused with nothing written.
. "$(dirname "$0")/lib.sh"
export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml CASECTL_TODAY=2026-11-20
store_state() { store_sql "SELECT count(*) FROM assessments; SELECT count(*) FROM journal;"; }

new_case id --name 'Семья Тарасовых' --district almaly --opened 2026-11-02
run_ok assign "$id" --manager aseitova --team nurlanov --team kim:psychologist

expect_refused 65 "someone not on the team" assess "$id" --visit 2026-11-03 --domain housing=2 --participant sergeev
expect_stderr_contains "participant: 'sergeev' is not on the team of $id (the team: aseitova, kim, nurlanov); 'casectl assign $id --team sergeev' adds them"
expect_refused 65 "participants of an interview" assess "$id" --method interview --domain housing=2 --participant nurlanov
expect_stderr_contains "participant: goes with a visit (--visit DATE)"

run_ok assess "$id" --visit 2026-11-03 --domain housing=2 --participant nurlanov --participant kim --participant nurlanov
run_ok assess "$id" --show -o json
expect_eq "who came, each once, in the order given" "$(jq -c .participants "$OUT")" '["nurlanov","kim"]'
run_ok log "$id" -o json
expect_eq "the journal keeps them" "$(jq -c '[.[] | select(.action == "assess")][0].changes.participants' "$OUT")" \
  '["nurlanov","kim"]'
run_ok assess "$id" --show --template assessment
expect_stdout_contains "Посещение на дому: 03.11.2026; участники: Нурланов Дәурен Серікұлы, Ким Виктория Андреевна"

# The same from a file; an assessment without participants has none.
printf 'visit_on = "2026-11-10"\nparticipants = ["aseitova"]\n\n[scores]\nhousing = 3\n' >"$TEST_DIR/visit.toml"
run_ok assess "$id" --from "$TEST_DIR/visit.toml"
run_ok assess "$id" --show -o json
expect_eq "a file names them too" "$(jq -c .participants "$OUT")" '["aseitova"]'
printf 'visit_on = "2026-11-11"\nparticipants = ["ivanov"]\n\n[scores]\nhousing = 3\n' >"$TEST_DIR/visit.toml"
expect_refused 65 "a file naming someone not on the team" assess "$id" --from "$TEST_DIR/visit.toml"
expect_stderr_contains "'ivanov' is not on the team"
run_ok assess "$id" --domain housing=4 --method interview
run_ok assess "$id" --show -o json
expect_eq "no visit, nobody named" "$(jq -c .participants "$OUT")" '[]'

finish
