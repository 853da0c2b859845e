#!/usr/bin/env bash
# casectl intake: registering cases from flags, with Russian and Kazakh data; case ids; refusals.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# --- stdout is the new case id alone ----------------------------------------------------------
run intake --name 'Семья Әбілқасымова' \
  --member 'Әсем Ғалымқызы;мать;05.03.1990' --member 'Нұрлан Қайратұлы;сын;2015-01-02' \
  --member 'Үміт;дочь' --member 'Һәдия Іңкәрқызы' \
  --address 'Алматы, ул. Төле би, 12' --district 'Алмалы' --phone '+7 (701) 123-45-67' \
  --source hotline --referrer 'Школа № 45' --group large-family --group 'Одинокий родитель' \
  --problem 'задолженность за жильё' --problem 'ребёнок не посещает школу' \
  --urgency urgent --consent иә --external-id 'ЕСП-0001' --note 'Өтініш телефон арқылы'
expect_code 0
expect_stdout '2026-00001'
id1=$(<"$OUT")
expect_true "id=\$(casectl intake ...) gives the bare id" test "$id1" == 2026-00001

run show "$id1" -o json
expect_code 0
expect_eq "name kept exactly (Kazakh letters)" "$(jq -r .name "$OUT")" 'Семья Әбілқасымова'
expect_eq "kind defaults to family" "$(jq -r .kind "$OUT")" family
expect_eq "status of a new case" "$(jq -r .status "$OUT")" intake
expect_eq "consultation flag" "$(jq -r .consultation "$OUT")" false
expect_eq "members in order, with roles and ISO birth dates" \
  "$(jq -r '.members[] | [.name, (.role // "-"), (.birth_date // "-")] | join("|")' "$OUT")" \
  "$(printf '%s\n' 'Әсем Ғалымқызы|мать|1990-03-05' 'Нұрлан Қайратұлы|сын|2015-01-02' 'Үміт|дочь|-' 'Һәдия Іңкәрқызы|-|-')"
expect_eq "address" "$(jq -r .address "$OUT")" 'Алматы, ул. Төле би, 12'
expect_eq "district as written (no districts configured)" "$(jq -r .district "$OUT")" 'Алмалы'
expect_eq "phone" "$(jq -r .phone "$OUT")" '+7 (701) 123-45-67'
expect_eq "source" "$(jq -r .source "$OUT")" hotline
expect_eq "referrer" "$(jq -r .referrer "$OUT")" 'Школа № 45'
expect_eq "groups as codes, a label resolved to its code" "$(jq -r '.groups | sort | join(",")' "$OUT")" 'large-family,single-parent'
expect_eq "problems in order" "$(jq -r '.problems | join("|")' "$OUT")" 'задолженность за жильё|ребёнок не посещает школу'
expect_eq "urgency" "$(jq -r .urgency "$OUT")" urgent
expect_eq "consent 'иә' is yes" "$(jq -r .consent "$OUT")" true
expect_eq "external id" "$(jq -r .external_id "$OUT")" 'ЕСП-0001'
expect_eq "note" "$(jq -r .note "$OUT")" 'Өтініш телефон арқылы'
expect_eq "opened defaults to today (CASECTL_TODAY)" "$(jq -r .opened "$OUT")" 2026-11-20
expect_eq "urgent: first response due in 3 days" "$(jq -r .response_due "$OUT")" 2026-11-23T00:00:00Z
expect_eq "created by the acting user" "$(jq -r .created_by "$OUT")" tester

# --- ids count up; the year comes from --opened -------------------------------------------------
run intake --name 'Иванова Мария Петровна' --kind person
expect_code 0
expect_stdout '2026-00002'
run intake --name 'Сәрсенбаев' --opened 2025-06-01
expect_code 0
expect_stdout '2025-00001'
run intake --name 'Жұмабаева' --opened 15.01.2026
expect_code 0
expect_stdout '2026-00003'
run intake --name 'Ким' --opened 31.12.2025
expect_code 0
expect_stdout '2025-00002'

# DD.MM.YYYY dates are stored and shown as ISO 8601.
run show 2026-00003 -o json
expect_eq "DD.MM.YYYY --opened shown as ISO" "$(jq -r .opened "$OUT")" 2026-01-15
expect_eq "routine, opened in the past: due 10 days after that day" "$(jq -r .response_due "$OUT")" 2026-01-25T00:00:00Z
run show 2025-00002 -o tsv
expect_code 0
expect_stdout_contains $'\t2025-12-31\t'
expect_stdout_lacks '31.12.2025'

run show 2026-00002 -o json
expect_eq "--kind person" "$(jq -r .kind "$OUT")" person
expect_eq "consent defaults to no" "$(jq -r .consent "$OUT")" false
expect_eq "source defaults to self" "$(jq -r .source "$OUT")" self
expect_eq "routine by default, due in 10 days" "$(jq -r '[.urgency, .response_due] | join(" ")' "$OUT")" 'routine 2026-11-30T00:00:00Z'

# Surrounding spaces are not part of a value.
new_case spaced --name '  Иванова Мария  ' --district ' Алмалы ' --member '  Иван ; сын ; 01.02.2015 '
run show "$spaced" -o json
expect_eq "name, district and member fields are trimmed" \
  "$(jq -r '[.name, .district, .members[0].name, .members[0].role, .members[0].birth_date] | join("|")' "$OUT")" \
  'Иванова Мария|Алмалы|Иван|сын|2015-02-01'

# --- a consultation -------------------------------------------------------------------------------
new_case consult --name 'Бекова Айгүл' --consultation --urgency emergency --consent ЖОҚ
expect_eq "a consultation takes the next id" "$consult" 2026-00005
run show "$consult" -o json
expect_eq "--consultation gives status consultation" "$(jq -r .status "$OUT")" consultation
expect_eq "--consultation sets consultation true" "$(jq -r .consultation "$OUT")" true
expect_eq "emergency: due within 24 hours" "$(jq -r .response_due "$OUT")" 2026-11-21T00:00:00Z
expect_eq "consent 'ЖОҚ' is no" "$(jq -r .consent "$OUT")" false

# --- bad input: exit 65, the field named, nothing written --------------------------------------
fresh_store
run_ok init

# expect_refused FIELD WORDS: exit 65, "casectl: error:" on stderr naming FIELD and WORDS, no
# stdout, and no case in the store.
expect_refused() {
  expect_code 65
  expect_stdout ""
  expect_stderr_contains "casectl: error:"
  expect_stderr_contains "$1"
  [ -n "${2:-}" ] && expect_stderr_contains "$2"
  expect_no_cases "after a refused intake"
}

run intake --name ''
expect_refused "name" "is empty"
run intake --name '   '
expect_refused "name" "is empty"
run intake --name 'Семёнова' --group large-famly
expect_refused "group" "did you mean 'large-family'"
run intake --name 'Семёнова' --group 'Многодетная семя'
expect_refused "group" "did you mean 'Многодетная семья'"
run intake --name 'Семёнова' --source hotlin
expect_refused "source" "did you mean 'hotline'"
run intake --name 'Семёнова' --source 'сарафанное радио'
expect_refused "source" "unknown source 'сарафанное радио'"
run intake --name 'Семёнова' --urgency urgnet
expect_refused "urgency" "did you mean 'urgent'"
run intake --name 'Семёнова' --kind famly
expect_refused "kind" "did you mean 'family'"
run intake --name 'Семёнова' --opened 31.02.2026
expect_refused "opened" "31.02.2026"
run intake --name 'Семёнова' --opened 2026/11/01
expect_refused "opened" "YYYY-MM-DD"
run intake --name 'Семёнова' --opened позавчера
expect_refused "opened" "позавчера" # вчера (yesterday) is a date: docs/scripting.md#dates
run intake --name 'Семёнова' --opened 2026-11-21
expect_refused "opened" "in the future"
run intake --name $'Сем\xffнова'
expect_refused "name" "UTF-8"
run intake --name 'Семёнова' --note $'\xd0'
expect_refused "note" "UTF-8"
run intake --name 'Семёнова' --member $'\xff;мать'
expect_refused "member 1" "UTF-8"
run intake --name $'Семёнова\x01'
expect_refused "name" "control character"
run intake --name 'Семёнова' --member 'Анна;мать;1990-01-01;;дома;лишнее'
expect_refused "member 1" "NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE"
run intake --name 'Семёнова' --member ';сын;2015-01-02'
expect_refused "member 1" "name is empty"
run intake --name 'Семёнова' --member 'Анна;мать;1990-02-30'
expect_refused "member 1 birth date" "1990-02-30"
run intake --name 'Семёнова' --member 'Анна;дочь;01.01.2027'
expect_refused "member 1 birth date" "in the future"
run intake --name 'Семёнова' --member 'Анна;мать' --member 'Бота;дочь;tomorrow'
expect_refused "member 2" "tomorrow"
run intake --name 'Семёнова' --phone 'позвонить соседке'
expect_refused "phone" "not a phone number"
run intake --name 'Семёнова' --phone '12'
expect_refused "phone" "not a phone number"
run intake --name 'Семёнова' --consent maybe
expect_refused "consent" "'maybe'"
run intake --name 'Семёнова' --consent ''
expect_refused "consent" "neither yes nor no"

# Every problem at once, one line per field.
run intake --name '' --phone abc --consent может --opened 2030-01-01
expect_refused "name"
expect_stderr_contains "phone:"
expect_stderr_contains "consent:"
expect_stderr_contains "opened:"

# --- conflicts and usage errors ------------------------------------------------------------------
new_case first --name 'Омарова' --external-id 'EXT-77'
expect_eq "first case in the fresh store" "$first" 2026-00001
run intake --name 'Омарова-2' --external-id 'EXT-77'
expect_code 4
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "EXT-77"
expect_stderr_contains "$first"
expect_case_count 1 "a duplicate external id writes nothing"

run intake --district 'Медеу'
expect_code 2
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "--name"

run intake --name 'Омарова' --frobnicate
expect_code 2
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "--frobnicate"

run intake --name
expect_code 2
expect_stdout ""
expect_stderr_contains "--name"
expect_case_count 1 "usage errors write nothing"

# The counter does not skip numbers after refusals.
new_case next --name 'Нұрғалиева'
expect_eq "refused intakes use no id" "$next" 2026-00002

# --- districts from the config: unknown district is refused with a suggestion ------------------
fresh_store
cat >casectl.toml <<'EOF'
[districts]
almaly = "Алмалы"
auezov = "Әуезов"
medeu = { ru = "Медеу", en = "Medeu" }
EOF
run intake --name 'Тоқтарова' --district 'Ауезов'
expect_refused "district" "did you mean 'Әуезов'"
expect_stderr_contains "unknown district 'Ауезов'"
run intake --name 'Тоқтарова' --district 'Алмолы'
expect_refused "district" "did you mean 'Алмалы'"
new_case district_case --name 'Тоқтарова' --district 'МЕДЕУ'
run show "$district_case" -o json
expect_eq "a district label (any case) is stored as its code" "$(jq -r .district "$OUT")" medeu
new_case district_case --name 'Тоқтарова' --district 'әуезов'
run show "$district_case" -o json
expect_eq "a Kazakh label, case-folded, is stored as its code" "$(jq -r .district "$OUT")" auezov
rm casectl.toml

# The same through --config FILE.
mkdir -p "$TEST_DIR/region"
printf '[districts]\nalmaly = "Алмалы"\n' >"$TEST_DIR/region/config.toml"
fresh_store
run --config "$TEST_DIR/region/config.toml" intake --name 'Тоқтарова' --district 'Алмолы'
expect_refused "district" "did you mean 'Алмалы'"
run intake --config "$TEST_DIR/region/config.toml" --name 'Тоқтарова' --district 'Медеу'
expect_refused "district" "unknown district 'Медеу'"
run intake --name 'Тоқтарова' --district 'Медеу'
expect_code 0
expect_stdout '2026-00001'

finish
