#!/usr/bin/env bash
# Configuration layers and their precedence, config errors, help topics, command-line usage errors.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# value_of KEY / origin_of KEY: a column of the last `config show` (TSV) for KEY.
value_of() { awk -F'\t' -v key="$1" '$1 == key { print $2 }' "$OUT"; }
origin_of() { awk -F'\t' -v key="$1" '$1 == key { print $3 }' "$OUT"; }

# --- no config at all: built-in defaults -------------------------------------------------------
LAST_COMMAND="env -u CASECTL_DB -u CASECTL_USER -u CASECTL_TODAY casectl config show"
env -u CASECTL_DB -u CASECTL_USER -u CASECTL_TODAY USER=someone "$CASECTL" config show >"$OUT" 2>"$ERR"
CODE=$?
expect_code 0
expect_stderr_empty
expect_eq "config show: TSV header" "$(head -1 "$OUT")" $'key\tvalue\torigin'
expect_eq "every value comes from the defaults" "$(tail -n +2 "$OUT" | cut -f3 | grep -cv '^default')" 0
for key in store.path store.busy_timeout user today language case_id.format intake.kind intake.urgency \
  intake.source urgency.emergency urgency.urgent urgency.routine csv.guard_formulas; do
  expect_eq "config show lists $key" "$(awk -F'\t' -v key="$key" '$1 == key { n++ } END { print n + 0 }' "$OUT")" 1
done
expect_eq "the store defaults to \$XDG_DATA_HOME/casectl/cases.db" "$(value_of store.path)" "$XDG_DATA_HOME/casectl/cases.db"
expect_eq "busy timeout default" "$(value_of store.busy_timeout)" 5000
expect_eq "the user defaults to the login name" "$(value_of user)" someone
expect_eq "case id format default" "$(value_of case_id.format)" '{year}-{seq:05}'
expect_eq "urgency deadlines: emergency" "$(value_of urgency.emergency)" 1d
expect_eq "built-in target groups" "$(value_of groups.large-family)" 'Многодетная семья / Көп балалы отбасы / Large family'
expect_eq "keys are sorted" "$(tail -n +2 "$OUT" | cut -f1 | LC_ALL=C sort -c && echo sorted)" sorted
expect_true "config show creates no store" test ! -e "$XDG_DATA_HOME/casectl"

run config show
expect_code 0
expect_eq "CASECTL_DB shows as env" "$(origin_of store.path)" "env CASECTL_DB"
expect_eq "CASECTL_USER shows as env" "$(value_of user) / $(origin_of user)" "tester / env CASECTL_USER"
expect_eq "CASECTL_TODAY shows as env" "$(value_of today) / $(origin_of today)" "2026-11-20 / env CASECTL_TODAY"

# --- layers: user config < ./casectl.toml < --config < environment < flags ------------------
mkdir -p "$XDG_CONFIG_HOME/casectl"
cat >"$XDG_CONFIG_HOME/casectl/config.toml" <<'EOF'
# the coordinator's own settings
language = "en"
[store]
busy_timeout = 1500
path = "/from/user/config.db"
EOF
cat >casectl.toml <<EOF
# the team's settings

[store]
path = "$TEST_DIR/project/cases.db"
busy_timeout = 2500

[districts]
almaly = "Алмалы"
EOF
unset CASECTL_DB
run config show
expect_code 0
expect_eq "the user config is read" "$(value_of language) / $(origin_of language)" \
  "en / $XDG_CONFIG_HOME/casectl/config.toml:2"
expect_eq "./casectl.toml overrides the user config" "$(value_of store.busy_timeout) / $(origin_of store.busy_timeout)" \
  "2500 / casectl.toml:5"
expect_eq "./casectl.toml sets the store" "$(value_of store.path) / $(origin_of store.path)" \
  "$TEST_DIR/project/cases.db / casectl.toml:4"
expect_eq "a table item from ./casectl.toml, at its own line" "$(value_of districts.almaly) / $(origin_of districts.almaly)" \
  "Алмалы / casectl.toml:8"

run intake --name 'Проектная'
expect_code 0
expect_true "the store of ./casectl.toml is used" test -f "$TEST_DIR/project/cases.db"

export CASECTL_DB=$TEST_DIR/env/cases.db
run config show
expect_eq "CASECTL_DB overrides ./casectl.toml" "$(value_of store.path) / $(origin_of store.path)" \
  "$TEST_DIR/env/cases.db / env CASECTL_DB"
run intake --name 'Средовая'
expect_true "the store of CASECTL_DB is used" test -f "$TEST_DIR/env/cases.db"

run --db "$TEST_DIR/flag/cases.db" config show
expect_eq "--db overrides CASECTL_DB" "$(value_of store.path) / $(origin_of store.path)" \
  "$TEST_DIR/flag/cases.db / flag --db"
run intake --db "$TEST_DIR/flag/cases.db" --name 'Флаговая'
expect_code 0
expect_true "the store of --db is used" test -f "$TEST_DIR/flag/cases.db"
run list --no-headers
expect_eq "CASECTL_DB's store did not get the --db case" "$(cut -f5 "$OUT")" 'Средовая'

printf '[store]\nbusy_timeout = 3500\n' >"$TEST_DIR/explicit.toml"
run --config "$TEST_DIR/explicit.toml" config show
expect_eq "--config FILE overrides ./casectl.toml" "$(value_of store.busy_timeout) / $(origin_of store.busy_timeout)" \
  "3500 / $TEST_DIR/explicit.toml:2"
CASECTL_CONFIG=$TEST_DIR/explicit.toml run config show
expect_eq "CASECTL_CONFIG names the same file" "$(origin_of store.busy_timeout)" "$TEST_DIR/explicit.toml:2"
CASECTL_BUSY_TIMEOUT=4500 run --config "$TEST_DIR/explicit.toml" config show
expect_eq "CASECTL_BUSY_TIMEOUT overrides every file" "$(value_of store.busy_timeout) / $(origin_of store.busy_timeout)" \
  "4500 / env CASECTL_BUSY_TIMEOUT"
run --as anna --today 01.03.2026 config show
expect_eq "--as overrides CASECTL_USER" "$(value_of user) / $(origin_of user)" "anna / flag --as"
expect_eq "--today overrides CASECTL_TODAY, shown as ISO" "$(value_of today) / $(origin_of today)" "2026-03-01 / flag --today"

# Settings take effect: id format and deadlines from ./casectl.toml.
cat >casectl.toml <<'EOF'
case_id.format = "KZ-{year}-{seq:04}"
[urgency]
routine = "5d"
EOF
export CASECTL_DB=$TEST_DIR/formatted/cases.db
run intake --name 'Форматная'
expect_code 0
expect_stdout "KZ-2026-0001"
run show KZ-2026-0001 -o json
expect_eq "urgency.routine = 5d sets the deadline" "$(jq -r .response_due "$OUT")" 2026-11-25T00:00:00Z
rm casectl.toml "$XDG_CONFIG_HOME/casectl/config.toml"

# --- configuration errors: exit 78, naming the file and line -----------------------------------
export CASECTL_DB=$TEST_DIR/errors/cases.db
printf '# comment\nlanguage = "ru"\nuser = "unterminated\n' >casectl.toml
run config show
expect_code 78
expect_stdout ""
expect_stderr_contains "casectl: error: casectl.toml:3"
expect_stderr_contains "TOML"
run list
expect_code 78
expect_stderr_contains "casectl.toml:3"
run intake --name 'Тест'
expect_code 78
expect_true "a config error creates no store" test ! -e "$CASECTL_DB"
run help exit-codes
expect_code 0
expect_stdout_contains "78"

printf '[store]\nbusy_timout = 100\n' >casectl.toml
run config show
expect_code 78
expect_stdout ""
expect_stderr_contains "casectl.toml:2"
expect_stderr_contains "unknown key 'store.busy_timout'"
expect_stderr_contains "did you mean 'store.busy_timeout'"

printf 'langauge = "en"\n' >casectl.toml
run config show
expect_code 78
expect_stderr_contains "casectl.toml:1"
expect_stderr_contains "did you mean 'language'"

printf '\n[store]\nbusy_timeout = "abc"\n' >casectl.toml
run config show
expect_code 78
expect_stdout ""
expect_stderr_contains "casectl.toml:3"
expect_stderr_contains "store.busy_timeout"
expect_stderr_contains "abc"

printf '[urgency]\nurgent = "soon"\n' >casectl.toml
run list
expect_code 78
expect_stderr_contains "casectl.toml:2"
expect_stderr_contains "urgency.urgent"

printf 'intake.source = "pigeon"\n' >casectl.toml
run config show
expect_code 78
expect_stderr_contains "intake.source"
expect_stderr_contains "pigeon"
rm casectl.toml

mkdir -p "$XDG_CONFIG_HOME/casectl"
printf 'language = "de"\n' >"$XDG_CONFIG_HOME/casectl/config.toml"
run config show
expect_code 78
expect_stderr_contains "$XDG_CONFIG_HOME/casectl/config.toml:1"
expect_stderr_contains "language"
rm "$XDG_CONFIG_HOME/casectl/config.toml"

printf 'language = "\xff"\n' >"$TEST_DIR/latin1.toml"
run --config "$TEST_DIR/latin1.toml" config show
expect_code 78
expect_stderr_contains "$TEST_DIR/latin1.toml"
expect_stderr_contains "UTF-8"

run --config "$TEST_DIR/no-such-file.toml" config show
expect_code 78
expect_stdout ""
expect_stderr_contains "$TEST_DIR/no-such-file.toml"
CASECTL_CONFIG=$TEST_DIR/no-such-file.toml run list
expect_code 78
expect_stderr_contains "$TEST_DIR/no-such-file.toml"

CASECTL_BUSY_TIMEOUT=abc run list
expect_code 78
expect_stderr_contains "CASECTL_BUSY_TIMEOUT"
CASECTL_TODAY=вчера run list
expect_code 78
expect_stderr_contains "CASECTL_TODAY"
CASECTL_CASE_ID_FORMAT='{year}' run intake --name 'Тест'
expect_code 78
expect_stderr_contains "{seq}"
expect_true "config errors write no store" test ! -e "$CASECTL_DB"

# --- help ---------------------------------------------------------------------------------------
run help exit-codes
expect_code 0
expect_stderr_empty
for code in 0 1 2 3 4 65 66 73 75 78; do
  expect_true "help exit-codes lists $code" grep -qE "^ +$code " "$OUT"
done
run help templates
expect_code 0
expect_stdout_contains "--template NAME renders a command's record"
# Regression: 'help templates' was "no help topic"; it names every built-in template.
for file in "$SOURCE_ROOT"/templates/*.mustache; do
  name=$(basename "$file" .mustache)
  name=${name/.ru/}
  name=${name/.en/}
  name=${name/.kk/}
  expect_true "help templates names $name" grep -qE "\b$name(,|$)" <<< "$(sed -n '/^Templates here (built-in): /,/^$/p' "$OUT")"
done
# The fields of each document, from the records templates are checked against.
expect_stdout_contains "The fields of each document"
for kind in case plan assessment passport; do
  expect_true "help templates lists the fields of the $kind document" grep -qE "^  $kind +case_id, " "$OUT"
done
expect_true "a list's fields are shown inside it" grep -qF "members[] {number, name, role, birth_date, relationship, national_id, lives_elsewhere, relationship_label, national_id_kind, national_id_kind_label, age, minor}" <<< "$(tr -s ' \n' '  ' < "$OUT")"
expect_true "every line fits 100 columns" test "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$OUT")" -le 100
mkdir -p "$TEST_DIR/region-templates"
echo '{{name}}' >"$TEST_DIR/region-templates/letter.mustache"
CASECTL_TEMPLATES=$TEST_DIR/region-templates run help templates
expect_stdout_contains "Templates here (built-in and the region's): "
expect_stdout_contains " letter,"
run help configuration
expect_stdout_contains "'replace = true'"
run help formats
expect_code 0
for word in table tsv csv json ndjson; do expect_stdout_contains "$word"; done
run help environment
expect_code 0
for word in CASECTL_DB CASECTL_USER CASECTL_TODAY CASECTL_BUSY_TIMEOUT CASECTL_CSV_GUARD_FORMULAS CASECTL_PG_DUMP NO_COLOR XDG_DATA_HOME XDG_STATE_HOME; do
  expect_stdout_contains "$word"
done
run help configuration
expect_code 0
expect_stdout_contains "casectl.toml"
expect_stdout_contains "config show"
# "config" is the command: its help, not the topic.
run help config
expect_code 0
expect_stdout_contains "Usage: casectl config"
run help intake
expect_code 0
expect_stdout_contains "--name"
expect_stdout_contains "--consultation"
# commands_missing: the commands that the last help output does not list with their summary.
commands_missing() {
  local command missing=
  for command in init intake show list log config help; do
    grep -qE "^ +$command +[A-Z]" "$OUT" || missing+="$command "
  done
  printf '%s' "$missing"
}
run --help
expect_code 0
expect_eq "--help lists every command (missing ones shown)" "$(commands_missing)" ""
run help
expect_code 0
expect_eq "help without a topic lists every command, like --help (missing ones shown)" "$(commands_missing)" ""
run intake --help
expect_code 0
expect_stdout_contains "--external-id"
run --version
expect_code 0
expect_true "--version prints a version" grep -qE '[0-9]+\.[0-9]+' "$OUT"

run help nosuch
expect_code 3
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "nosuch"
run help exit-code
expect_code 3
expect_stderr_contains "did you mean 'exit-codes'"

# --- usage errors: exit 2, nothing on stdout ---------------------------------------------------
run frobnicate
expect_code 2
expect_stdout ""
expect_stderr_contains "casectl: error: unknown command 'frobnicate'"
run intak --name 'Тест'
expect_code 2
expect_stdout ""
expect_stderr_contains "unknown command 'intak'"
expect_stderr_contains "did you mean 'intake'"
run
expect_code 2
expect_stdout ""
expect_stderr_contains "casectl: error:"
run --frobnicate list
expect_code 2
expect_stdout ""
expect_stderr_contains "--frobnicate"
run list --frobnicate
expect_code 2
expect_stdout ""
expect_stderr_contains "--frobnicate"
run config
expect_code 2
expect_stdout ""
run show 2026-00001 2026-00002
expect_code 2
expect_stdout ""
expect_true "usage errors write no store" test ! -e "$CASECTL_DB"

# Reference tables: the config's order in reports, and built-ins extended or retired by code.
order_config=$TEST_DIR/order.toml
cat >"$order_config" <<'EOF'
[districts]
zhetysu = "Жетысуский"
almaly = "Алмалинский"

[events]
court-hearing = "Судебное заседание"
moved = { retired = true }
EOF
run_ok --config "$order_config" init
run_ok --config "$order_config" intake --name 'Семья Алиевых' --district almaly
run_ok --config "$order_config" intake --name 'Семья Жаровых' --district zhetysu
order_case=$(cat "$OUT")
run_ok --config "$order_config" report caseload --by district --period 2026-11 -o tsv
expect_eq "reports_list_districts_in_config_order" "$(cut -f1 "$OUT" | tail -n +2 | paste -sd,)" "zhetysu,almaly"
run_ok --config "$order_config" review "$order_case" --event 'Судебное заседание'
run --config "$order_config" review "$order_case" --event moved
expect_code 65
expect_stderr_contains "unknown event 'moved'; known: child-placed-in-care, police-called,"
expect_stderr_contains "ran-away, court-hearing"
run_ok --config "$order_config" review "$order_case" --event police-called
run_ok --config "$order_config" config show
expect_eq "config show: an added event's own line" "$(awk -F'\t' '$1 == "events.court-hearing" { print $3 }' "$OUT")" \
  "$order_config:6"
expect_eq "config show: a built-in event kept" "$(awk -F'\t' '$1 == "events.police-called" { print $3 }' "$OUT")" default
printf '[events]\nmovd = { retired = true }\n' >"$TEST_DIR/typo.toml"
run --config "$TEST_DIR/typo.toml" config show
expect_code 78
expect_stderr_contains "$TEST_DIR/typo.toml:2: events.movd: there is no such code to retire (did you mean 'moved'?)"
finish
