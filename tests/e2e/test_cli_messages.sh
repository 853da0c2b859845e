#!/usr/bin/env bash
# What the command line says when it is typed wrong: casectl's own words for every refusal of the
# parser (no raw CLI11 text), did-you-mean that counts two swapped letters as one slip (commands,
# options, values), --limit 1 or more everywhere, and the rule for bad values: exit 2 for a value
# that controls the command (format, sort, period, duration, limit, grouping), 65 for one that
# describes or selects cases (status, district, group, urgency...). docs/scripting.md states the rule.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
store_state() { store_sql "SELECT count(*) FROM cases; SELECT count(*) FROM journal;" 2>/dev/null; }

# refused_with CODE MESSAGE ARGS...: exits CODE, nothing on stdout, MESSAGE on stderr, no CLI11 text.
refused_with() {
  local code=$1 message=$2
  shift 2
  run "$@"
  expect_code "$code"
  expect_stdout ''
  expect_stderr_contains "casectl: error: $message"
  no_raw_cli11_text
}

# None of CLI11's own phrases reaches the user.
no_raw_cli11_text() {
  local phrase
  for phrase in 'A subcommand is required' 'required INT missing' 'required TEXT missing' 'Could not convert' \
    'The following argument' 'is required' 'excludes' 'requires at least' 'Requires at least' \
    'too many inputs for a flag' 'Should be true/false' 'is not an allowed value' 'Expected exactly' 'At least'; do
    expect_stderr_lacks "$phrase"
  done
}

run_ok init
new_case fam --name 'Семья Ахметовых' --district almaly --group large-family

# --- commands: a swapped pair of letters is one slip ------------------------------------------------
refused_with 2 "unknown command 'lsit' (did you mean 'list'?); 'casectl --help' lists the commands" lsit
refused_with 2 "unknown command 'fnid' (did you mean 'find'?)" fnid
refused_with 2 "unknown command 'shwo' (did you mean 'show'?)" shwo "$fam"
refused_with 2 "unknown command 'xyzzy'; 'casectl --help' lists the commands" xyzzy
refused_with 2 "'casectl staff' needs a command: list, add, set, remove" staff
expect_stderr_contains "see 'casectl staff --help'"
refused_with 2 "'casectl staff' needs a command: list, add, set, remove; 'lsit' is not one (did you mean 'list'?)" staff lsit
refused_with 2 "'casectl report' needs a command:" report
expect_stderr_contains 'kpi, caseload, outcomes, overdue, services'
refused_with 2 "'casectl report' needs a command: kpi, caseload, outcomes, overdue, services, cases; 'casleoad' is not one (did you mean 'caseload'?)" report casleoad

# --- options: compared without the dashes; a format asked for as an option points to -o ---------
refused_with 2 "unknown option '--jsn' for 'casectl list' (did you mean '-o json'?); see 'casectl list --help'" list --jsn
refused_with 2 "unknown option '--josn' for 'casectl list' (did you mean '-o json'?)" list --josn
refused_with 2 "unknown option '--json' for 'casectl show' (did you mean '-o json'?)" show "$fam" --json
refused_with 2 "unknown option '--limt' for 'casectl list' (did you mean '--limit'?)" list --limt 3
refused_with 2 "unknown option '--stauts' for 'casectl list' (did you mean '--status'?)" list --stauts open
refused_with 2 "unknown option '--sa' for 'casectl list' (did you mean '--as'?)" list --sa x
refused_with 2 "unknown option '--capactiy=3' for 'casectl staff add' (did you mean '--capacity'?)" staff add x --capactiy=3
refused_with 2 "unknown option '--frobnicate' for 'casectl list'; see 'casectl list --help'" list --frobnicate
refused_with 2 "unexpected argument 'extra' for 'casectl list'" list extra

# --- missing and wrong option values, in casectl's words ---------------------------------------------
refused_with 2 "--limit needs a whole number after it" list --limit
expect_stderr_contains "see 'casectl list --help'"
refused_with 2 "--sort needs a value after it" list --sort
refused_with 2 "'casectl show' needs CASE; see 'casectl show --help'" show
refused_with 2 "'casectl plan revise' needs --reason" plan "$fam" revise
refused_with 2 "--output and --template are alternatives; give one" show "$fam" --template case -o json
refused_with 2 "--open is a switch and takes no value" list --open=maybe

# --- --limit: a whole number of 1 or more, wherever it exists ---------------------------------------
for command in list find caseload; do
  args=("$command")
  [ "$command" = find ] && args+=(Ахметов)
  for bad in 0 -1 -2 abc 1.5; do
    refused_with 2 "--limit takes a whole number ≥ 1, not '$bad'" "${args[@]}" --limit "$bad"
    refused_with 2 "--limit takes a whole number ≥ 1, not '$bad'" "${args[@]}" "--limit=$bad"
  done
  refused_with 2 "--limit needs a whole number after it (an option's value goes after it, or after '=': --limit=VALUE)" \
    "${args[@]}" --limit=
  run_ok "${args[@]}" --limit 1
done

# --- values: did-you-mean with transpositions ---------------------------------------------------------
refused_with 65 "--status: 'opne' is not a status; for the cases in work (not closed, not consultations) give --open" \
  list --status opne
refused_with 65 "--status: 'open' is not a status; for the cases in work" list --status open
refused_with 65 "--status: unknown status 'actvie' (did you mean 'active'?)" list --status actvie
refused_with 65 "--urgency: unknown urgency 'urgnet' (did you mean 'urgent'?)" list --urgency urgnet
refused_with 65 "--district: unknown district 'almlay' (did you mean 'almaly'?)" list --district almlay
refused_with 2 "--sort: cannot sort by 'naem' (did you mean 'name'?)" list --sort naem
refused_with 2 "--output: unknown output format 'josn' (did you mean 'json'?)" list -o josn
refused_with 2 "--output: unknown output format 'tvs' (did you mean 'tsv'?)" list -o tvs
refused_with 2 "--by: cannot group by 'manger' (did you mean 'manager'?)" report overdue --by manger
refused_with 2 "--by: cannot group by 'nnoe' (did you mean 'none'?)" report caseload --period 2026-11 --by nnoe

# --- report caseload --by none: one total row, as outcomes and overdue ----------------------------
run_ok report caseload --period 2026-11 --by none -o json
expect_eq "caseload --by none: one row for all cases" "$(jq -c 'map([.by, .value, .label, .opened])' "$OUT")" \
  '[["none",null,"Все случаи",1]]'
run_ok report caseload --period 2026-11 --by none --lang en -o tsv
expect_stdout_contains 'All cases'
expect_eq "the total row is the sum of the district rows" \
  "$("$CASECTL" report caseload --period 2026-11 --by district -o json | jq '[.[].opened] | add')" 1

# --- the rule: 2 for a value that controls the command, 65 for one that selects cases ---------------
refused_with 2 "--period: '2026-Q5' is not a period" report kpi --period 2026-Q5
refused_with 2 "--within" due --within 3x
refused_with 2 "--compare" report kpi --period 2026-11 --compare lastyear
refused_with 2 "--output" list -o yaml
refused_with 2 "--from: 'someday' is not a date" report caseload --from someday
refused_with 65 "--group: unknown group 'lage-family' (did you mean 'large-family'?)" list --group lage-family
refused_with 65 "--district: unknown district 'nowhere'" due --district nowhere
refused_with 65 "--kind: unknown kind 'famliy' (did you mean 'family'?)" list --kind famliy
refused_with 65 "--since: 'someday' is not a date" list --since someday

finish
