#!/usr/bin/env bash
# casectl report cases: one document per case into a directory (names, content equal to show/plan/
# assess --template, modes, --force, refusals that write nothing, skipped cases, filters, HTML
# templates, unsafe case ids, the same bytes on a re-run, errors and exit codes); --redact in
# documents and in show, list, log, plan and report kpi.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml

# listing DIR: every file under DIR with its mode, size and checksum (what a refusal must not change).
listing() {
  if [ -d "$1" ]; then
    (cd "$1" && find . -printf '%p %m %s\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r md5sum)
  else
    echo "(no $1)"
  fi
}

# expect_refused CODE WHAT DIR ARGS...: `casectl ARGS...` exits CODE with an error on stderr,
# prints nothing on stdout, and leaves DIR as it was.
expect_refused() {
  local code=$1 what=$2 dir=$3
  shift 3
  local before
  before=$(listing "$dir")
  run "$@"
  expect_code "$code"
  expect_stdout ''
  expect_stderr_contains 'casectl: error: '
  expect_eq "$what: $dir unchanged" "$(listing "$dir")" "$before"
}

mode_of() { stat -c '%a' "$1"; }

# The store:
#   fam  almaly, a family of three with address and phone; assessed; a draft plan with a task for
#        the mother; managed by aseitova
#   old  almaly, a lonely pensioner; assessed; no plan
#   new  auezov, a person; neither assessed nor planned
#   con  almaly, a consultation
run_ok init
new_case fam --name 'Ахметова Айгерим Сериковна' --district almaly --opened 2026-10-01 \
  --address 'ул. Абая 10, кв. 5' --phone '+7 701 555-12-34' --referrer 'Школа №12' \
  --member 'Ахметова Айгерим Сериковна;мать;1988-03-12' --member 'Әбдіқызы Ұлжан;дочь;2012-05-01' \
  --member 'Ахметов Ерлан;сын;2015-09-30' --note 'Соседка Иванова говорит, что отец пьёт'
new_case old --name 'Семёнова Галина Петровна' --kind person --district almaly --opened 2026-10-05 \
  --address 'ул. Гоголя 3' --phone '8 727 300 00 01' --member 'Семёнова Галина Петровна;;1941-01-20'
new_case new --name 'Жұмабаев Нұрлан' --kind person --district auezov --opened 2026-11-02 --urgency urgent
new_case con --consultation --name 'Ли Анна' --district almaly --opened 2026-11-10
run_ok assign "$fam" --manager aseitova --team kim:psychologist
run_ok assess "$fam" --date 2026-10-03 --domain housing=2 --domain safety=2 --method home-visit
run_ok assess "$old" --date 2026-10-08 --domain health=2
run_ok plan "$fam" add-goal --domain housing --target 3 --description 'Семья живёт в безопасном жилье'
run_ok plan "$fam" add-task --what 'Собрать документы на жильё' --family 'Ахметова Айгерим Сериковна' --offset 5
run_ok plan "$fam" add-task --what 'Подать заявление' --agency social-protection --worker aseitova --offset 10

# --- case cards for every case ---------------------------------------------------------------------
run report cases --template case --out docs
expect_code 0
expect_stderr_empty
expect_stdout "case_id	file	bytes
$fam	docs/$fam.txt	$(wc -c <"docs/$fam.txt")
$old	docs/$old.txt	$(wc -c <"docs/$old.txt")
$new	docs/$new.txt	$(wc -c <"docs/$new.txt")
$con	docs/$con.txt	$(wc -c <"docs/$con.txt")"
expect_eq "one file per case, named from the case id" "$(ls docs)" "$fam.txt
$old.txt
$new.txt
$con.txt"
for id in "$fam" "$old" "$new" "$con"; do
  expect_eq "docs/$id.txt is what 'show --template case' prints" "$(cat "docs/$id.txt")" \
    "$("$CASECTL" show "$id" --template case </dev/null)"
done
expect_true "the card holds the case" grep -qF 'Ахметова Айгерим Сериковна' "docs/$fam.txt"
expect_eq "the directory is private" "$(mode_of docs)" 700
expect_eq "the documents are private" "$(mode_of "docs/$fam.txt")" 600
expect_eq "no temporary file is left" "$(find docs -name '.*' | wc -l)" 0

# JSON output of what was written, and the same bytes when run again.
run report cases --template case --out again -o json
expect_code 0
expect_eq "json: case_id, file, bytes" "$(jq -c '.[0]' "$OUT")" \
  "{\"case_id\":\"$fam\",\"file\":\"again/$fam.txt\",\"bytes\":$(wc -c <"docs/$fam.txt")}"
expect_true "the same command twice gives the same bytes" diff -r docs again

# --- an existing file: refused before anything is written, unless --force ------------------------------
rm "docs/$old.txt" "docs/$con.txt"
echo 'edited by hand' >"docs/$new.txt"
expect_refused 4 "existing files without --force" docs report cases --template case --out docs
expect_stderr "casectl: error: docs/$fam.txt exists (case $fam); nothing was written; give --force to replace the documents already there"
expect_true "a removed document is not written back by a refused run" test ! -e "docs/$old.txt"

run report cases --template case --out docs --force
expect_code 0
expect_true "--force writes every document again" diff -r docs again
expect_eq "--force: a replaced document is private" "$(mode_of "docs/$new.txt")" 600

mkdir "in-the-way" "in-the-way/$fam.txt"
expect_refused 73 "a directory where a document goes" in-the-way report cases --template case --out in-the-way --force
expect_stderr "casectl: error: cannot write in-the-way/$fam.txt: it is a directory"

# --- plans and assessments: the latest of each, cases without one skipped ---------------------------------
run report cases --template plan --out plans
expect_code 0
expect_stdout "case_id	file	bytes
$fam	plans/$fam.txt	$(wc -c <"plans/$fam.txt")"
expect_stderr "casectl: skipped $old: no plan
casectl: skipped $new: no plan
casectl: skipped $con: no plan"
expect_eq "plans/$fam.txt is what 'plan --template plan' prints" "$(cat "plans/$fam.txt")" \
  "$("$CASECTL" plan "$fam" --template plan </dev/null)"
expect_eq "only the planned case has a file" "$(ls plans)" "$fam.txt"

run report cases --template assessment --out assessments --lang en
expect_code 0
expect_stderr "casectl: skipped $new: no assessment
casectl: skipped $con: no assessment"
expect_eq "two assessed cases" "$(ls assessments)" "$fam.txt
$old.txt"
expect_eq "assessments/$fam.txt is what 'assess --show --template assessment' prints" "$(cat "assessments/$fam.txt")" \
  "$("$CASECTL" assess "$fam" --show --template assessment --lang en </dev/null)"
run_ok assess "$fam" --date 2026-11-03 --domain housing=3 --domain safety=3 --method home-visit
run report cases --template assessment --out assessments --force --open --district almaly
expect_code 0
expect_true "the latest assessment" grep -qF '03.11.2026' "assessments/$fam.txt"

# Everything matched is skipped: exit 0, nothing written, the skipped cases on stderr.
run report cases --template plan --out none --district auezov
expect_code 0
expect_stdout "case_id	file	bytes"
expect_stderr "casectl: skipped $new: no plan"
expect_true "nothing skipped creates no file" test -z "$(ls none 2>/dev/null)"

# --- --document: what a region's template sees ----------------------------------------------------------------
mkdir region
printf 'Задачи {{case_id}}:\n{{#tasks}}- {{what}} ({{responsible}})\n{{/tasks}}' >region/tasks-letter.mustache
run report cases --template region/tasks-letter.mustache --document plan --out letters
expect_code 0
expect_eq "a FILE template with --document plan" "$(cat "letters/$fam.txt")" "Задачи $fam:
- Собрать документы на жильё (семья: Ахметова Айгерим Сериковна)
- Подать заявление (Отдел занятости и социальных программ, aseitova)"
run report cases --template region/tasks-letter.mustache --out letters2
expect_code 65
expect_stdout ''
expect_stderr_contains "casectl: error: template region/tasks-letter.mustache (region/tasks-letter.mustache), line 2: field 'tasks' does not exist"
expect_true "without --document a template sees the case card, and a refusal writes nothing" test -z "$(ls letters2 2>/dev/null)"

# HTML templates give .html files, values escaped; a region's directory by name.
printf '<h1>{{case_id}}</h1><p>{{name}}</p>{{#members}}<li>{{name}}</li>{{/members}}\n' >region/card.html.mustache
export CASECTL_TEMPLATES=$PWD/region
run report cases --template card --out html --name 'Ли'
expect_code 0
expect_stdout "case_id	file	bytes
$con	html/$con.html	$(wc -c <"html/$con.html")"
run report cases --template card --out html2 --status intake,assessment --sort -case_id
expect_code 0
expect_eq "HTML: .html files, in the order of --sort" "$(cut -f2 "$OUT" | tail -n +2)" "html2/$new.html
html2/$old.html
html2/$fam.html"
expect_true "HTML: values escaped" grep -qF '<li>Семёнова Галина Петровна</li>' "html2/$old.html"
unset CASECTL_TEMPLATES

# --- errors -------------------------------------------------------------------------------------------
expect_refused 3 "an unknown template" x report cases --template plna --out x
expect_stderr "casectl: error: no template 'plna' (did you mean 'plan'?); available: agency-notice, agency-tasks, assessment, case, caseload-report, caseload.html, dashboard.html, kpi, kpi.html, outcomes, outcomes.html, overdue, passport, plan, practice-results, service-complaint, services, services.html"
printf 'Карточка {{case_id}}\n{{nmae}}\n' >region/bad.mustache
expect_refused 65 "a field that does not exist" x report cases --template region/bad.mustache --out x
expect_stderr "casectl: error: template region/bad.mustache (region/bad.mustache), line 2: field 'nmae' does not exist (did you mean 'name'?); see docs/templates.md for the fields"

echo 'not a directory' >a-file
expect_refused 73 "--out is a file" a-file report cases --template case --out a-file
expect_stderr "casectl: error: cannot write documents to a-file: it exists and is not a directory"
expect_refused 73 "--out under a file" a-file report cases --template case --out a-file/docs
expect_stderr "casectl: error: a-file exists and is not a directory"
if [ "$(id -u)" -ne 0 ]; then # root may write anywhere
  mkdir locked && chmod 500 locked
  expect_refused 73 "an unwritable --out" locked report cases --template case --out locked
  expect_stderr_contains "casectl: error: cannot write locked/$fam.txt: Permission denied"
  chmod 700 locked
fi

expect_refused 2 "an unknown --document" x report cases --template case --out x --document plans
expect_stderr "casectl: error: --document: 'plans' is not a kind of document (did you mean 'plan'?); use case, plan, assessment or passport"
expect_refused 2 "--limit below 0" x report cases --template case --out x --limit -2
expect_refused 2 "an unknown --sort" x report cases --template case --out x --sort nmae
expect_refused 2 "an unknown -o" x report cases --template case --out x -o yaml
expect_refused 2 "no --out" x report cases --template case
expect_stderr_contains "'casectl report cases' needs --out (write --out VALUE); see 'casectl report cases --help'"
expect_refused 2 "no --template" x report cases --out x
expect_refused 2 "an empty --out" x report cases --template case --out ''
expect_stderr "casectl: error: --out: give the directory to write the documents into"
expect_refused 65 "an unknown district" x report cases --template case --out x --district nowhere
expect_refused 65 "a bad --since" x report cases --template case --out x --since 2026-13-01

# No case matching is not an error: nothing is written and the directory is not created.
run report cases --template case --out empty --status closed
expect_code 0
expect_stdout "case_id	file	bytes"
expect_stderr "casectl: no case matches the filters; nothing written"
expect_true "no directory for no documents" test ! -e empty

# --- unsafe case ids ---------------------------------------------------------------------------------------
fresh_store
run_ok init
export CASECTL_CASE_ID_FORMAT='СЗ/{seq:03}'
new_case odd --name 'Ким Ольга'
expect_eq "an id with '/' and Cyrillic" "$odd" 'СЗ/001'
run report cases --template case --out odd
expect_code 0
expect_eq "the name: unsafe characters replaced, a hash of the id added" "$(ls odd)" '___001-bfe2b217.txt'
expect_eq "nothing outside the directory" "$(find odd -type f | wc -l)" 1
unset CASECTL_CASE_ID_FORMAT

# --- --redact -----------------------------------------------------------------------------------------------
fresh_store
run_ok init
new_case fam --name 'Ахметова Айгерим Сериковна' --district almaly --opened 2026-10-01 \
  --address 'ул. Абая 10, кв. 5' --phone '+7 701 555-12-34' --external-id 880312400123 \
  --member 'Ахметова Айгерим Сериковна;мать;1988-03-12' --member 'Әбдіқызы Ұлжан;дочь;2012-05-01' \
  --note 'Соседка Иванова говорит, что отец пьёт'
run_ok assign "$fam" --manager aseitova --team kim:psychologist
run_ok plan "$fam" add-goal --domain housing --target 3 --description 'Безопасное жильё'
run_ok plan "$fam" add-task --what 'Собрать документы' --family 'Әбдіқызы Ұлжан' --offset 5

# expect_no_personal_data FILE: none of the case's personal data is in FILE.
expect_no_personal_data() {
  local needle
  for needle in 'Ахметова' 'Айгерим' 'Әбдіқызы' 'Ұлжан' 'Абая' '555-12' '1988-03-12' '2012-05-01' '8803124001' 'Иванова'; do
    expect_lacks "$1" "$1" "$needle"
  done
}

run report cases --template case --out redacted --redact
expect_code 0
expect_no_personal_data "redacted/$fam.txt"
expect_true "redacted card: initials" grep -qF 'А. А. С. (Семья)' "redacted/$fam.txt"
expect_true "redacted card: Kazakh initials, the role hidden, the birth year" grep -qF 'Ә. Ұ., [скрыто], 2012 г. р.' "redacted/$fam.txt"
expect_true "redacted card: the address placeholder" grep -qF 'Адрес: [адрес скрыт]' "redacted/$fam.txt"
expect_true "redacted card: the phone's last two digits" grep -qF 'Телефон: +* *** ***-**-34' "redacted/$fam.txt"
expect_eq "redacted card is show --template case --redact" "$(cat "redacted/$fam.txt")" \
  "$("$CASECTL" show "$fam" --template case --redact </dev/null)"
run report cases --template case --out redacted2 --redact
expect_true "redaction is stable: the same bytes twice" diff -r redacted redacted2
run report cases --template plan --out redacted-plans --redact
expect_code 0
expect_no_personal_data "redacted-plans/$fam.txt"
expect_true "redacted plan: the family member's part" grep -qF 'Ә. Ұ.' "redacted-plans/$fam.txt"

run show "$fam" -o json --redact
expect_code 0
expect_no_personal_data "$OUT"
expect_eq "show -o json --redact" "$(jq -c '[.name, .address, .phone, .external_id, .note, (.members | map(del(.age, .minor))), .case_manager, .team[0].login]' "$OUT")" \
  '["А. А. С.","[адрес скрыт]","+* *** ***-**-34","**********23","[скрыто]",[{"number":1,"name":"А. А. С.","role":"[скрыто]","birth_date":"1988","relationship":"mother","national_id":null,"lives_elsewhere":null,"relationship_label":"Мать","national_id_kind":null,"national_id_kind_label":null},{"number":2,"name":"Ә. Ұ.","role":"[скрыто]","birth_date":"2012","relationship":"daughter","national_id":null,"lives_elsewhere":null,"relationship_label":"Дочь","national_id_kind":null,"national_id_kind_label":null}],"aseitova","kim"]'
run show "$fam" --redact --lang en -o json
expect_eq "the placeholder follows --lang" "$(jq -r .address "$OUT")" '[address withheld]'
run show "$fam" -o table --redact
expect_no_personal_data "$OUT"

run list --redact
expect_code 0
expect_stdout "case_id	status	urgency	kind	name	district	opened	case_manager	groups	members_count
$fam	intake	routine	family	А. А. С.	almaly	2026-10-01	aseitova		2"
run list --redact -o json --name Ахметова
expect_eq "list --name finds by the real name, shows initials" "$(jq -r '.[].name' "$OUT")" 'А. А. С.'
run log "$fam" --redact -o json
expect_code 0
expect_no_personal_data "$OUT"
expect_eq "log --redact: the command line is hidden" "$(jq -c '[.[].command] | unique' "$OUT")" '["[скрыто]"]'
run plan tasks --redact -o json
expect_code 0
run plan "$fam" -o json --redact
expect_no_personal_data "$OUT"
expect_eq "plan --redact: family member and who is responsible" "$(jq -c '.tasks[0] | [.family_member, .responsible]' "$OUT")" \
  '["Ә. Ұ.","семья: Ә. Ұ."]'
run plan "$fam" -o ndjson --redact
expect_no_personal_data "$OUT"
run staff list --redact -o tsv
expect_stdout_contains 'Асеитова Гульнар Маратовна' # staff names are not the people helped

run report kpi --period 2026-Q4 -o json
kpi=$(cat "$OUT")
run report kpi --period 2026-Q4 -o json --redact
expect_code 0
expect_eq "report kpi has no personal data: --redact changes nothing" "$(cat "$OUT")" "$kpi"
run report kpi --period 2026-Q4 --template kpi --redact
expect_code 0
expect_no_personal_data "$OUT"

finish
