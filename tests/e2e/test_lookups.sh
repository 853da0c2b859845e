#!/usr/bin/env bash
# casectl show, list and log: the quick lookups of a coordinator.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# --- an empty store ---------------------------------------------------------------------------
run_ok init
run list
expect_code 0
expect_stdout $'case_id\tstatus\turgency\tkind\tname\tdistrict\topened\tcase_manager\tgroups\tmembers_count'
expect_stderr_empty
run list --no-headers
expect_code 0
expect_stdout ""
run list -o json
expect_code 0
expect_eq "an empty list in JSON is []" "$(jq -c . "$OUT")" "[]"
run list -o ndjson
expect_code 0
expect_stdout ""
run list -o table
expect_code 0
expect_stdout 'СЛУЧАЙ  СТАТУС  СРОЧНОСТЬ  ВИД  ИМЯ  РАЙОН  ОТКРЫТ  КУРАТОР  КАТЕГОРИИ  СОСТАВ'
run --lang kk list -o table
expect_stdout 'ІС  МӘРТЕБЕСІ  ШҰҒЫЛДЫҒЫ  ТҮРІ  АТЫ  АУДАН  АШЫЛДЫ  ЖАУАПТЫ МАМАН  САНАТТАР  ҚҰРАМЫ'
run --lang en list -o table
expect_stdout 'CASE  STATUS  URGENCY  KIND  NAME  DISTRICT  OPENED  MANAGER  GROUPS  MEMBERS'
run --lang kk list -o tsv
expect_stdout 'case_id	status	urgency	kind	name	district	opened	case_manager	groups	members_count'

# --- the data -------------------------------------------------------------------------------
new_case a --name 'Семёнова Анна' --district 'Алмалы' --opened 2026-01-10 --group large-family \
  --member 'Семёнова Анна;мать;12.04.1988' --member 'Семёнов Илья;сын;2014-09-01' --member 'Семёнова Ева;дочь'
new_case b --name 'Әбенов Ерлан' --kind person --district 'Медеу' --urgency emergency --opened 2026-03-05 \
  --group disability --external-id 'ЕСП-2002'
new_case c --name 'Ivanova Olga' --consultation --urgency urgent --district 'Алмалы' --opened 01.02.2026 --group refugee
new_case d --name 'Жақсылықова Гүлнар' --district 'Медеу' --urgency urgent --group large-family --group low-income
new_case e --name 'Ким Сергей' --urgency emergency --opened 31.12.2025 --external-id '2026-00001'
expect_eq "ids of the data set" "$a $b $c $d $e" "2026-00001 2026-00002 2026-00003 2026-00004 2025-00001"

# --- show ------------------------------------------------------------------------------------
run show "$a" -o json
expect_code 0
expect_stderr_empty
expect_eq "show -o json prints one object" "$(jq -s -c 'map(type)' "$OUT")" '["object"]'
expect_eq "show -o json has the documented fields" "$(jq -c 'keys_unsorted' "$OUT")" \
  '["case_id","kind","consultation","status","name","district","address","phone","source","referrer","urgency","response_due","consent","external_id","groups","problems","members","note","opened","closed","case_manager","created_at","created_by","updated_at","risk","assessments","supervisor","team","next_review_on","services","events","task_notes","closure","closures","removed_members","kind_label","status_label","urgency_label","district_label","source_label","groups_label","risk_label","case_manager_name","supervisor_name","agencies_informed"]'
expect_eq "case_id, kind, status, name" "$(jq -r '[.case_id, .kind, .status, .name] | join("|")' "$OUT")" \
  '2026-00001|family|intake|Семёнова Анна'
expect_eq "members[].birth_date: ISO dates, null when unknown" "$(jq -c '[.members[].birth_date]' "$OUT")" \
  '["1988-04-12","2014-09-01",null]'
expect_eq "members[].role" "$(jq -c '[.members[].role]' "$OUT")" '["мать","сын","дочь"]'
expect_eq "groups is a list of codes" "$(jq -c .groups "$OUT")" '["large-family"]'
expect_eq "problems is a list, empty when none" "$(jq -c .problems "$OUT")" '[]'
expect_eq "unset text fields are null" "$(jq -c '[.address, .phone, .referrer, .external_id, .note, .closed, .case_manager]' "$OUT")" \
  '[null,null,null,null,null,null,null]'
expect_eq "response_due: opened in the past + 10 days, UTC" "$(jq -r .response_due "$OUT")" 2026-01-20T00:00:00Z
expect_true "created_at is an ISO 8601 UTC moment" grep -qE '"created_at": "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"' "$OUT"
expect_eq "booleans are JSON booleans" "$(jq -c '[.consultation, .consent]' "$OUT")" '[false,false]'

run show "$a" -o table
expect_code 0
# In Russian (the default) the card's lines are named in Russian, yes and no written as words.
expect_true "the card names its lines in Russian" grep -qE '^Статус +Приём$' "$OUT"
expect_true "a yes or no in words" grep -qE '^Консультация +нет$' "$OUT"
run --lang kk show "$a" -o table
expect_true "the card names its lines in Kazakh" grep -qE '^Мәртебесі +Қабылдау$' "$OUT"
expect_true "a yes or no in Kazakh words" grep -qE '^Кеңес +жоқ$' "$OUT"
run --lang en show "$a" -o table
expect_code 0
# In English: keys are padded to the longest, case_manager_name (17 letters), plus two spaces; labels in place of codes
expect_stdout_contains 'case_id            2026-00001'
expect_true "the card shows the name on its own line" grep -qx 'name               Семёнова Анна' "$OUT"
expect_true "the card lists members indented, one a line, by number" grep -qx '                   2, Семёнов Илья, сын, 2014-09-01' "$OUT"
expect_true "a member without a birth date" grep -qx '                   3, Семёнова Ева, дочь' "$OUT"
expect_true "the card shows groups" grep -qE '^groups +Large family$' "$OUT"
expect_lacks stdout "$OUT" '{'
# Every "key  value" line of the card has its value at the same display column.
columns=$(python3 - "$OUT" <<'EOF'
import re, sys
starts = set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^([a-z_]+) +(\S)", line)
    if m:
        starts.add(m.start(2))
print(len(starts))
EOF
)
expect_eq "the card's values start at one column" "$columns" 1

run show "$b" -o json
expect_eq "person kind" "$(jq -r .kind "$OUT")" person
expect_eq "emergency, opened in the past: due a day later" "$(jq -r .response_due "$OUT")" 2026-03-06T00:00:00Z

run show 'ЕСП-2002' -o json
expect_code 0
expect_eq "show by external id" "$(jq -r .case_id "$OUT")" "$b"
# A case id wins over another case's external id that happens to be equal to it.
run show 2026-00001 -o json
expect_eq "show by case id before external id" "$(jq -r .name "$OUT")" 'Семёнова Анна'

run show 2026-09999
expect_code 3
expect_stdout ""
expect_stderr_contains "casectl: error: case 2026-09999 not found"
# The fix a message suggests must be a command that exists.
suggested=$(grep -oE "'casectl [a-z-]+" "$ERR" | cut -d' ' -f2 | sort -u)
"$CASECTL" --help >"$TEST_DIR/help.txt" 2>&1
unknown=
for command in $suggested; do
  grep -qE "^ +$command +[A-Z]" "$TEST_DIR/help.txt" || unknown+="$command "
done
expect_eq "the not-found message suggests only existing commands (unknown ones shown)" "$unknown" ""
run show 'Семёнова Анна' -o json
expect_code 3
expect_stdout ""
expect_stderr_contains "casectl: error: case Семёнова Анна not found"
run show
expect_code 2
expect_stdout ""

# --- list: filters --------------------------------------------------------------------------------
# The first column of a headerless TSV listing, space-separated, in the order listed.
listed_ids() { cut -f1 "$OUT" | paste -sd' ' -; }
# The same, sorted: which cases a filter lets through, whatever the order.
listed_set() { cut -f1 "$OUT" | sort | paste -sd' ' -; }
# sorted WORDS...: the words, sorted, space-separated.
sorted() { printf '%s\n' "$@" | sort | paste -sd' ' -; }

run list --no-headers
expect_code 0
expect_eq "list shows every case" "$(listed_set)" "2025-00001 2026-00001 2026-00002 2026-00003 2026-00004"
expect_eq "list sorts by case id by default" "$(listed_ids)" "2025-00001 2026-00001 2026-00002 2026-00003 2026-00004"
run list --status consultation --no-headers
expect_eq "--status consultation" "$(listed_set)" "$(sorted "$c")"
run list --status intake,consultation --no-headers
expect_eq "--status with two values" "$(listed_set)" "$(sorted 2025-00001 2026-00001 2026-00002 2026-00003 2026-00004)"
run list --status Консультация --no-headers
expect_eq "--status by its Russian label" "$(listed_set)" "$(sorted "$c")"
run list --status opne
expect_code_in "2 65"
expect_stdout ""
expect_stderr_contains "--status"
expect_stderr_contains "opne"
run list --district 'Медеу' --no-headers
expect_eq "--district" "$(listed_set)" "$(sorted "$b" "$d")"
run list --district 'Медеу' --district 'Алмалы' --no-headers
expect_eq "--district twice" "$(listed_set)" "$(sorted "$a" "$b" "$c" "$d")"
run list --urgency emergency --no-headers
expect_eq "--urgency emergency" "$(listed_set)" "$(sorted "$e" "$b")"
run list --urgency urgent,routine --no-headers
expect_eq "--urgency urgent,routine" "$(listed_set)" "$(sorted "$a" "$c" "$d")"
run list --urgency Экстренно --no-headers
expect_eq "--urgency by its Russian label" "$(listed_set)" "$(sorted "$e" "$b")"
run list --group large-family --no-headers
expect_eq "--group" "$(listed_set)" "$(sorted "$a" "$d")"
run list --group 'малообеспеченная семья' --group refugee --no-headers
expect_eq "--group by label, any of several" "$(listed_set)" "$(sorted "$c" "$d")"
run list --group large-famly
expect_code_in "2 65"
expect_stderr_contains "did you mean 'large-family'"
run list --kind person --no-headers
expect_eq "--kind person" "$(listed_set)" "$(sorted "$b")"
run list --kind Семья --no-headers
expect_eq "--kind by label" "$(listed_set)" "$(sorted "$e" "$a" "$c" "$d")"
run list --since 2026-02-01 --no-headers
expect_eq "--since is inclusive" "$(listed_set)" "$(sorted "$b" "$c" "$d")"
run list --until 01.02.2026 --no-headers
expect_eq "--until (DD.MM.YYYY) is inclusive" "$(listed_set)" "$(sorted "$e" "$a" "$c")"
run list --since 2026-01-01 --until 2026-03-31 --no-headers
expect_eq "--since and --until" "$(listed_set)" "$(sorted "$a" "$b" "$c")"
run list --since 2026-13-01
expect_code_in "2 65"
expect_stdout ""
expect_stderr_contains "--since"
run list --open --no-headers
expect_eq "--open leaves out consultations" "$(listed_set)" "$(sorted "$e" "$a" "$b" "$d")"
run list --district 'Алмалы' --open --no-headers
expect_eq "filters combine" "$(listed_set)" "$(sorted "$a")"

# Case managers and closing come with commands not written yet; set them in the store directly.
expect_true "set up managers and a closed case in the store" store_sql \
  "UPDATE cases SET case_manager = 'anna' WHERE case_id IN ('2026-00002', '2026-00004');
   UPDATE cases SET case_manager = 'bota' WHERE case_id = '2026-00001';
   UPDATE cases SET status = 'closed', closed = '2026-11-01' WHERE case_id = '2026-00004';"
run list --manager anna --no-headers
expect_eq "--manager" "$(listed_set)" "$(sorted "$b" "$d")"
run list --manager anna,bota --no-headers
expect_eq "--manager with two logins" "$(listed_set)" "$(sorted "$a" "$b" "$d")"
run list --manager nobody --no-headers
expect_code 0
expect_stdout ""
run list --open --no-headers
expect_eq "--open leaves out closed cases" "$(listed_set)" "$(sorted "$e" "$a" "$b")"
run list --status closed --no-headers
expect_eq "--status closed" "$(listed_set)" "$(sorted "$d")"
run list --manager anna -o json
expect_eq "case_manager in the list's JSON" "$(jq -c '[.[].case_manager]' "$OUT")" '["anna","anna"]'

# --- list: sorting, limits, headers ---------------------------------------------------------
run list --sort -opened --no-headers
expect_eq "--sort -opened: newest first" "$(listed_ids)" "$d $b $c $a $e"
run list --sort opened --no-headers
expect_eq "--sort opened: oldest first" "$(listed_ids)" "$e $a $c $b $d"
run list --sort urgency --no-headers
expect_eq "--sort urgency: emergency, urgent, routine" "$(cut -f3 "$OUT" | paste -sd' ' -)" \
  "emergency emergency urgent urgent routine"
run list --sort -urgency --no-headers
expect_eq "--sort -urgency: routine first" "$(cut -f3 "$OUT" | paste -sd' ' -)" \
  "routine urgent urgent emergency emergency"
run list --sort case_id --no-headers
expect_eq "--sort case_id orders by the id (2025 before 2026)" "$(listed_ids)" \
  "2025-00001 2026-00001 2026-00002 2026-00003 2026-00004"
run list --sort -case_id --no-headers
expect_eq "--sort -case_id" "$(listed_ids)" "2026-00004 2026-00003 2026-00002 2026-00001 2025-00001"
run list --sort case_manager --open --no-headers
expect_eq "--sort case_manager" "$(cut -f8 "$OUT" | paste -sd' ' -)" " anna bota"
run list --sort opend
expect_code 2
expect_stdout ""
expect_stderr_contains "did you mean 'opened'"
run list --limit 2 --sort -opened --no-headers
expect_eq "--limit 2 after sorting" "$(listed_ids)" "$d $b"
# Regression: --limit -1 was silently unlimited (and -2 an error): 0 and below are refused alike.
for limit in 0 -1 -2; do
  run list --limit "$limit"
  expect_code 2
  expect_stdout ""
  expect_stderr_contains "--limit takes a whole number ≥ 1"
done
run caseload --limit -1
expect_code 2
expect_stderr_contains "--limit takes a whole number ≥ 1"
run list --limit many
expect_code 2
expect_stdout ""

# Names sort in the alphabet's order: Ә right after А, Ё with Е, not by raw code points.
fresh_store
for name in 'Жукова' 'Фомина' 'Ёлкина' 'Әбенова' 'Абаева' 'Ұлықбекова' 'Уалиева' 'Игорева'; do
  run_ok intake --name "$name"
done
run list --sort name --no-headers
expect_eq "--sort name uses Russian/Kazakh alphabetical order" "$(cut -f5 "$OUT" | paste -sd' ' -)" \
  "Абаева Әбенова Ёлкина Жукова Игорева Уалиева Ұлықбекова Фомина"
run list --sort -name --no-headers
expect_eq "--sort -name reverses that order" "$(cut -f5 "$OUT" | paste -sd' ' -)" \
  "Фомина Ұлықбекова Уалиева Игорева Жукова Ёлкина Әбенова Абаева"

# --- log: a case's history ----------------------------------------------------------------
fresh_store
new_case logged --name 'Нұрланова Дана' --external-id 'LOG-1'
run log "$logged" -o json
expect_code 0
expect_eq "one journal entry after intake" "$(jq length "$OUT")" 1
expect_eq "the entry is an intake by the acting user" "$(jq -r '.[0] | [.action, .actor, .case_id] | join(" ")' "$OUT")" \
  "intake tester $logged"
expect_eq "the entry records the command" "$(jq -r '.[0].command' "$OUT")" \
  "casectl intake --name 'Нұрланова Дана' --external-id LOG-1"
expect_true "the entry's time is an ISO 8601 UTC moment" \
  test -n "$(jq -r '.[0].at | select(test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"))' "$OUT")"
expect_eq "the entry holds what was registered" "$(jq -r '.[0].changes.name' "$OUT")" 'Нұрланова Дана'
run log "$logged" --no-headers
expect_code 0
expect_eq "log as TSV: one line" "$(wc -l <"$OUT")" 1
expect_eq "log TSV columns: actor, action" "$(cut -f2,3 "$OUT")" $'tester\tintake'
run log "$logged"
expect_eq "log TSV header (the columns of version 9 come last)" "$(head -1 "$OUT")" $'at\tactor\taction\tsummary\tcommand\teffective_on\tlogin'
run log LOG-1 -o ndjson
expect_code 0
expect_eq "log by external id" "$(jq -r .case_id "$OUT")" "$logged"

new_case by_anna --as anna --name 'Омарова' --consultation
run log "$by_anna" -o json
expect_eq "--as sets the actor; a consultation is journaled as such" \
  "$(jq -r '.[] | [.actor, .action] | join(" ")' "$OUT")" "anna consultation"
run log 2026-09999
expect_code 3
expect_stdout ""
expect_stderr_contains "casectl: error: case 2026-09999 not found"

finish
