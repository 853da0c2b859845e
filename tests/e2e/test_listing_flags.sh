#!/usr/bin/env bash
# What every listing takes: --fields, --no-headers, and --sort, --limit N, --all on listings that
# had none (log, due, staff list, plan tasks, the reports, config show, check); nested values in
# TSV as text, not JSON.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# What a refused command must leave as it was (expect_refused).
store_state() { store_sql "SELECT count(*) FROM journal; SELECT * FROM cases ORDER BY case_id;"; }

cat > casectl.toml <<'EOF'
[districts]
auezov = "Ауэзовский"
almaly = "Алмалинский"
[staff.aseitova]
name = "Асеитова Гульнар"
capacity = 25
districts = ["auezov", "almaly"]
[staff.kim]
name = "Ким Виктория"
role = "psychologist"
capacity = 10
EOF
run_ok init
new_case a --name "Семья Сапаровых" --district auezov --urgency urgent --phone "+7 701 555 12 34" --address "ул. Абая, 1"
new_case b --name "Ахметов Ерлан" --kind person --district almaly --opened 2026-11-01
new_case c --name "Семья Ким" --district auezov --urgency emergency --opened 2026-11-10
run_ok assign "$a" --manager aseitova --team kim:psychologist
run_ok assign "$b" --manager aseitova
run_ok edit "$a" --urgency routine

# --- --limit, --all, --sort where there were none ------------------------------------------------
run log "$a" --limit 1
expect_code 0
expect_eq "log --limit 1: the header and the first entry" "$(cut -f3 "$OUT")" $'action\nintake'
run log "$a" --sort -action --limit 2 --fields action --no-headers
expect_code 0
expect_stdout $'team-add\nintake'
run log "$a" --sort effective_on,action --limit 1 --fields action --no-headers
expect_code 0
expect_stdout "assign"
run log "$a" --all --fields action --no-headers
expect_code 0
expect_eq "log --all: every entry" "$(wc -l < "$OUT")" "4"
run staff list --sort -capacity --fields login,capacity
expect_code 0
expect_stdout $'login\tcapacity\naseitova\t25\nkim\t10'
run staff list --sort name --fields login --no-headers
expect_code 0
expect_stdout $'aseitova\nkim'
run due --limit 1 --fields case_id -o json
expect_code 0
expect_eq "due --limit 1 -o json: one item with the one field" "$(jq -c 'map(keys)' "$OUT")" '[["case_id"]]'
run config show --sort key --limit 2 --fields key --no-headers
expect_code 0
expect_eq "config show sorted by key" "$(cat "$OUT")" "$(LC_ALL=C sort <<< "$("$CASECTL" config show --fields key --no-headers)" | head -2)"
run report caseload --period 2026 --by district --fields value,opened --sort -opened
expect_code 0
expect_eq "report rows sorted by a figure, highest first" "$(sed -n 2p "$OUT" | cut -f2)" "2"
run check --fields check --limit 1 --no-headers
expect_code 0
expect_eq "check --limit 1: one check" "$(wc -l < "$OUT")" "1"

# --- --fields --------------------------------------------------------------------------------
run list --fields case_id,urgency --sort case_id
expect_code 0
expect_stdout "$(printf 'case_id\turgency\n%s\troutine\n%s\troutine\n%s\temergency' "$a" "$b" "$c")"
run list --fields urgency,case_id -o csv --limit 1
expect_code 0
expect_stdout "$(printf 'urgency,case_id\r\nroutine,%s\r' "$a")"
run list -o json --fields case_id,district --limit 1
expect_code 0
expect_eq "list -o json --fields keeps only those keys, in that order" "$(jq -c '.[0] | keys_unsorted' "$OUT")" '["case_id","district"]'
run list -o ndjson --fields name
expect_code 0
expect_eq "ndjson --fields" "$(jq -c 'keys' "$OUT" | sort -u)" '["name"]'
run list --fields case_id,urgency_label --limit 1 --no-headers
expect_code 0
expect_stdout "$a	Планово"
# TSV and CSV build no labels unless --fields (or a template) asks for one: find too.
run find Ким -o csv --fields case_id,district,district_label --no-headers
expect_code 0
expect_stdout "$(printf '%s,auezov,Ауэзовский\r' "$c")"
run find Ким -o tsv --no-headers
expect_code 0
expect_stdout_contains "	auezov	"
run show "$a" --fields case_id,phone -o json
expect_code 0
expect_eq "show --fields keeps the card's chosen fields" "$(jq -c . "$OUT")" "{\"case_id\":\"$a\",\"phone\":\"+7 701 555 12 34\"}"
run list --fields case_id,phon
expect_code 2
expect_stderr_contains "--fields: this listing has no field 'phon'"
expect_stderr_contains "its fields: case_id, status"
run staff list --sort capcity
expect_code 2
expect_stderr_contains "--sort: this listing has no field 'capcity' (did you mean 'capacity'?)"
run list --fields case_id --template cases
expect_code 2
expect_stderr_contains "a --template chooses its own fields"
run list --fields ,
expect_code 2
expect_stderr_contains "--fields: name at least one field"

# --- bad --limit values: exit 2 everywhere -----------------------------------------------------
for command in "list" "log $a" "due" "staff list" "plan tasks" "caseload" "find Семья" "config show"; do
  # shellcheck disable=SC2086 # the command's words
  for bad in 0 -1 -2 abc; do
    run $command --limit "$bad"
    expect_code 2
  done
  # shellcheck disable=SC2086
  run $command --limit 1 --all
  expect_code 2
  expect_stderr_contains "--limit and --all are alternatives"
done

# --- find: --all undoes its default limit of 50 ------------------------------------------------
{
  echo "name,district"
  for i in $(seq 1 55); do echo "Семёнова $i,auezov"; done
} > many.csv
run_ok intake --from many.csv --on-duplicate allow
run find Семёнова --no-headers
expect_code 0
expect_eq "find shows 50 by default" "$(wc -l < "$OUT")" "50"
expect_stderr_contains "the first 50 matches shown"
run find Семёнова --all --no-headers
expect_code 0
expect_eq "find --all shows every match" "$(wc -l < "$OUT")" "55"
expect_stderr_empty
run find Семёнова --sort -case_id --limit 2 --fields case_id --no-headers
expect_code 0
expect_eq "find --sort -case_id: the highest ids first" "$(cat "$OUT")" "$("$CASECTL" list --sort -case_id --limit 2 --fields case_id --no-headers)"
expect_stderr_contains "the first 2 matches shown, by -case_id"
run find Семёнова --sort nam
expect_code 2
expect_stderr_contains "--sort: cannot sort matches by 'nam' (did you mean 'name'?)"
run find Семёнова --sort -rank
expect_code 2

# --- --by none: one total row on every report with groupings ---------------------------------------
for report in "caseload --period 2026" "services --period 2026" "overdue"; do
  # shellcheck disable=SC2086 # the report and its period
  run report $report --by none -o json
  expect_code 0
  expect_eq "report $report --by none: one row" "$(jq length "$OUT")" "1"
done
run report outcomes --period 2026 --by none -o json
expect_code 0
expect_eq "report outcomes --by none: one group, all cases" "$(jq -c '[.[].group_label] | unique' "$OUT")" '["Все случаи"]'

# --- nested values in TSV: text, not JSON -------------------------------------------------------
run caseload --fields login,by_district --no-headers --sort login
expect_code 0
expect_stdout_contains "aseitova	almaly=1, auezov=1"
expect_stdout_lacks "{"
run assign "$a" --dry-run --no-headers -o tsv
expect_code 0
expect_stdout_contains "login=kim, name=Ким Виктория, role=psychologist"
expect_stdout_lacks "{"

# --- commands that change the store take no --fields, --sort or --limit: refused before any write --
expect_refused 2 "edit with --fields" edit "$b" --phone "+7 700 000 00 00" --fields ,
expect_refused 2 "assign with --fields" assign "$c" --manager kim --fields case_id
expect_refused 2 "reassign with --limit" reassign --from aseitova --to kim --yes --limit 1
expect_refused 2 "check --repair with a misspelt --fields" check --repair --fields chek
expect_stderr_contains "--fields: this listing has no field 'chek' (did you mean 'check'?)"
run show "$a" --fields ,
expect_code 2
expect_stderr_contains "--fields: name at least one field"

# --- reports: --sort and --limit reach a template's rows too -------------------------------------------
printf '{{#rows}}{{value}}={{opened}} {{/rows}}({{count}})\n' > rows.mustache
run report caseload --period 2026 --by district --template ./rows.mustache --sort -opened --limit 1
expect_code 0
expect_stdout "auezov=57 (1)" # a, c and the 55 of many.csv
printf '{{#figures}}{{figure}} {{/figures}}({{count}})\n' > figures.mustache
run report kpi --period 2026-11 --template ./figures.mustache --limit 2
expect_code 0
expect_eq "report kpi --template --limit 2: two figures" "$(grep -o '(2)' "$OUT")" "(2)"
run report caseload --period 2026 --by district --template ./rows.mustache --sort zzz
expect_code 2
expect_stderr_contains "--sort: this listing has no field 'zzz'"

finish
