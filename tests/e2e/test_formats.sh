#!/usr/bin/env bash
# Output formats: table, tsv, csv, json, ndjson; quoting, formula guard, alignment, pipes, colour.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

header_tsv=$'case_id\tstatus\turgency\tkind\tname\tdistrict\topened\tcase_manager\tgroups\tmembers_count'

new_case quoted --name 'Ахметов, "Старший"' --note '=1+1' --phone '+7 701 000 00 00' --district 'Алмалы'
new_case formula --name '=HYPERLINK("http://x")' --district 'Медеу'
new_case wide --name '王小明' --group refugee --group disability --district 'Түркісіб'
new_case combining --name $'Йо\u0306ргенсен Ә' --kind person --district 'Жетісу' \
  --note $'строка 1\tтаб\nстрока 2 \\ конец' --member 'Ерлан;отец;1980-01-01'
new_case short --name 'Ким' --consultation --district 'Бостандық'
expect_eq "the data set" "$quoted $formula $wide $combining $short" \
  "2026-00001 2026-00002 2026-00003 2026-00004 2026-00005"

# --- TSV: the default when piped ------------------------------------------------------------
run list
expect_code 0
expect_stderr_empty
expect_eq "TSV header: snake_case field names" "$(head -1 "$OUT")" "$header_tsv"
cp "$OUT" "$TEST_DIR/default.tsv"
run list -o tsv
expect_true "piped output without -o is TSV" cmp -s "$OUT" "$TEST_DIR/default.tsv"
expect_eq "TSV: a header and one line per case" "$(wc -l <"$OUT")" 6
expect_eq "TSV row: every field in its column" "$(sed -n 2p "$OUT")" \
  $'2026-00001\tintake\troutine\tfamily\tАхметов, "Старший"\tАлмалы\t2026-11-20\t\t\t0'
expect_eq "TSV: groups joined with ';'" "$(awk -F'\t' '$1 == "2026-00003" { print $9 }' "$OUT")" "disability;refugee"
expect_eq "TSV: every line has 10 fields" "$(awk -F'\t' '{ print NF }' "$OUT" | sort -u)" 10
run list -o tsv --no-headers
expect_eq "--no-headers drops the TSV header" "$(wc -l <"$OUT")" 5
expect_eq "--no-headers: the first line is a case" "$(head -1 "$OUT" | cut -f1)" 2026-00001
run show "$combining" -o tsv
expect_code 0
expect_eq "show -o tsv: a header and one line" "$(wc -l <"$OUT")" 2
expect_eq "TSV escapes tab, new line and backslash inside a value" \
  "$(python3 -c 'import sys; rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]; print(dict(zip(*rows))["note"])' "$OUT")" \
  'строка 1\tтаб\nстрока 2 \\ конец'

# --- CSV: RFC 4180, CRLF, formula guard -------------------------------------------------------
run list -o csv
expect_code 0
expect_eq "CSV header" "$(head -1 "$OUT")" $'case_id,status,urgency,kind,name,district,opened,case_manager,groups,members_count\r'
expect_true "CSV lines end in CRLF" test "$(grep -c $'\r$' "$OUT")" -eq 6
expect_eq "CSV: a comma and quotes are quoted, quotes doubled" "$(sed -n 2p "$OUT")" \
  $'2026-00001,intake,routine,family,"Ахметов, ""Старший""",Алмалы,2026-11-20,,,0\r'
expect_eq "CSV: a cell starting with = gets a leading apostrophe" "$(sed -n 3p "$OUT")" \
  $'2026-00002,intake,routine,family,"\'=HYPERLINK(""http://x"")",Медеу,2026-11-20,,,0\r'
names=$(python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
print("|".join(r["name"] for r in rows))' "$OUT")
expect_eq "a CSV reader gets the names back (guarded formula)" "$names" \
  $'Ахметов, "Старший"|\'=HYPERLINK("http://x")|王小明|Йо\u0306ргенсен Ә|Ким'

run show "$quoted" -o csv
expect_code 0
fields=$(python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    row = next(csv.DictReader(f))
print(row["note"] + "|" + row["phone"] + "|" + row["name"])' "$OUT")
expect_eq "show -o csv guards a note and a phone starting with = or +" "$fields" "'=1+1|'+7 701 000 00 00|Ахметов, \"Старший\""

CASECTL_CSV_GUARD_FORMULAS=0 run list -o csv
expect_code 0
expect_eq "CASECTL_CSV_GUARD_FORMULAS=0: the raw value" "$(sed -n 3p "$OUT")" \
  $'2026-00002,intake,routine,family,"=HYPERLINK(""http://x"")",Медеу,2026-11-20,,,0\r'
CASECTL_CSV_GUARD_FORMULAS=0 run show "$quoted" -o csv
expect_true "CASECTL_CSV_GUARD_FORMULAS=0: the note raw in show" grep -q ',=1+1,' "$OUT"
printf '[csv]\nguard_formulas = false\n' >casectl.toml
run list -o csv
expect_eq "csv.guard_formulas = false in casectl.toml" "$(sed -n 3p "$OUT")" \
  $'2026-00002,intake,routine,family,"=HYPERLINK(""http://x"")",Медеу,2026-11-20,,,0\r'
rm casectl.toml
run list -o csv --no-headers
expect_eq "--no-headers drops the CSV header" "$(head -1 "$OUT" | cut -d, -f1)" 2026-00001

# --- JSON and NDJSON ----------------------------------------------------------------------------
run list -o json
expect_code 0
expect_stderr_empty
expect_eq "list -o json is one array" "$(jq -c 'type' "$OUT")" '"array"'
expect_eq "list -o json has every case" "$(jq length "$OUT")" 5
expect_eq "list JSON fields" "$(jq -c '.[0] | keys_unsorted' "$OUT")" \
  '["case_id","status","urgency","kind","consultation","name","district","opened","response_due","case_manager","groups","members_count","address","phone","external_id","kind_label","status_label","urgency_label","district_label","groups_label"]'
expect_eq "JSON keeps quotes and commas in strings" "$(jq -r '.[0].name' "$OUT")" 'Ахметов, "Старший"'
expect_eq "JSON: groups are arrays, counts are numbers" "$(jq -c '.[2] | [.groups, .members_count, .consultation]' "$OUT")" \
  '[["disability","refugee"],0,false]'
expect_eq "JSON: the combining mark kept as is" "$(jq -r '.[3].name' "$OUT")" $'Йо\u0306ргенсен Ә'
run list -o ndjson
expect_code 0
expect_eq "ndjson: one line per case" "$(wc -l <"$OUT")" 5
expect_eq "ndjson: every line is one object" "$(jq -c 'type' "$OUT" | sort -u)" '"object"'
expect_eq "ndjson: objects in order" "$(jq -r .case_id "$OUT" | paste -sd' ' -)" \
  "2026-00001 2026-00002 2026-00003 2026-00004 2026-00005"
run show "$combining" -o ndjson
expect_eq "show -o ndjson: one line" "$(wc -l <"$OUT")" 1
expect_eq "show -o ndjson: the note with tab and new line" "$(jq -r .note "$OUT")" $'строка 1\tтаб\nстрока 2 \\ конец'
run config show -o json
expect_code 0
expect_eq "config show -o json: objects of key, value, origin" "$(jq -c '[.[0] | keys_unsorted[]]' "$OUT")" '["key","value","origin"]'

# --- table: aligned by display width ------------------------------------------------------------
run list -o table
expect_code 0
expect_eq "table: a header and one line per case" "$(wc -l <"$OUT")" 6
expect_true "table: no tabs" test "$(grep -c $'\t' "$OUT")" -eq 0
cp "$OUT" "$TEST_DIR/table.txt"
alignment=$(python3 - "$TEST_DIR/table.txt" <<'EOF'
# Prints, for each line, the display columns where the district (РАЙОН) and opened (ОТКРЫТ) columns start.
import re, sys, unicodedata

def width(text):
    w = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w

districts = ["РАЙОН", "Алмалы", "Медеу", "Түркісіб", "Жетісу", "Бостандық"]
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    d = min((line.find(x) for x in districts if x in line), default=-1)
    o = re.search(r"ОТКРЫТ|\d{4}-\d{2}-\d{2}(?!\d)", line)
    print(width(line[:d]) if d >= 0 else "-", width(line[:o.start()]) if o else "-")
EOF
)
expect_eq "table: DISTRICT and OPENED start at the same display column on every line" \
  "$(sort -u <<<"$alignment" | wc -l)" 1
expect_eq "table (labels, not codes): the name column is as wide as the widest name (22), the district's as 'Бостандық' (9), plus two spaces" \
  "$(head -1 <<<"$alignment")" "70 81"
expected_table=$(cat <<'EOF'
СЛУЧАЙ      СТАТУС        СРОЧНОСТЬ  ВИД      ИМЯ                     РАЙОН      ОТКРЫТ      КУРАТОР  КАТЕГОРИИ             СОСТАВ
2026-00001  Приём         Планово    Семья    Ахметов, "Старший"      Алмалы     2026-11-20                                 0
2026-00002  Приём         Планово    Семья    =HYPERLINK("http://x")  Медеу      2026-11-20                                 0
2026-00003  Приём         Планово    Семья    王小明                  Түркісіб   2026-11-20           Инвалидность;Беженцы  0
2026-00004  Приём         Планово    Человек  Йо̆ргенсен Ә             Жетісу     2026-11-20                                 1
2026-00005  Консультация  Планово    Семья    Ким                     Бостандық  2026-11-20                                 0
EOF
)
expect_stream "the whole table" "$TEST_DIR/table.txt" "$expected_table"
run list -o table --no-headers
expect_eq "--no-headers drops the table header" "$(head -1 "$OUT" | cut -c1-10)" 2026-00001
run list -o table --limit 1
expect_eq "table with one row" "$(tail -1 "$OUT")" "2026-00001  Приём   Планово    Семья  Ахметов, \"Старший\"  Алмалы  2026-11-20                      0"

# --- unknown format -------------------------------------------------------------------------
for command in "list" "show $quoted" "log $quoted" "config show"; do
  # shellcheck disable=SC2086
  run $command -o jsno
  expect_code 2
  expect_stdout ""
  expect_stderr_contains "casectl: error: --output: unknown output format 'jsno' (did you mean 'json'?)"
done
run list -o yaml
expect_code 2
expect_stderr_contains "table, tsv, csv, json, ndjson or xlsx"

# --- colour -------------------------------------------------------------------------------------
run list -o table
expect_true "no escape codes in piped table output" test "$(grep -c $'\x1b' "$OUT")" -eq 0
if script -qec true /dev/null >/dev/null 2>&1; then
  # on_terminal FILE ARGS...: runs casectl on a pseudo-terminal, its output (both streams) in FILE.
  on_terminal() {
    local file=$1
    shift
    script -qec "$(printf '%q ' "$CASECTL" "$@")" /dev/null </dev/null >"$file" 2>&1
  }
  on_terminal "$TEST_DIR/tty-colour" list
  expect_true "on a terminal, the default table has a bold header (so the checks below can fail)" \
    grep -q $'\x1b\\[1mСЛУЧАЙ' "$TEST_DIR/tty-colour"
  expect_true "on a terminal, the default is a table" grep -q 'СЛУЧАЙ  ' "$TEST_DIR/tty-colour"
  NO_COLOR=1 on_terminal "$TEST_DIR/tty-no-color" list
  expect_true "NO_COLOR: no escape codes on a terminal" test "$(grep -c $'\x1b' "$TEST_DIR/tty-no-color")" -eq 0
  expect_true "NO_COLOR: still a table" grep -q 'СЛУЧАЙ  ' "$TEST_DIR/tty-no-color"
  on_terminal "$TEST_DIR/tty-flag" list --no-color
  expect_true "--no-color: no escape codes on a terminal" test "$(grep -c $'\x1b' "$TEST_DIR/tty-flag")" -eq 0
  on_terminal "$TEST_DIR/tty-flag2" --no-color show "$quoted"
  expect_true "--no-color before the command: no escape codes in a card" test "$(grep -c $'\x1b' "$TEST_DIR/tty-flag2")" -eq 0
  TERM=dumb on_terminal "$TEST_DIR/tty-dumb" list
  expect_true "TERM=dumb: no escape codes on a terminal" test "$(grep -c $'\x1b' "$TEST_DIR/tty-dumb")" -eq 0
  on_terminal "$TEST_DIR/tty-intake" intake --name 'Терминалова'
  expect_true "intake on a terminal still prints the id alone on its line" grep -qx $'2026-00006\r\\?' "$TEST_DIR/tty-intake"
else
  echo "note: 'script' cannot make a pseudo-terminal here; colour checks on a terminal skipped" >&2
fi

# --- | head ends quietly --------------------------------------------------------------------
fresh_store
long_name=$(printf 'Әбілқасымова-Ғалымжанова %.0s' {1..10})
for i in $(seq 300); do
  "$CASECTL" intake --name "$long_name $i" --group large-family >/dev/null 2>>"$TEST_DIR/bulk-errors" || echo "intake $i failed" >>"$TEST_DIR/bulk-errors"
done
expect_true "300 intakes for the pipe test" test ! -s "$TEST_DIR/bulk-errors"
run list
expect_true "the listing is far larger than a pipe's buffer" test "$(wc -c <"$OUT")" -gt 150000
expect_true "nothing is truncated when piped" grep -qF "$long_name 300" "$OUT"
set -o pipefail
for format in tsv csv json ndjson table; do
  "$CASECTL" list -o "$format" 2>"$TEST_DIR/head-stderr" | head -1 >"$TEST_DIR/head-stdout"
  statuses="${PIPESTATUS[*]}"
  LAST_COMMAND="casectl list -o $format | head -1"
  expect_eq "list -o $format | head -1: casectl exits 0" "$statuses" "0 0"
  expect_stream stderr "$TEST_DIR/head-stderr" ""
  expect_eq "list -o $format | head -1: one line came through" "$(wc -l <"$TEST_DIR/head-stdout")" 1
done
"$CASECTL" log 2026-00001 2>"$TEST_DIR/head-stderr" | head -c 10 >/dev/null
statuses="${PIPESTATUS[*]}"
expect_eq "log | head: exit 0" "$statuses" "0 0"
set +o pipefail

finish
