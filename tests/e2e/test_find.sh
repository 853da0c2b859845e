#!/usr/bin/env bash
# casectl find and list --name: lookups by name, address, phone, note and problems, in Russian,
# Kazakh and Latin spellings of the same names.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# found ARGS...: runs `casectl ARGS... -o ndjson`, expects exit 0, and prints the case ids found,
# sorted, on one line separated by spaces.
found() {
  run "$@" -o ndjson
  expect_code 0
  jq -r .case_id "$OUT" | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect_found "IDS" ARGS...: `casectl ARGS...` finds exactly these cases (in any order).
expect_found() {
  local want=$1
  shift
  local got
  got=$(found "$@")
  expect_eq "$(describe_command "$@") finds exactly: ${want:-nothing}" "$got" "$want"
}

# --- the data -------------------------------------------------------------------------------
run_ok init
new_case a --name 'Семёнова Анна' --district 'Алмалы' --phone '+7 (701) 123-45-67' \
  --address 'Алматы, ул. Төле би, 12' \
  --member 'Семёнова Анна;мать;12.04.1988' --member 'Семёнов Илья;сын;2014-09-01'
new_case b --name 'Ахметов Ерлан' --kind person --note 'Работает на стройке'
new_case c --name 'Жұмабаева Гүлнар' --problem 'задолженность за жильё' --problem 'нет документов'
new_case d --name 'Ivanova Olga' --kind person
new_case e --name 'ӘБІЛҚАСЫМОВА Әсем' --district 'Медеу'
new_case f --name 'Семёнова Ольга' --consultation
new_case g --name 'Ғалымжанов Нұрлан' --member 'Үміт Һадиева;жена' --address 'ул. Абая, 5'
expect_eq "ids of the data set" "$a $b $c $d $e $f $g" \
  "2026-00001 2026-00002 2026-00003 2026-00004 2026-00005 2026-00006 2026-00007"

# --- names: any case, ё = е, prefixes ---------------------------------------------------------
expect_found "$a $f" find 'Семёнова'
expect_found "$a $f" find 'семёнова'
expect_found "$a $f" find 'СЕМЁНОВА'
expect_found "$a $f" find 'Семенова'
expect_found "$a $f" find 'Семён'
expect_found "$a $f" find 'сем'
expect_found "$a" find 'Семёнова' 'Анна'
expect_found "$a" find 'Семёнова Анна'
expect_found "$a" find 'анна семёнова'
expect_found "" find 'Семёнова Мария'
expect_found "" find 'Zzyzx'

# --- Latin transliterations find Cyrillic, and back ---------------------------------------------
expect_found "$a $f" find 'Semyonova'
expect_found "$a $f" find 'SEMENOVA'
expect_found "$a $f" find 'semenova'
expect_found "$a" find 'Semyonova Anna'
expect_found "$b" find 'Akhmetov'
expect_found "$b" find 'AHMETOV'
expect_found "$b" find 'ахметов'
expect_found "$c" find 'Jumabayeva'
expect_found "$c" find 'Zhumabaeva'
expect_found "$c" find 'ЖҰМАБАЕВА'
expect_found "$c" find 'Жумабаева'
expect_found "$d" find 'Иванова'
expect_found "$d" find 'ИВАНОВА'
expect_found "$d $f" find 'Olga'
expect_found "$d $f" find 'Ольга'
expect_found "$a" find 'Ilya'
expect_found "$a" find 'Илья'

# --- Kazakh letters: case folding and transliteration ----------------------------------------------
expect_found "$e" find 'әбілқасымова'
expect_found "$e" find 'Әбілқасымова'
expect_found "$e" find 'Abilkasymova'
expect_found "$e" find 'әсем'
expect_found "$e" find 'ӘСЕМ'
expect_found "$g" find 'ғалымжанов'
expect_found "$g" find 'ҒАЛЫМЖАНОВ'
expect_found "$g" find 'Galymzhanov'
expect_found "$g" find 'НҰРЛАН'
expect_found "$g" find 'Nurlan'
expect_found "$g" find 'үміт'
expect_found "$g" find 'ҮМІТ'
expect_found "$g" find 'һадиева'
expect_found "$g" find 'Hadieva'
expect_found "$c" find 'гүлнар'
expect_found "$c" find 'Gulnar'

# --- address, note, problems, phone -------------------------------------------------------------
expect_found "$a" find 'Төле би'
expect_found "$a" find 'tole'
expect_found "$g" find 'Абая'
expect_found "$b" find 'стройке'
expect_found "$b" find 'СТРОЙК'
expect_found "$c" find 'задолженность'
expect_found "$c" find 'жилье'
expect_found "$c" find 'документов'
expect_found "$a" find '123-45-67'
expect_found "$a" find '+7 701 123 45 67'
expect_found "$a" find '+7 (701) 123-45-67'
expect_found "$a" find '8 701 1234567'
expect_found "$a" find '1234567'
expect_found "" find '765-43-21'

# --- --open: not closed, not consultations ---------------------------------------------------------
expect_found "$a" find --open 'Семёнова'
expect_found "$d" find --open 'Olga'

# --- a query with nothing to search for ------------------------------------------------------------
for query in '...' '!!!' '-' '—' '«»' ' '; do
  run find -- "$query"
  expect_code 65
  expect_stdout ""
  expect_stderr_contains "casectl: error:"
done
run find
expect_code 2
expect_stdout ""

# --- output formats ---------------------------------------------------------------------------------
run find 'Семёнова' -o json
expect_code 0
expect_eq "find -o json is an array of the matches" "$(jq -r '[.[].case_id] | sort | join(" ")' "$OUT")" "$a $f"
find_keys=$(jq -c '.[0] | keys_unsorted' "$OUT")
run list -o json
expect_eq "find -o json has the fields of list -o json" "$find_keys" "$(jq -c '.[0] | keys_unsorted' "$OUT")"
run find 'Akhmetov' -o json
expect_eq "find -o json: the record of the match" "$(jq -c '.[0] | [.case_id, .name, .kind]' "$OUT")" \
  "[\"$b\",\"Ахметов Ерлан\",\"person\"]"
run find 'Zzyzx' -o json
expect_code 0
expect_eq "find -o json with no match is []" "$(jq -c . "$OUT")" '[]'
run find 'Akhmetov' -o tsv
expect_code 0
expect_eq "find -o tsv: a header and one row" "$(wc -l <"$OUT")" 2
expect_true "find -o tsv: the header" grep -qx $'case_id\tstatus\turgency\tkind\tname\tdistrict\topened\tcase_manager\tgroups\tmembers_count' "$OUT"
expect_stdout_contains $'2026-00002\tintake\troutine\tperson\tАхметов Ерлан\t'
run find 'Akhmetov' -o tsv --no-headers
expect_code 0
expect_eq "find --no-headers: only the row" "$(wc -l <"$OUT")" 1
run find 'Akhmetov' -o csv
expect_code 0
expect_true "find -o csv: the header" grep -q '^case_id,status,urgency,kind,name,district,opened,case_manager,groups,members_count' "$OUT"
expect_stdout_contains '2026-00002,intake,routine,person,Ахметов Ерлан,'
run find 'Akhmetov' -o table
expect_code 0
expect_stdout_contains 'СЛУЧАЙ'
expect_stdout_contains 'Ахметов Ерлан'
run find 'Semyonova'
expect_code 0
expect_eq "find piped defaults to TSV with a header" "$(head -1 "$OUT" | cut -f1)" case_id
run find 'Akhmetov' -o yaml
expect_code 2

# --- list --name ---------------------------------------------------------------------------------------
expect_found "$a $f" list --name 'Семёнова'
expect_found "$a $f" list --name 'SEMYONOVA'
expect_found "$a $f" list --name 'Семён'
expect_found "$a" list --name 'Илья'
expect_found "$b" list --name 'Akhmetov'
expect_found "$c" list --name 'Jumabayeva'
expect_found "$e" list --name 'abilkasymova'
expect_found "$g" list --name 'Һадиева'
expect_found "" list --name 'стройке'
expect_found "" list --name 'Төле'
expect_found "" list --name 'задолженность'
expect_found "$a" list --name 'Семёнова' --district 'Алмалы'
expect_found "$a" list --name 'Семёнова' --status intake
run list --name '...'
expect_code 65
expect_stdout ""
expect_stderr_contains "casectl: error:"
run list --name 'Семёнова' -o json
expect_eq "list --name -o json sorted by case id" "$(jq -r '[.[].case_id] | join(" ")' "$OUT")" "$a $f"

# --- the order of find, --limit, --all -------------------------------------------------------------------
# Cases in whose names every word typed is a whole word come first; then the others; each part
# alphabetically by name (ә after а, Latin before Cyrillic), then by case id.
fresh_store
run_ok init
new_case far --name 'Петрова Дарья' --note 'Соседи говорят, что у Кимов во дворе часто шумят по ночам и что дети остаются одни'
new_case near --name 'Ким Сергей' --member 'Ким Сергей;отец' --member 'Ким Виктория;дочь'
new_case prefix --name 'Кимова Алия'
new_case member --name 'Алиева Гүлнар' --member 'Алиев Ким;муж'
new_case twin1 --name 'Ким Анна'
new_case twin2 --name 'Ким Анна'
new_case latin --name 'Kim Olga' --note 'переехала'
new_case kazakh --name 'Әлиева Жанар' --note 'Kimberley'
run find 'Ким' -o ndjson
expect_code 0
expect_eq "find: whole words of the names first, then the rest, each by name, then case id" \
  "$(jq -r .case_id "$OUT" | tr '\n' ' ')" "$latin $member $twin1 $twin2 $near $kazakh $prefix $far "
run find 'Ким' -o ndjson --limit 3
expect_eq "find --limit 3 keeps the first three of that order" "$(jq -r .case_id "$OUT" | tr '\n' ' ')" "$latin $member $twin1 "
run find 'ким анна' -o ndjson
expect_eq "find: several words, each whole in the names" "$(jq -r .case_id "$OUT" | tr '\n' ' ')" "$twin1 $twin2 "
run find 'Ки' -o ndjson
expect_eq "find: a prefix of every name ranks none above another: by name" \
  "$(jq -r .case_id "$OUT" | tr '\n' ' ')" "$latin $member $kazakh $twin1 $twin2 $near $prefix $far "
run list --name 'Ким' -o ndjson
expect_eq "list --name keeps its own order, by case id" "$(jq -r .case_id "$OUT" | tr '\n' ' ')" \
  "$near $prefix $member $twin1 $twin2 $latin "

# 60 cases with the same surname, from a bulk intake.
{
  echo 'name,note'
  for i in $(seq 1 60); do echo "Тестова $i,запись $i"; done
} >many.csv
run intake --from many.csv
expect_code 0
expect_eq "60 cases registered" "$(wc -l <"$OUT")" 60
run find 'Тестова' -o ndjson
expect_code 0
expect_eq "find shows 50 matches by default" "$(wc -l <"$OUT")" 50
expect_stderr "casectl: the first 50 matches shown, best first; --all for every match, or --limit N"
run find 'Тестова' -o ndjson --limit 7
expect_code 0
expect_eq "find --limit 7" "$(wc -l <"$OUT")" 7
expect_stderr_contains "the first 7 matches shown" # regression: find stopped at the limit silently
run find 'Тестова' -o ndjson --limit 60
expect_eq "find --limit at the number of matches: all of them" "$(wc -l <"$OUT")" 60
expect_stderr_empty
run find 'Тестова' -o ndjson --all
expect_code 0
expect_eq "find --all" "$(wc -l <"$OUT")" 60
expect_stderr_empty
run find 'Testova' -o json --all
expect_eq "find --all -o json" "$(jq length "$OUT")" 60
# Regression: --limit -1 was silently unlimited and 0 printed nothing; both are refused now.
run find 'Тестова' -o ndjson --limit 0
expect_code 2
expect_stdout ""
expect_stderr_contains "--limit takes a whole number ≥ 1"
run find 'Тестова' --limit -1
expect_code 2
expect_stderr_contains "--limit takes a whole number ≥ 1"
run find 'Тестова' --limit lots
expect_code 2
run find 'Тестова' '17' -o ndjson
expect_eq "two words: both must match (name and note)" "$(jq -r .name "$OUT")" 'Тестова 17'

# `| head` ends quietly.
"$CASECTL" find 'Тестова' --all -o tsv 2>"$ERR" | head -1 >/dev/null
expect_eq "find | head: exit status of casectl" "${PIPESTATUS[0]}" 0
# shellcheck disable=SC2034 # (read by lib.sh)
LAST_COMMAND="casectl find Тестова --all | head -1"
expect_stderr_empty

# --- names in every official spelling: BGN/PCGN and passports (’ ” for ь ъ), the Kazakh Latin of 2021,
# GOST 7.79 B, ICAO 9303 (passports since 2013), and the common gh, j --------------------------------------
fresh_store
run_ok init
new_case pod --name 'Подъячев Ильин' --member 'Подъячев Ильин;отец' --member 'Цветкова Юлия;мать' \
  --member 'Хрущёва Наталья;дочь'
new_case kaz --name 'Шыңғыс Өмірбек' --member 'Ғалымова Әйгерім;жена'
new_case zai --name 'Зайцев Сергей' --kind person
new_case lat --name 'Il’ina Natal’ya' --member 'Il’ina Natal’ya;мать' --member 'Şyñğys Äigerım;дочь'
# Apostrophes inside a word are dropped, not a split into words: Il’in is Ильин (and the start of Il’ina).
expect_found "$pod $lat" find 'Il’in'
expect_found "$pod $lat" find "Il'in"
expect_found "$pod $lat" find 'Natal’ya'
expect_found "$pod" find 'Pod”yachev'
expect_found "$pod" find "Pod''yachev Il'in"
expect_found "$pod $lat" find "'Ильин'"
# The Kazakh Latin of 2021, and the digraphs of passports.
expect_found "$kaz $lat" find 'Şyñğys'
expect_found "$kaz $lat" find 'ŞYÑĞYS'
expect_found "$kaz $lat" find 'Shyngys'
expect_found "$kaz" find 'Ömırbek'
expect_found "$kaz" find 'Omirbek'
expect_found "$kaz $lat" find 'Äigerım'
expect_found "$kaz $lat" find 'Aigerim'
expect_found "$kaz" find 'Ghalymova'
expect_found "$kaz" find 'Ğalymova Äigerım'
# ICAO 9303: ъ as IE, й as I, я as IA, ю as IU, ц as TS.
expect_found "$pod" find 'PODIEIACHEV'
expect_found "$pod" find 'TSVETKOVA IULIIA'
expect_found "$zai" find 'ZAITSEV SERGEI'
expect_found "$pod $lat" find 'NATALIA'
# GOST 7.79 System B: x for х, shh for щ, j for й, cz and c for ц, ` for ь and ъ.
expect_found "$pod" find 'Czvetkova'
expect_found "$pod" find 'Cvetkova'
expect_found "$pod" find 'Xrushhyova'
expect_found "$pod" find 'Pod``yachev'
expect_found "$zai" find 'Zajcev Sergej'
expect_found "$zai" find 'Zajczev'
# Common spellings: j for й and ь before a vowel.
expect_found "$pod" find 'Julia'
expect_found "$pod $lat" find 'Natalja'
# And back: a case registered in Latin letters is found in Cyrillic.
expect_found "$lat" find 'Ильина'
expect_found "$lat" find 'Ильина Наталья'
expect_found "$kaz $lat" find 'Шыңғыс'
expect_found "$kaz $lat" find 'Әйгерім'
expect_found "$kaz $lat" list --name 'Әйгерім'
expect_found "$lat" list --name 'ILINA NATALIA'
# A spelling that is no name here finds nothing.
expect_found "" find 'Xrushhyov Sergej'
expect_found "" find 'Şolpan'

# --- the store is missing ------------------------------------------------------------------------
fresh_store
run find 'Семёнова'
expect_code 66
expect_stderr_contains "casectl: error:"

finish
