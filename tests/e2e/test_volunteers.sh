#!/usr/bin/env bash
# Volunteer and NGO coordinators (seed 001, small territories): staff of kind "volunteer", from the
# config or the store, who sit on teams and take tasks but lead no case unless
# assign.volunteers_manage allows it; assign --auto never chooses one.
. "$(dirname "$0")/lib.sh"
export CASECTL_TODAY=2026-11-20
cat >"$TEST_DIR/config.toml" <<'TOML'
[staff.lebedeva]
name = "Лебедева Ирина"
role = "case-manager"
capacity = 20

[staff.bolat]
name = "Болат Ержанов"
role = "volunteer-coordinator"
kind = "volunteer"
capacity = 5
TOML
export CASECTL_CONFIG=$TEST_DIR/config.toml
store_state() { store_sql "SELECT count(*) FROM journal; SELECT coalesce(max(case_manager), '-') FROM cases; SELECT count(*) FROM staff;"; }
run_ok init

run_ok staff add kuznetsova --name 'Кузнецова Валентина' --kind волонтёр --role volunteer-coordinator
run_ok staff list -o json
expect_eq "the kinds, from the config and the store" "$(jq -c '[.[] | [.login, .kind, .source]]' "$OUT")" \
  '[["lebedeva","staff","config"],["bolat","volunteer","config"],["kuznetsova","volunteer","store"]]'
expect_refused 65 "an unknown kind" staff add petrov --kind voluntere
expect_stderr_contains "kind: 'voluntere' is not a kind of staff; use staff or volunteer (a volunteer or NGO coordinator) (did you mean 'volunteer'?)"

new_case fam --name 'Ершова Анна' --kind person --member 'Ершова Анна;;11.04.1938'
expect_refused 4 "a volunteer as case manager" assign "$fam" --manager bolat
expect_stderr_contains "bolat is a volunteer coordinator: volunteers refer families, sit on teams and take tasks, but lead no case (assign.volunteers_manage is false)"
expect_refused 4 "a store volunteer as supervisor" assign "$fam" --supervisor kuznetsova
expect_stderr_contains "kuznetsova is a volunteer coordinator"
run_ok assign "$fam" --auto
expect_stderr_contains "chose lebedeva"
run_ok assign "$fam" --team bolat --team kuznetsova
run_ok show "$fam" -o json
expect_eq "volunteers on the team" "$(jq -c '[.case_manager, [.team[].login]]' "$OUT")" '["lebedeva",["bolat","kuznetsova"]]'
expect_refused 4 "reassign to a volunteer" reassign --from lebedeva --to bolat --yes
expect_stderr_contains "bolat is a volunteer coordinator"

# The region allows it: a volunteer may lead a case.
CASECTL_ASSIGN_VOLUNTEERS_MANAGE=true run_ok assign "$fam" --manager kuznetsova
run_ok show "$fam" -o json
expect_eq "a volunteer leads the case where the region allows it" "$(jq -r .case_manager "$OUT")" kuznetsova
printf '[assign]\nvolunteers_manage = "maybe"\n' >"$TEST_DIR/maybe.toml"
CASECTL_CONFIG=$TEST_DIR/maybe.toml run config show
expect_code 78
expect_stderr_contains "assign.volunteers_manage = 'maybe'"

# A config kind that is neither.
printf '[staff.x]\nkind = "boss"\n' >"$TEST_DIR/bad.toml"
CASECTL_CONFIG=$TEST_DIR/bad.toml run config show
expect_code 78
expect_stderr_contains 'staff.x.kind must be "staff" or "volunteer"'

# staff set changes the kind, journaled.
run_ok staff set kuznetsova --kind staff
run_ok staff list -o json
expect_eq "the kind changed" "$(jq -r '.[] | select(.login == "kuznetsova") | .kind' "$OUT")" staff

finish
