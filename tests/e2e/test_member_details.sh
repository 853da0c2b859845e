#!/usr/bin/env bash
# Who each household member is: a relationship code found from the role (with its label), where a
# member lives when not with the household, age and minority at a date, and national identifiers
# (ИИН with its check digit and birth date, СНИЛС with its checksum): checked at intake and edit,
# used by duplicate detection, found by `find`, masked by --redact, `list --minors`.
. "$(dirname "$0")/lib.sh"
export CASECTL_TODAY=2026-12-03
store_state() { store_sql "SELECT count(*) FROM cases; SELECT count(*) FROM members; SELECT count(*) FROM journal;"; }

# Valid numbers: ИИН 880115400122 (born 15.01.1988, check digit 2), 150302500123 (born 02.03.2015);
# СНИЛС 112-233-445 95 (checksum 95).
new_case fam --name 'Семья Сапаровых' --opened 2019-06-01 \
  --member 'Сапарова Гүлнұр;мать;15.01.1988;880115400122' \
  --member 'Сапаров Ерлан;сын;02.03.2015;150302500123;у тёти, ул. Абая 5' \
  --member 'Иванова Мария;тетя (по матери)' \
  --member 'Петров Олег;отчим;;112-233-445 95' \
  --member 'Сапаров Дамир;Внук;2008-12-04'
run_ok show "$fam" -o json
expect_eq "the relationship is found from the role, the role kept as typed" \
  "$(jq -c '[.members[] | [.role, .relationship, .relationship_label]]' "$OUT")" \
  '[["мать","mother","Мать"],["сын","son","Сын"],["тетя (по матери)","aunt","Тётя"],["отчим","stepfather","Отчим"],["Внук","grandchild","Внук (внучка)"]]'
expect_eq "national ids are kept as digits, with their kind" \
  "$(jq -c '[.members[] | [.national_id, .national_id_kind]]' "$OUT")" \
  '[["880115400122","iin"],["150302500123","iin"],[null,null],["11223344595","snils"],[null,null]]'
expect_eq "who lives elsewhere, and where" "$(jq -c '[.members[].lives_elsewhere]' "$OUT")" \
  '[null,"у тёти, ул. Абая 5",null,null,null]'
expect_eq "age today, and minority (18 tomorrow: still a minor)" "$(jq -c '[.members[] | [.age, .minor]]' "$OUT")" \
  '[[38,false],[11,true],[null,null],[null,null],[17,true]]'
run_ok show "$fam" -o json --today 2026-12-04
expect_eq "one day later the grandson is of age" "$(jq -c '.members[4] | [.age, .minor]' "$OUT")" '[18,false]'
run_ok show "$fam" --as-of 2020-01-01 -o json
expect_eq "ages as of a past day" "$(jq -c '[.members[0].age, .members[1].age]' "$OUT")" '[31,4]'

# The documents print them on the member's line.
run_ok show "$fam" --template passport
expect_stdout_contains "1. Сапарова Гүлнұр, мать, 15.01.1988 г. р., ИИН 880115400122"
expect_stdout_contains "2. Сапаров Ерлан, сын, 02.03.2015 г. р., ИИН 150302500123; проживает отдельно: у тёти, ул. Абая 5"
expect_stdout_contains "4. Петров Олег, отчим, СНИЛС 11223344595"
run_ok show "$fam" --template case --lang en
expect_stdout_contains "4. Петров Олег, отчим, SNILS 11223344595"
run_ok show "$fam" -o table
expect_true "a table card's member line: the stored facts, not the derived ones" \
  grep -qE "^ +2, Сапаров Ерлан, сын, 2015-03-02, 150302500123, у тёти, ул. Абая 5$" "$OUT"

# Refused, nothing written, each problem named by member.
expect_refused 65 "a wrong ИИН check digit" intake --name 'X' --member 'A;мать;15.01.1988;880115400123'
expect_stderr_contains "member 1 national id: '880115400123' is not a valid ИИН: its check digit is 2, not 3"
expect_refused 65 "an ИИН of another birth date" intake --name 'X' --member 'A;мать;16.01.1988;880115400122'
expect_stderr_contains "member 1 national id: the ИИН 880115400122 is of someone born 1988-01-15, but the birth date given is 1988-01-16"
expect_refused 65 "a wrong СНИЛС checksum" intake --name 'X' --member 'A;;;112-233-445 96'
expect_stderr_contains "member 1 national id: '112-233-445 96' is not a valid СНИЛС: its checksum is 95, not 96"
expect_refused 65 "too few digits" intake --name 'X' --member 'A;;;12345'
expect_stderr_contains "member 1 national id: '12345' has 5 digits; an ИИН has 12, a СНИЛС 11"
expect_refused 65 "letters in a national id" intake --name 'X' --member 'A;;;ИИН 880115400122'
expect_stderr_contains "is not a national id: write the digits of an ИИН (12) or a СНИЛС (11)"
expect_refused 65 "six parts" intake --name 'X' --member 'A;мать;;;дома;лишнее'
expect_stderr_contains "has 6 parts; write NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE"

# The same person in another open case: a likely duplicate, by national id.
expect_refused 4 "the same ИИН in another open case" intake --name 'Другая семья' --member 'Гүлнұр;;;880115 400 122'
expect_stderr_contains "likely a duplicate of $fam (same ИИН as Сапарова Гүлнұр)"
run_ok intake --name 'Другая семья' --member 'Гүлнұр;;;880115 400 122' --on-duplicate link
other=$(<"$OUT")
run_ok log "$other" -o json
expect_eq "the link says why" "$(jq -c '.[0].changes.possible_duplicates' "$OUT")" \
  "[{\"case_id\":\"$fam\",\"reason\":\"same ИИН as Сапарова Гүлнұр\"}]"

# find: a national id, typed with or without separators, finds the case; so does a СНИЛС.
run_ok find 150302500123 -o tsv --no-headers
expect_eq "find by ИИН" "$(cut -f1 "$OUT")" "$fam"
run_ok find '112-233-445 95' -o tsv --no-headers
expect_eq "find by СНИЛС" "$(cut -f1 "$OUT")" "$fam"
run_ok find 880115400122 -o tsv --no-headers
expect_eq "find by an ИИН two cases share" "$(cut -f1 "$OUT" | sort | tr '\n' ' ')" "$(printf '%s\n' "$fam" "$other" | sort | tr '\n' ' ')"

expect_eq "the start of an ИИН (a birth date) is no phone number's prefix: nothing found" \
  "$("$CASECTL" find 880115 -o tsv --no-headers 2>/dev/null)" ""

# An edit that gives a member another open case's ИИН is a likely duplicate, as at intake.
new_case third --name 'Третья семья' --member 'Ким Ли'
expect_refused 4 "an ИИН edited in that another open case has" edit "$third" --edit-member '1;;;;150302500123'
expect_stderr_contains "looks like $fam (same ИИН as Сапаров Ерлан)"

# --redact: the number masked but for its last two digits, where one lives hidden, codes kept;
# a national id typed into a note kept by redact.keep is masked there too.
printf '[redact]\nkeep = ["note"]\n' >"$TEST_DIR/keep.toml"
run_ok edit "$fam" --note 'Ерлан, ИИН 150302500123, живёт у тёти'
CASECTL_CONFIG=$TEST_DIR/keep.toml run_ok show "$fam" --redact -o json
expect_eq "masked" "$(jq -c '.members[1] | [.national_id, .lives_elsewhere, .relationship, .national_id_kind, .age]' "$OUT")" \
  '["**********23","[адрес скрыт]","son","iin",11]'
expect_eq "masked in the note (and the words of where he lives)" "$(jq -r .note "$OUT")" "Е., ИИН **********23, живёт у [адрес скрыт]"

# edit: parts 5 and 6 of --edit-member; '-' clears them.
run_ok edit "$fam" --edit-member '2;;;;;-' --edit-member '3;;;;;в Алматы'
run_ok show "$fam" -o json
expect_eq "back with the household; another away" "$(jq -c '[.members[1].lives_elsewhere, .members[2].lives_elsewhere]' "$OUT")" \
  '[null,"в Алматы"]'
expect_refused 65 "an edit checks the national id as intake does" edit "$fam" --edit-member '3;;;;12345678901'
expect_stderr_contains "member 3 national id: '12345678901' is not a valid СНИЛС"
run_ok edit "$fam" --edit-member '4;;;;-'
run_ok show "$fam" -o json
expect_eq "a national id cleared" "$(jq -c '.members[3].national_id' "$OUT")" 'null'
run_ok edit "$fam" --remove-member 2 --reason 'переехал к тёте'
run_ok show "$fam" -o json
expect_eq "a removed member keeps them" "$(jq -c '.removed_members[0] | [.relationship, .national_id, .age]' "$OUT")" \
  '["son","150302500123",11]'

# list --minors: the cases with a member under 18 today.
new_case adults --name 'Одинокая пенсионерка' --member 'Ким Анна;;1950-05-05'
run_ok list --minors -o tsv --no-headers
expect_eq "the cases with minors" "$(cut -f1 "$OUT" | tr '\n' ' ')" "$fam "
run_ok list --minors --today 2026-12-04 -o tsv --no-headers
expect_eq "a day later, no minor is left" "$(cut -f1 "$OUT")" ""

# A bulk record's member object carries them too.
printf '%s\n' '{"name": "Семья Ахметовых", "members": [{"name": "Ахметова Дина", "role": "мать", "birth_date": "1988-01-15", "national_id": "880115400122", "lives_elsewhere": "в Астане"}]}' \
  >"$TEST_DIR/bulk.ndjson"
run_ok intake --from "$TEST_DIR/bulk.ndjson" --on-duplicate allow
bulk=$(<"$OUT")
run_ok show "$bulk" -o json
expect_eq "from a file" "$(jq -c '.members[0] | [.relationship, .national_id, .lives_elsewhere]' "$OUT")" \
  '["mother","880115400122","в Астане"]'

# A JSON member's text with ';' (which separates a member's parts) is refused, not shifted.
printf '%s\n' '{"name": "Семья Ж", "members": [{"name": "Ж", "lives_elsewhere": "у бабушки; Алматы"}]}' >"$TEST_DIR/semi.ndjson"
expect_refused 65 "';' inside a member's field" intake --from "$TEST_DIR/semi.ndjson"
expect_stderr_contains "members: lives_elsewhere 'у бабушки; Алматы' holds ';'"

# An update by external id from a system without these columns keeps what staff recorded.
new_case ext --name 'Семья Омаровых' --external-id 'EXT-1' --member 'Омарова Айгерим;мать;1988-01-15'
run_ok edit "$ext" --edit-member '1;;;;880115400122;в Астане' --on-duplicate allow
printf '%s\n' '{"external_id": "EXT-1", "name": "Семья Омаровых", "members": [{"name": "Омарова Айгерим", "role": "мать", "birth_date": "1988-01-15"}]}' \
  >"$TEST_DIR/update.ndjson"
run_ok intake --from "$TEST_DIR/update.ndjson" --on-existing update --on-duplicate allow
run_ok show "$ext" -o json
expect_eq "the national id and where she lives are kept" "$(jq -c '.members[0] | [.number, .national_id, .lives_elsewhere]' "$OUT")" \
  '[1,"880115400122","в Астане"]'

# A region's own relationships, by code.
printf '[relationships]\ngodmother = { ru = "Крёстная", en = "Godmother" }\n' >"$TEST_DIR/rel.toml"
CASECTL_CONFIG=$TEST_DIR/rel.toml new_case god --name 'Семья Ли' --member 'Ли Ольга;крёстная'
CASECTL_CONFIG=$TEST_DIR/rel.toml run_ok show "$god" -o json
expect_eq "a configured relationship" "$(jq -c '.members[0] | [.relationship, .relationship_label]' "$OUT")" '["godmother","Крёстная"]'
run_ok show "$god" -o json
expect_eq "a stored relationship stays when the config no longer has it" "$(jq -c '.members[0].relationship' "$OUT")" '"godmother"'

finish
