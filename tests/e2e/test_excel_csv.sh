#!/usr/bin/env bash
# CSV for and from Excel in a Russian locale. Output: --bom, --delimiter, --excel (the same as
# -o csv --bom --delimiter ';'). Input: intake --from reads CP1251 and KZ-1048 with --encoding,
# hints at --encoding when a file is not UTF-8, and warns of '?' where CP1251 lost a Kazakh letter.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# What a refused command must leave as it was (expect_refused).
store_state() { store_sql "SELECT count(*) FROM journal; SELECT * FROM cases;"; }

header_csv='case_id,status,urgency,kind,name,district,opened,case_manager,groups,members_count'

run_ok init
new_case semi --name 'Ахметов; Ерлан' --note '=1+1' --district 'Алмалы'
new_case plain --name 'Семёнова Анна' --district 'Медеу' --group refugee --group disability

# first_bytes FILE N: the first N bytes of FILE in hex.
first_bytes() { head -c "$2" "$1" | od -An -tx1 | tr -d ' \n'; }

# --- --bom ----------------------------------------------------------------------------------------
run list -o csv --bom
expect_code 0
expect_stderr_empty
expect_eq "--bom: the output starts with the UTF-8 byte order mark" "$(first_bytes "$OUT" 3)" efbbbf
expect_eq "--bom: the header right after it" "$(head -1 "$OUT" | tail -c +4)" "${header_csv}"$'\r'
expect_eq "--bom: one byte order mark, at the start only" "$(grep -c $'\xef\xbb\xbf' "$OUT")" 1
run list -o csv
expect_eq "without --bom: no byte order mark" "$(first_bytes "$OUT" 3)" "$(printf 'cas' | od -An -tx1 | tr -d ' \n')"
run list -o csv --bom --no-headers
expect_eq "--bom --no-headers: the mark, then the first case" "$(first_bytes "$OUT" 3)" efbbbf
expect_eq "--bom --no-headers: the first line is a case" "$(head -1 "$OUT" | tail -c +4 | cut -c1-10)" 2026-00001

# --- --delimiter ------------------------------------------------------------------------------------
run list -o csv --delimiter ';'
expect_code 0
expect_eq "--delimiter ';': the header" "$(head -1 "$OUT")" "${header_csv//,/;}"$'\r'
expect_eq "--delimiter ';': a cell holding ';' is quoted" "$(sed -n 2p "$OUT")" \
  $'2026-00001;intake;routine;family;"Ахметов; Ерлан";Алмалы;2026-11-20;;;0\r'
expect_eq "--delimiter ';': the groups (joined by ';') are quoted" "$(sed -n 3p "$OUT")" \
  $'2026-00002;intake;routine;family;Семёнова Анна;Медеу;2026-11-20;;"disability;refugee";0\r'
names=$(python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print("|".join(r["name"] for r in csv.DictReader(f, delimiter=";")))' "$OUT")
expect_eq "a CSV reader told ';' gets the names back" "$names" 'Ахметов; Ерлан|Семёнова Анна'
run list -o csv --delimiter ,
cp "$OUT" comma.csv
run list -o csv
expect_true "--delimiter , is the default" cmp -s "$OUT" comma.csv
run list -o csv --delimiter tab
expect_code 0
expect_eq "--delimiter tab: cells separated by tabs, CSV quoting" "$(sed -n 3p "$OUT")" \
  $'2026-00002\tintake\troutine\tfamily\tСемёнова Анна\tМедеу\t2026-11-20\t\tdisability;refugee\t0\r'
run list -o csv --delimiter $'\t'
expect_eq "--delimiter \$'\\t' is tab too" "$(sed -n 3p "$OUT" | cut -f5)" 'Семёнова Анна'
run show "$semi" -o csv --delimiter ';'
note=$(python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(next(csv.DictReader(f, delimiter=";"))["note"])' "$OUT")
expect_eq "--delimiter ';': the formula guard stays" "$note" "'=1+1"

# --- --excel ---------------------------------------------------------------------------------------
for args in "list" "show $semi" "find Семёнова" "due" "caseload"; do
  # shellcheck disable=SC2086 # the words of $args are the command's
  run $args -o csv --bom --delimiter ';'
  expect_code 0
  cp "$OUT" long.csv
  # shellcheck disable=SC2086
  run $args --excel
  expect_code 0
  expect_true "$args --excel is -o csv --bom --delimiter ';' byte for byte" cmp -s "$OUT" long.csv
done
run list --excel
expect_eq "--excel: byte order mark first" "$(first_bytes "$OUT" 3)" efbbbf
expect_eq "--excel: ';' between cells" "$(sed -n 2p "$OUT")" $'2026-00001;intake;routine;family;"Ахметов; Ерлан";Алмалы;2026-11-20;;;0\r'
cp "$OUT" excel.csv
run list --excel -o csv
expect_code 0
expect_true "--excel -o csv: the same as --excel" cmp -s "$OUT" excel.csv
run list -o csv --excel --delimiter ';'
expect_code 0

# --- refused combinations: exit 2, naming the option --------------------------------------------------
expect_refused 2 "--delimiter '|'" list -o csv --delimiter '|'
expect_stderr "casectl: error: --delimiter: '|' is not one of ';', ',' or tab (written tab, or \$'\\t'); see 'casectl list --help'"
expect_refused 2 "--delimiter ';;'" list -o csv --delimiter ';;'
expect_stderr_contains "is not one of ';', ',' or tab"
expect_refused 2 "--bom -o json" list -o json --bom
expect_stderr_contains "--bom applies to csv output; add -o csv (or use --excel), not -o json"
expect_refused 2 "--delimiter -o tsv" list -o tsv --delimiter ';'
expect_stderr_contains "--delimiter applies to csv output"
expect_refused 2 "--bom without -o" list --bom
expect_stderr_contains "--bom applies to csv output; add -o csv"
expect_refused 2 "--excel -o json" list --excel -o json
expect_stderr_contains "--excel writes csv"
expect_refused 2 "--excel --delimiter ," list --excel --delimiter ,
expect_stderr_contains "--excel separates cells with ';'"
expect_refused 2 "--excel --template" show "$semi" --excel --template case
expect_refused 2 "--excel on intake" intake --name 'Тест' --excel

# --- input: CP1251 and KZ-1048 ------------------------------------------------------------------------
# A file as Excel in a Russian locale saves it: ';' between cells, a cell holding ';' quoted.
cat >utf8.csv <<'EOF2'
external_id;name;kind;district;address;members;note
ЕСП-1;Семёнова Анна;family;Алмалы;ул. Абая, 10;"Семёнова Анна;мать;12.04.1988|Семёнов Илья;сын;2014-09-01";задолженность за жильё
ЕСП-2;Ёлкин Пётр;person;Медеу;;;"Цитата ""в кавычках"""
EOF2
cat >kazakh.csv <<'EOF2'
external_id;name;kind;district;members
ҚЗ-1;Жұмабаева Гүлнар;family;Алмалы;"Жұмабаева Гүлнар;мать|Әлиев Нұрлан;сын"
ҚЗ-2;Қасымова Іңкәр;person;Түркісіб;
ҚЗ-3;Өмірбекұлы Һәди;person;Медеу;
EOF2
iconv -f UTF-8 -t CP1251 utf8.csv >cp1251.csv
iconv -f UTF-8 -t RK1048 kazakh.csv >kz1048.csv
expect_true "the CP1251 file is not UTF-8" bash -c '! iconv -f UTF-8 -t UTF-8 cp1251.csv >/dev/null 2>&1'

# cases_of: what the current store holds about its cases, without the moments of recording.
cases_of() {
  run list -o json
  expect_code 0
  local ids
  ids=$(python3 -c 'import json,sys; print(" ".join(c["case_id"] for c in json.load(open(sys.argv[1]))))' "$OUT")
  for id in $ids; do
    run show "$id" -o json
    python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print([c.get(k) for k in ("case_id", "external_id", "name", "kind", "district", "address", "note")],
      [(m.get("name"), m.get("role"), m.get("birth_date")) for m in c.get("members") or []])' "$OUT"
  done
}

# imported NAME FILE ARGS...: a fresh store with FILE read into it (ARGS added); its cases in
# $TEST_DIR/NAME.cases, the run's stderr in $TEST_DIR/NAME.err.
imported() {
  local name=$1 file=$2
  shift 2
  fresh_store
  run_ok init
  run intake --from "$file" "$@"
  expect_code 0
  cp "$ERR" "$TEST_DIR/$name.err"
  cases_of >"$TEST_DIR/$name.cases"
}
# same_cases WHAT NAME ORIGINAL: the cases of NAME are those of ORIGINAL.
same_cases() { expect_eq "$1" "$(cat "$TEST_DIR/$2.cases")" "$(cat "$TEST_DIR/$3.cases")"; }

imported utf8 utf8.csv
expect_eq "two cases from the UTF-8 original" "$(wc -l <"$TEST_DIR/utf8.cases")" 2
expect_true "the UTF-8 original: names, members and quotes as written" grep -q "'Цитата \"в кавычках\"'" "$TEST_DIR/utf8.cases"
imported cp1251 cp1251.csv --encoding cp1251
same_cases "a CP1251 file read with --encoding cp1251: the same cases" cp1251 utf8
expect_eq "no warning on a CP1251 file of Russian names" "$(grep -c warning "$TEST_DIR/cp1251.err")" 0
imported cp1251_upper cp1251.csv --encoding Windows-1251
same_cases "--encoding Windows-1251 is cp1251" cp1251_upper utf8
printf '\xef\xbb\xbf' | cat - utf8.csv >bom.csv
imported bom bom.csv
same_cases "a UTF-8 file with a byte order mark: the same cases" bom utf8
imported utf8_named utf8.csv --encoding utf-8
same_cases "--encoding utf-8 is the default" utf8_named utf8

imported kazakh kazakh.csv
expect_eq "three cases from the Kazakh original" "$(wc -l <"$TEST_DIR/kazakh.cases")" 3
expect_true "the Kazakh names are kept" grep -q 'Жұмабаева Гүлнар' "$TEST_DIR/kazakh.cases"
imported kz1048 kz1048.csv --encoding kz1048
same_cases "a KZ-1048 file read with --encoding kz1048: the same cases" kz1048 kazakh
imported rk1048 kz1048.csv --encoding rk1048
same_cases "--encoding rk1048 (glibc's name) too" rk1048 kazakh

# NDJSON in CP1251 too.
printf '{"name": "Семёнова Анна", "district": "Алмалы"}\n' | iconv -f UTF-8 -t CP1251 >cp1251.ndjson
fresh_store
run_ok init
run intake --from cp1251.ndjson --encoding cp1251
expect_code 0
run list -o csv --no-headers
expect_eq "NDJSON in CP1251, read with --encoding cp1251" "$(cut -d, -f5 "$OUT")" 'Семёнова Анна'

# --- a CP1251 file read as UTF-8: the error names the file, record, line, field and byte, and hints -----
fresh_store
run_ok init
expect_refused 65 "a CP1251 file read as UTF-8" intake --from cp1251.csv
expect_stderr_contains "casectl: error: cp1251.csv: record 1 (line 2): name: byte 1 (0xD1) is not valid UTF-8; saved by Excel in Windows-1251? try --encoding cp1251 (kz1048 for Kazakh letters)"
expect_stderr_contains "casectl: error: cp1251.csv: record 2 (line 3): name: byte 1 (0xA8) is not valid UTF-8; saved by Excel"
expect_stderr_contains "cp1251.csv: 2 records rejected, so nothing was written"
expect_refused 65 "a CP1251 NDJSON file read as UTF-8" intake --from cp1251.ndjson
expect_stderr_contains "cp1251.ndjson: record 1 (line 1): the line: byte 11 (0xD1) is not valid UTF-8; saved by Excel in Windows-1251? try --encoding cp1251"

# --- bytes that are no character of the encoding: exit 65 naming the line ---------------------------------
{
  printf 'name;district\nИванова;Алмалы\nИва' | iconv -f UTF-8 -t CP1251
  printf '\x98' # no character in CP1251 or KZ-1048
  printf 'нов;Медеу\n' | iconv -f UTF-8 -t CP1251
} >bad.csv
expect_refused 65 "0x98 read as CP1251" intake --from bad.csv --encoding cp1251
expect_stderr_contains "casectl: error: bad.csv: record 2 (line 3): name: byte 4 (0x98) is not a character in cp1251"
expect_refused 65 "0x98 read as KZ-1048" intake --from bad.csv --encoding kz1048
expect_stderr_contains "bad.csv: record 2 (line 3): name: byte 4 (0x98) is not a character in kz1048"

# --- '?' where CP1251 lost a Kazakh letter ------------------------------------------------------------
# What Excel saves for "Жұмабаева Гүлнар" in CP1251.
printf 'name;members\nЖ?мабаева Г?лнар;"Ж?мабаева Г?лнар;мать|Ерлан;сын"\nИванова Мария;\n' | iconv -f UTF-8 -t CP1251 >lost.csv
fresh_store
run_ok init
run intake --from lost.csv --encoding cp1251
expect_code 0
expect_stderr_contains "casectl: warning: lost.csv: record 1 (line 2): name: 'Ж?мабаева Г?лнар' holds '?', which Excel writes for a letter CP1251 does not have (ә ғ қ ң ө ұ ү һ і); save the file in UTF-8 (CSV UTF-8 in Excel), or in KZ-1048 and read it with --encoding kz1048"
expect_stderr_contains "casectl: warning: lost.csv: record 1 (line 2): member 1: 'Ж?мабаева Г?лнар' holds '?'"
expect_eq "one warning for the name, one for the member; none for record 2" "$(grep -c 'warning' "$ERR")" 2
expect_case_count 2 "the records with '?' are registered all the same"

# --- bad --encoding values --------------------------------------------------------------------------------
expect_refused 2 "--encoding latin1" intake --from utf8.csv --encoding latin1
expect_stderr "casectl: error: --encoding: 'latin1' is not one of utf-8, cp1251, kz1048; see 'casectl intake --help'"
expect_refused 2 "--encoding without --from" intake --name 'Тест' --encoding cp1251
expect_stderr_contains "--encoding needs --from FILE"

finish
