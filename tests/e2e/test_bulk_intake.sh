#!/usr/bin/env bash
# casectl intake --from: bulk intake of CSV and NDJSON files as other systems and people write them;
# all or nothing, --errors, --dry-run, re-runs by external id, and duplicate detection.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# summary FILE C U N S R: the summary line bulk intake prints on stderr.
summary() { printf 'casectl: %s: %s created, %s updated, %s unchanged, %s skipped, %s rejected' "$@"; }

# show_json ID: `casectl show ID -o json` into $OUT, expecting success.
show_json() {
  run show "$1" -o json
  expect_code 0
}

# journal_of ID: the case's journal as NDJSON in $OUT.
journal_of() {
  run log "$1" -o ndjson
  expect_code 0
}

# --- a plain CSV file: ids on stdout, a summary on stderr ----------------------------------------
run_ok init
cat >cases.csv <<'EOF'
external_id,name,kind,district,phone,groups,problems,members,consent,opened
ЕСП-1,Семёнова Анна,family,Алмалы,+7 701 111 22 33,large-family;low-income,задолженность за жильё;нет работы,Семёнова Анна;мать;12.04.1988|Семёнов Илья;сын;2014-09-01,да,2026-11-01
ЕСП-2,Ахметов Ерлан,person,Медеу,,,,,,
ЕСП-3,Жұмабаева Гүлнар,,Алмалы,+7 702 222 33 44,refugee,,Жұмабаева Гүлнар;мать,иә,15.10.2026
EOF
run intake --from cases.csv
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00001 2026-00002 2026-00003)"
expect_stderr "$(summary cases.csv 3 0 0 0 0)"
expect_case_count 3 "after importing three records"

show_json 2026-00001
expect_eq "CSV fields land in the case" \
  "$(jq -r '[.external_id, .name, .kind, .district, .phone, (.groups | sort | join(",")), (.problems | join("|")), .consent, .opened] | join(" / ")' "$OUT")" \
  'ЕСП-1 / Семёнова Анна / family / Алмалы / +7 701 111 22 33 / large-family,low-income / задолженность за жильё|нет работы / true / 2026-11-01'
expect_eq "members: NAME;ROLE;DATE separated by |" \
  "$(jq -r '.members[] | [.name, .role, (.birth_date // "-")] | join(";")' "$OUT")" \
  "$(printf '%s\n' 'Семёнова Анна;мать;1988-04-12' 'Семёнов Илья;сын;2014-09-01')"
show_json 2026-00002
expect_eq "empty cells take the defaults" "$(jq -c '[.kind, .phone, .groups, .members, .consent, .opened, .source, .urgency]' "$OUT")" \
  '["person",null,[],[],false,"2026-11-20","self","routine"]'
show_json 2026-00003
expect_eq "DD.MM.YYYY in a CSV cell; a member without a birth date" \
  "$(jq -c '[.opened, .consent, .members[0].name, .members[0].birth_date]' "$OUT")" '["2026-10-15",true,"Жұмабаева Гүлнар",null]'
journal_of 2026-00001
expect_eq "each created case is journaled as an intake" "$(jq -r .action "$OUT")" intake

# --- the same file again: nothing new --------------------------------------------------------------
run intake --from cases.csv
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00001 2026-00002 2026-00003)"
expect_stderr "$(summary cases.csv 0 0 3 0 0)"
expect_case_count 3 "after importing the same file again"
journal_of 2026-00001
expect_eq "an unchanged case gets no journal entry" "$(wc -l <"$OUT")" 1

# One record changed: updated by external id, the change journaled as old and new values.
sed -i 's/^ЕСП-2,Ахметов Ерлан,person,Медеу,/ЕСП-2,Ахметов Ерлан,person,Алмалы,/' cases.csv
run intake --from cases.csv
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00001 2026-00002 2026-00003)"
expect_stderr "$(summary cases.csv 0 1 2 0 0)"
show_json 2026-00002
expect_eq "the update is stored" "$(jq -r .district "$OUT")" 'Алмалы'
journal_of 2026-00002
expect_eq "the update is journaled with the old and the new value" \
  "$(jq -c 'select(.action == "update") | .changes' "$OUT")" '{"district":["Медеу","Алмалы"]}'

# --on-existing skip and fail.
run intake --from cases.csv --on-existing skip
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00001 2026-00002 2026-00003)"
expect_stderr "$(summary cases.csv 0 0 0 3 0)"
run intake --from cases.csv --on-existing fail
expect_code 4
expect_stdout ""
expect_stderr_contains "casectl: error: cases.csv: record 1 (line 2): "
expect_stderr_contains "ЕСП-1"
expect_stderr_contains "2026-00001"
expect_stderr_contains "record 3 (line 4)"
run intake --from cases.csv --on-existing sometimes
expect_code 2
expect_stderr_contains "--on-existing"

# Groups in any order: the same file again is still unchanged, and journals nothing.
printf 'external_id,name,groups\nG-1,Ким Сергей,refugee;large-family\n' >groups.csv
run intake --from groups.csv
expect_code 0
expect_stdout 2026-00004
run intake --from groups.csv
expect_code 0
expect_stderr "$(summary groups.csv 0 0 1 0 0)"
journal_of 2026-00004
expect_eq "groups in another order than stored is no change" "$(jq -r .action "$OUT")" intake

# A household given again: the same people (by name, in any case, and birth date) keep their
# numbers, a new one gets the next, and one left out is kept as removed: its number is not reused.
printf 'external_id,name,members\nH-1,Орлова Ольга,Орлова Ольга;мать;01.01.1990|Орлов Олег;сын;02.02.2012|Орлова Оля;дочь;03.03.2015\n' >house.csv
run intake --from house.csv
expect_code 0
expect_stdout 2026-00005
printf 'external_id,name,members\nH-1,Орлова Ольга,ОРЛОВА ОЛЬГА;мать;01.01.1990|Орлова Оля;дочь;03.03.2015|Орлов Остап;сын;04.04.2020\n' >house.csv
run intake --from house.csv
expect_code 0
show_json 2026-00005
expect_eq "an update keeps each member's number, numbers the new one after every number used" \
  "$(jq -c '[[.members[] | [.number, .name]], [.removed_members[] | [.number, .name, .removed_on, .reason]]]' "$OUT")" \
  '[[[1,"ОРЛОВА ОЛЬГА"],[3,"Орлова Оля"],[4,"Орлов Остап"]],[[2,"Орлов Олег","2026-11-20","not in the household of the updated record (intake --on-existing update)"]]]'
run log 2026-00005 -o json
expect_eq "the update's summary names the members by number" "$(jq -r '.[-1].summary' "$OUT")" \
  "member 1 changed; member 4 added; member 2 removed"

# A file that gives only external_id and some columns updates only those.
printf 'external_id,note\nЕСП-3,Перезвонить в понедельник\n' >notes.csv
run intake --from notes.csv
expect_code 0
expect_stdout 2026-00003
show_json 2026-00003
expect_eq "an update keeps the fields the file does not give" "$(jq -c '[.name, .district, .note, (.members | length)]' "$OUT")" \
  '["Жұмабаева Гүлнар","Алмалы","Перезвонить в понедельник",1]'

# The search index follows updates: the new text is found, the old is not.
run find 'понедельник' -o ndjson
expect_eq "find sees the updated note" "$(jq -r .case_id "$OUT")" 2026-00003
printf 'external_id,name\nЕСП-2,Бекова Алия\n' >rename.csv
run intake --from rename.csv
expect_code 0
run find 'Ахметов' -o ndjson
expect_code 0
expect_stdout ""
run find 'Bekova' -o ndjson
expect_eq "find sees the new name" "$(jq -r .case_id "$OUT")" 2026-00002

# --- CSV as people write it ------------------------------------------------------------------------
fresh_store
run_ok init
# Excel in a Russian locale: BOM, ';', CRLF, quoted cells with the delimiter, quotes and new lines,
# a blank line, no new line at the end.
printf '\xef\xbb\xbfname;address;note;members;problems\r\n' >excel.csv
printf 'Петрова Дарья;"ул. Абая; 5";"Сказала: ""приду завтра""";"Петрова Дарья;мать;01.02.1990|Петров Иван;сын";"долги;нет жилья"\r\n' >>excel.csv
printf '\r\n' >>excel.csv
printf 'Ким Сергей;ул. Сатпаева, 1;"первая строка\r\nвторая строка";;\r\n' >>excel.csv
printf 'Ли Анна;;;;' >>excel.csv
run intake --from excel.csv
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00001 2026-00002 2026-00003)"
expect_stderr "$(summary excel.csv 3 0 0 0 0)"
show_json 2026-00001
expect_eq "the BOM is not part of the first column name" "$(jq -r .name "$OUT")" 'Петрова Дарья'
expect_eq "a quoted ';' inside a field" "$(jq -r .address "$OUT")" 'ул. Абая; 5'
expect_eq "doubled quotes inside a quoted field" "$(jq -r .note "$OUT")" 'Сказала: "приду завтра"'
expect_eq "members inside a quoted field" "$(jq -c '[.members[] | [.name, .role, .birth_date]]' "$OUT")" \
  '[["Петрова Дарья","мать","1990-02-01"],["Петров Иван","сын",null]]'
expect_eq "problems separated by ';' inside a quoted cell" "$(jq -c .problems "$OUT")" '["долги","нет жилья"]'
show_json 2026-00002
expect_eq "a comma inside a field of a ';' file" "$(jq -r .address "$OUT")" 'ул. Сатпаева, 1'
expect_true "a new line inside a quoted field is kept" grep -q 'первая строка' "$OUT"
expect_eq "both lines of the note" "$(jq -r '.note | split("\n") | map(sub("\r$"; "")) | join("+")' "$OUT")" 'первая строка+вторая строка'
show_json 2026-00003
expect_eq "the last record without a final new line" "$(jq -r .name "$OUT")" 'Ли Анна'

# A blank line before the header: the delimiter is still found from the header.
fresh_store
run_ok init
printf '\r\nname;note\r\nКим;из Excel\r\n' >leading.csv
run intake --from leading.csv
expect_code 0
expect_stdout 2026-00001
run show 2026-00001 -o json
expect_eq "the header after a blank line" "$(jq -c '[.name, .note]' "$OUT")" '["Ким","из Excel"]'

# Quoted commas and new lines in a ',' file, LF only; the line numbers count the lines inside quotes.
fresh_store
run_ok init
cat >quoted.csv <<'EOF'
name,address,note
"Иванова, Мария","г. Алматы, мкр. Аксай-4, д. 10","многострочная
заметка"

Сидоров,,"он сказал ""да"""
Бекова,,-
Нұрланова,,
EOF
run intake --from quoted.csv
expect_code 0
expect_eq "four records" "$(wc -l <"$OUT")" 4
show_json 2026-00001
expect_eq "quoted commas" "$(jq -c '[.name, .address, .note]' "$OUT")" '["Иванова, Мария","г. Алматы, мкр. Аксай-4, д. 10","многострочная\nзаметка"]'
show_json 2026-00002
expect_eq "doubled quotes" "$(jq -r .note "$OUT")" 'он сказал "да"'

# A tab-separated file.
fresh_store
run_ok init
printf 'name\tdistrict\nСапаров Бақыт\tАлатау\n' >tabs.tsv
run intake --from tabs.tsv
expect_code 0
show_json 2026-00001
expect_eq "a tab-separated file" "$(jq -c '[.name, .district]' "$OUT")" '["Сапаров Бақыт","Алатау"]'

# Header only: nothing to do. Header names in any case, with spaces.
run intake --from <(printf 'name,note\n') --input-format csv
expect_code 0
expect_stdout ""
printf ' Name , NOTE \nКасымов,тест\n' >upper.csv
run intake --from upper.csv
expect_code 0
expect_stdout 2026-00002

# --- files that cannot be read on --------------------------------------------------------------------
fresh_store
run_ok init
printf 'name,adress,note\nСемёнова,ул. Абая 5,\n' >typo.csv
run intake --from typo.csv
expect_code 65
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "'adress'"
expect_stderr_contains "did you mean 'address'"
expect_no_cases "after a file with an unknown column"

printf 'name,note\nСемёнова,ok\nКим,"не закрыта\nАхметов,ok\n' >unclosed.csv
run intake --from unclosed.csv
expect_code 65
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "line 3"
expect_no_cases "after a file with an unclosed quote"

: >empty.csv
run intake --from empty.csv
expect_code 65
expect_stderr_contains "empty"
printf 'name,name\nА,Б\n' >twice.csv
run intake --from twice.csv
expect_code 65
expect_stderr_contains "twice"
printf 'note,district\nтест,Алмалы\n' >noname.csv
run intake --from noname.csv
expect_code 65
expect_stderr_contains "'name'"

run intake --from missing.csv
expect_code 66
expect_stdout ""
expect_stderr_contains "missing.csv"
printf 'name\nА\n' >cases.dat
run intake --from cases.dat
expect_code 2
expect_stderr_contains "--input-format"
run intake --from cases.dat --input-format csv
expect_code 0
expect_stdout 2026-00001
run intake --from cases.dat --input-format xml
expect_code 2
run intake --from cases.csv --name 'Семёнова'
expect_code 2
expect_stderr_contains "--name"
run intake --name 'Семёнова' --errors bad.csv
expect_code 2
run intake --name 'Семёнова' --input-format csv
expect_code 2
run intake --from cases.dat --input-format csv --on-duplicate maybe
expect_code 2

# --- all or nothing ------------------------------------------------------------------------------------
fresh_store
run_ok init
cat >mixed.csv <<'EOF'
external_id,name,opened,urgency,phone,note
М-1,Семёнова Анна,2026-11-01,urgent,,
М-2,Ахметов,31.02.2026,,,
М-3,Ким Сергей,,,,"две
строки"
М-4,,2026-11-01,urgnet,,
М-5,Бекова,,,позвонить соседке,
М-6,Ли,,,,
EOF
run intake --from mixed.csv
expect_code 65
expect_stdout ""
expect_stderr_contains "casectl: error: mixed.csv: record 2 (line 3): opened: "
expect_stderr_contains "31.02.2026"
expect_stderr_contains "casectl: error: mixed.csv: record 4 (line 6): name: "
expect_stderr_contains "casectl: error: mixed.csv: record 4 (line 6): urgency: "
expect_stderr_contains "did you mean 'urgent'"
expect_stderr_contains "casectl: error: mixed.csv: record 5 (line 7): phone: "
expect_stderr_lacks "record 1 "
expect_stderr_lacks "record 6 "
expect_no_cases "after a file with rejected records and no --errors"

# A record with the wrong number of fields.
printf 'name,note\nСемёнова,a,b\nКим,c\n' >fields.csv
run intake --from fields.csv
expect_code 65
expect_stderr_contains "record 1 (line 2)"
expect_stderr_contains "3 fields"
expect_no_cases "after a record with too many fields"

# --dry-run: says what would happen, writes nothing.
run intake --from cases.dat --input-format csv --dry-run
expect_code 0
expect_stderr_contains "dry run"
expect_stderr_contains "1 created"
expect_no_cases "after --dry-run"
run intake --from mixed.csv --dry-run
expect_code 65
expect_stderr_contains "record 2 (line 3)"
expect_no_cases "after --dry-run of a bad file"

# --- --errors: import the good records, set the bad ones aside, fix them, read them again ------------
run intake --from mixed.csv --errors bad.csv
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00001 2026-00002 2026-00003)"
expect_stderr_contains "$(summary mixed.csv 3 0 0 0 3)"
expect_stderr_contains "bad.csv"
expect_case_count 3 "after --errors"
run list -o ndjson
expect_eq "the good records went in" "$(jq -s -c 'map(.name) | sort' "$OUT")" '["Ким Сергей","Ли","Семёнова Анна"]'
expect_true "the errors file exists" test -s bad.csv
expect_eq "the errors file starts with a UTF-8 BOM, for spreadsheets" "$(head -c 3 bad.csv | od -An -tx1 | tr -d ' ')" 'efbbbf'
expect_eq "the errors file is readable by its owner only" "$(stat -c %a bad.csv)" '600'
expect_eq "the errors file: the header with an error column" "$(head -1 bad.csv | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')" 'external_id,name,opened,urgency,phone,note,error'
expect_eq "the errors file holds the three bad records" "$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); print(len(r) - 1, [row[0] for row in r[1:]])' bad.csv)" \
  "3 ['М-2', 'М-4', 'М-5']"
expect_true "the error column says what is wrong" grep -q '31.02.2026' bad.csv
# Fix the records with the error column left in place, and read the file again.
sed -i -e 's/31\.02\.2026/28.02.2026/' -e 's/,,2026-11-01,urgnet,/,Бекова Алия,2026-11-01,urgent,/' \
  -e 's/позвонить соседке/+7 705 000 11 22/' bad.csv
run intake --from bad.csv
expect_code 0
expect_stderr "$(summary bad.csv 3 0 0 0 0)"
expect_case_count 6 "after reading the fixed errors file"
run show М-2 -o json
expect_eq "a fixed record" "$(jq -c '[.name, .opened]' "$OUT")" '["Ахметов","2026-02-28"]'
run show М-4 -o json
expect_eq "a fixed record (the error column is ignored)" "$(jq -c '[.name, .urgency, .note]' "$OUT")" '["Бекова Алия","urgent",null]'

# An errors file keeps a ';' file's delimiter.
fresh_store
run_ok init
printf 'name;opened;address\nСемёнова;32.01.2026;"ул. Абая; 5"\nКим;;\n' >semi.csv
run intake --from semi.csv --errors semi-bad.csv
expect_code 0
expect_stdout 2026-00001
expect_eq "the errors file of a ';' file uses ';'" "$(head -1 semi-bad.csv | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')" 'name;opened;address;error'
expect_true "a cell holding ';' is quoted in the errors file" grep -q '"ул. Абая; 5"' semi-bad.csv
sed -i 's/32\.01\.2026/31.01.2026/' semi-bad.csv
run intake --from semi-bad.csv
expect_code 0
expect_stdout 2026-00002
run show 2026-00002 -o json
expect_eq "the fixed ';' record" "$(jq -c '[.name, .opened, .address]' "$OUT")" '["Семёнова","2026-01-31","ул. Абая; 5"]'

# --- NDJSON --------------------------------------------------------------------------------------------
fresh_store
run_ok init
cat >cases.ndjson <<'EOF'
{"external_id": "J-1", "name": "Семёнова Анна", "groups": ["large-family"], "problems": ["долги", "нет работы"], "members": [{"name": "Семёнова Анна", "role": "мать", "birth_date": "1988-04-12"}, {"name": "Илья"}], "consent": true, "consultation": false}

{"external_id": "J-2", "name": "Ахметов", "kind": "person", "members": ["Ахметов Ерлан;отец;01.01.1980"], "groups": "refugee;low-income", "error": "left from an errors file"}
EOF
run intake --from cases.ndjson
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00001 2026-00002)"
expect_stderr "$(summary cases.ndjson 2 0 0 0 0)"
show_json 2026-00001
expect_eq "NDJSON arrays and objects" "$(jq -c '[.groups, .problems, [.members[] | [.name, .role, .birth_date]], .consent]' "$OUT")" \
  '[["large-family"],["долги","нет работы"],[["Семёнова Анна","мать","1988-04-12"],["Илья",null,null]],true]'
show_json 2026-00002
expect_eq "NDJSON: text forms of lists" "$(jq -c '[(.groups | sort), .members[0].birth_date, .kind]' "$OUT")" \
  '[["low-income","refugee"],"1980-01-01","person"]'
run intake --from cases.ndjson
expect_code 0
expect_stderr "$(summary cases.ndjson 0 0 2 0 0)"

cp cases.ndjson again.jsonl
run intake --from again.jsonl
expect_code 0
expect_stderr "$(summary again.jsonl 0 0 2 0 0)"

cat >bad.ndjson <<'EOF'
{"name": "Ким"}
{"name": "Ли", "nmae": "x"}
not json at all
[1, 2]
{"name": "Бекова", "groups": 5}
{"name": "Сапаров", "consultation": "maybe"}
{"name": "Тен", "opened": "2027-01-01"}
EOF
run intake --from bad.ndjson
expect_code 65
expect_stdout ""
expect_stderr_contains "casectl: error: bad.ndjson: record 2 (line 2): 'nmae' is not a case field"
expect_stderr_contains "did you mean 'name'"
expect_stderr_contains "record 3 (line 3): not valid JSON"
expect_stderr_contains "record 4 (line 4): not a JSON object"
expect_stderr_contains "record 5 (line 5): groups"
expect_stderr_contains "record 6 (line 6): consultation"
expect_stderr_contains "record 7 (line 7): opened"
expect_case_count 2 "after a bad NDJSON file"
run intake --from bad.ndjson --errors bad-out.ndjson
expect_code 0
expect_stdout 2026-00003
expect_eq "the NDJSON errors file: one line per bad record" "$(wc -l <bad-out.ndjson)" 6
expect_eq "each line is an object with an error key" "$(jq -r 'has("error")' bad-out.ndjson | sort -u)" true
expect_eq "the record's own keys are kept" "$(head -1 bad-out.ndjson | jq -c '[.name, .nmae]')" '["Ли","x"]'

# stdin: '{' means NDJSON, anything else CSV.
printf '{"name": "Мусина Алия"}\n' >in.txt
run_in in.txt intake --from -
expect_code 0
expect_stdout 2026-00004
expect_stderr "$(summary stdin 1 0 0 0 0)"
printf 'name,note\nТөлеуов,из stdin\n' >in2.txt
run_in in2.txt intake --from -
expect_code 0
expect_stdout 2026-00005
run show 2026-00005 -o json
expect_eq "CSV from stdin" "$(jq -c '[.name, .note]' "$OUT")" '["Төлеуов","из stdin"]'
printf '{"name": "Ошибка"\n' >in3.txt
run_in in3.txt intake --from -
expect_code 65
expect_stderr_contains "casectl: error: stdin: record 1 (line 1)"
run_in in2.txt intake --from - --input-format ndjson
expect_code 65
expect_stderr_contains "not valid JSON"

# --- duplicates ------------------------------------------------------------------------------------------
fresh_store
run_ok init
new_case orig --name 'Семёнова Анна' --district 'Алмалы' --address 'ул. Абая, 5' --phone '+7 (701) 123-45-67' \
  --member 'Семёнова Анна;мать;12.04.1988'

# Single intake: refused by default, exit 4, naming the existing case.
run intake --name 'Другая семья' --phone '8 701 123 45 67'
expect_code 4
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "$orig"
expect_case_count 1 "after a refused duplicate"
run intake --name 'Semyonova Anna' --member 'SEMYONOVA ANNA;mother;1988-04-12'
expect_code 4
expect_stderr_contains "$orig"
run intake --name 'Семёнова' --member 'Семенова Анна;;12.04.1988'
expect_code 4
run intake --name 'Соседи' --district 'Алмалы' --address 'УЛ. АБАЯ 5'
expect_code 4
expect_stderr_contains "$orig"
expect_case_count 1 "after refused duplicates"

# Not duplicates: another birth date, another district, a member without a birth date.
new_case other1 --name 'Семёнова Анна' --member 'Семёнова Анна;мать;13.04.1988'
new_case other2 --name 'Соседи' --district 'Медеу' --address 'ул. Абая, 5'
new_case other3 --name 'Семёнова Анна' --member 'Семёнова Анна;мать'
new_case other4 --name 'Ким' --phone '+7 (701) 123-45-68'

# skip: prints the existing case id, creates nothing.
run intake --name 'Другая семья' --phone '87011234567' --on-duplicate skip
expect_code 0
expect_stdout "$orig"
expect_stderr_contains "duplicate"
expect_case_count 5 "after --on-duplicate skip"

# link: creates the case and records the link in its journal.
run intake --name 'Другая семья' --phone '87011234567' --on-duplicate link
expect_code 0
linked=$(<"$OUT")
expect_true "link prints a new case id" test -n "$linked" -a "$linked" != "$orig"
expect_stderr_contains "$orig"
journal_of "$linked"
expect_eq "the intake journal entry names the possible duplicate" \
  "$(jq -c '.changes.possible_duplicates | map(.case_id)' "$OUT")" "[\"$orig\"]"
expect_true "the link has a reason" test -n "$(jq -r '.changes.possible_duplicates[0].reason' "$OUT")"

# allow: creates the case, no link.
run intake --name 'Третья семья' --phone '87011234567' --on-duplicate allow
expect_code 0
allowed=$(<"$OUT")
journal_of "$allowed"
expect_eq "allow records no link" "$(jq -c '.changes.possible_duplicates' "$OUT")" null
expect_case_count 7 "after link and allow"

# A consultation is not an open case: its phone does not make a duplicate.
fresh_store
run_ok init
new_case consult --name 'Консультация' --phone '+7 777 000 00 01' --consultation
new_case after_consult --name 'Новая семья' --phone '+7 777 000 00 01'

# Bulk: duplicates of the store and of earlier records of the same file.
fresh_store
run_ok init
new_case first --name 'Семёнова Анна' --phone '+7 701 123 45 67'
cat >dups.csv <<'EOF'
name,phone,members
Иванова,+7 702 000 00 01,
Петрова,87011234567,
Иванова-2,8 (702) 000-00-01,
Сидорова,,Сидорова Ольга;мать;1990-01-01
SIDOROVA,,SIDOROVA OLGA;mother;01.01.1990
EOF
run intake --from dups.csv
expect_code 4
expect_stdout ""
expect_stderr_contains "record 2 (line 3)"
expect_stderr_contains "$first"
expect_stderr_contains "record 3 (line 4)"
expect_stderr_contains "record 5 (line 6)"
expect_stderr_lacks "record 1 "
expect_stderr_lacks "record 4 "
expect_case_count 1 "after a file with duplicates"
run intake --from dups.csv --on-duplicate skip
expect_code 0
expect_stdout "$(printf '%s\n' 2026-00002 "$first" 2026-00002 2026-00003 2026-00003)"
expect_stderr_contains "$(summary dups.csv 2 0 0 3 0)"
expect_case_count 3 "after --on-duplicate skip"

fresh_store
run_ok init
new_case first --name 'Семёнова Анна' --phone '+7 701 123 45 67'
run intake --from dups.csv --on-duplicate link
expect_code 0
expect_stderr_contains "$(summary dups.csv 5 0 0 0 0)"
journal_of 2026-00004
expect_eq "a record linked to an earlier record of the same file" \
  "$(jq -c '.changes.possible_duplicates | map(.case_id)' "$OUT")" '["2026-00002"]'

fresh_store
run_ok init
new_case first --name 'Семёнова Анна' --phone '+7 701 123 45 67'
run intake --from dups.csv --on-duplicate allow
expect_code 0
expect_case_count 6 "after --on-duplicate allow"

# Duplicates and bad values together: invalid input wins (65).
fresh_store
run_ok init
printf 'name,phone,opened\nА,+7 701 000 00 09,\nБ,+7 701 000 00 09,\nВ,,позавчера\n' >both.csv
run intake --from both.csv
expect_code 65
expect_no_cases "after a file with a duplicate and a bad value"

# --- a larger file, generated -----------------------------------------------------------------------
fresh_store
run_ok init
awk 'BEGIN {
  print "external_id,name,district,phone,members,problems,note"
  for (i = 1; i <= 3000; i++)
    printf "EXT-%d,\"Семья %d, Қасымова\",Алмалы,+7 700 %07d,\"Мать %d;мать;01.01.1980|Сын %d;сын\",долги;жильё,\"заметка \"\"%d\"\"\"\n", i, i, i, i, i, i
}' >big.csv
run intake --from big.csv
expect_code 0
expect_eq "3000 ids" "$(wc -l <"$OUT")" 3000
expect_eq "the last id" "$(tail -1 "$OUT")" 2026-03000
expect_stderr "$(summary big.csv 3000 0 0 0 0)"
run show EXT-2999 -o json
expect_eq "a record from the middle of the file" "$(jq -c '[.name, .note, (.members | length)]' "$OUT")" '["Семья 2999, Қасымова","заметка \"2999\"",2]'
run intake --from big.csv
expect_code 0
expect_stderr "$(summary big.csv 0 0 3000 0 0)"
expect_eq "a re-run prints the same ids" "$(tail -1 "$OUT")" 2026-03000
run find 'Қасымова' '2999' -o ndjson
expect_eq "bulk-imported cases are findable" "$(jq -r .case_id "$OUT")" 2026-02999

# --- regression: --errors to a device or pipe replaced it with a regular file ----------------------
# (the user guide's own `--errors /dev/null`, run as root, left /dev/null a file of mode 0600). A
# named pipe stands in for the device: it must stay a pipe, and its reader gets the rejected records.
fresh_store
run_ok init
mkfifo rejected.fifo
exec 3<>rejected.fifo # a reader (and a writer, so that reading ends by timeout, not by end of file)
run intake --from mixed.csv --errors rejected.fifo
expect_code 0
got=0
while IFS= read -r -t 2 line <&3; do case $line in *М-*) got=$((got + 1)) ;; esac; done
exec 3<&-
expect_true "the pipe given to --errors is still a pipe" test -p rejected.fifo
expect_eq "the pipe's reader got the rejected records" "$got" "3"
fresh_store
run_ok init
run intake --from mixed.csv --errors rejected.fifo
expect_code 73
expect_stderr_contains "it is a pipe that nobody reads; start its reader first"
expect_no_cases "after --errors to a pipe nobody reads"
expect_eq "nothing left beside it" "$(ls -a | grep -c '^\.casectl-')" "0"

finish
