#!/usr/bin/env bash
# --redact hides people, free text included: a store with names, phones, addresses, an id and birth
# dates planted in every free-text field; `report cases --redact` (case, plan and assessment
# documents) and show/plan/assess/log/review/due/plan tasks --redact in every format; none of the
# planted values may appear. redact.keep: kept fields keep their text with the people masked;
# unknown field names are a configuration error (78).
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml

# --- the regression: show --redact printed the problems as typed --------------------------------------
fresh_store
new_case p --name 'Петрова Ольга' --problem 'Сидоров бьёт'
run show "$p" --redact -o json
expect_code 0
expect_stdout_lacks 'Сидоров'
expect_eq "show --redact hid the problem 'Сидоров бьёт'" "$(jq -c .problems "$OUT")" '["[скрыто]"]'

# --- a case with personal data planted everywhere ----------------------------------------------------
fresh_store
new_case fam --name 'Сидорова Ольга Петровна' --district almaly --opened 2026-10-01 \
  --address 'ул. Жамбыла 15, кв. 7' --phone '+7 (701) 765-43-21' --external-id 770102300555 \
  --referrer 'Кузнецова Анна' \
  --member 'Сидорова Ольга Петровна;мать Сидоровых;1980-01-02' --member 'Сидоров Пётр;отец (Пётр);1979-05-06' \
  --problem 'Сидоров бьёт Ольгу, соседка Кузнецова слышит' \
  --note 'Звонить Ольге 87017654321, д.р. 02.01.1980, живут на Жамбыла'
run_ok assign "$fam" --manager aseitova --team kim:psychologist
run_ok assess "$fam" --domain safety=2 --domain housing=3 --visit 2026-10-02 \
  --living-conditions 'У Сидоровых тесно, ул. Жамбыла 15' --risk-reason 'Сидоров пьёт' \
  --strength 'Ольга работает' --circle-strength 'бабушка Кузнецова Анна помогает' \
  --expectation 'Сидорову уйти из семьи' --missing-document 'паспорт Сидорова Петра' \
  --note 'тел. +7 701 765 43 21, ИИН 770102300555'
run_ok plan "$fam" add-goal --domain safety --target 3 --description 'Безопасность Ольги от Сидорова' \
  --expectation 'Ольга хочет, чтобы Пётр ушёл'
run_ok plan "$fam" add-task --what 'Беседа с Сидоровым Петром' --family 'Сидоров Пётр' --frequency 2/week \
  --agency juvenile-police
run_ok plan "$fam" approve --meeting 2026-10-05 --participants 'Асеитова Г.М.,Сидорова Ольга' \
  --decision 'Сидорову запрещено приходить на Жамбыла'
run_ok review "$fam" --on 2026-10-10 --task 1 --status in-progress --task-note 'Сидоров не пришёл' \
  --delivered 1=1 --event police-called --event-note 'Ольге угрожал Сидоров' --note 'Сидоровы 01.02.1980?'

# The planted values: names in several cases, the street, the phone in two spellings, the id, the dates.
planted=('Сидоров' 'Ольг' 'Пётр' 'Петр' 'Кузнецов' 'Жамбыл' '765-43' '765 43' '7654321' '770102300' \
  '1980-01-02' '02.01.1980' '1979-05-06' 'бьёт' 'тесно' 'работает' 'бабушка' 'паспорт' 'Беседа' 'угрожал' 'запрещено')

# expect_hidden WHAT FILE: none of the planted values is in FILE.
expect_hidden() {
  local needle
  for needle in "${planted[@]}"; do
    expect_lacks "$1" "$2" "$needle"
  done
}

# expect_redacted ARGS...: `casectl ARGS...` exits 0 and prints none of the planted values.
expect_redacted() {
  run "$@"
  expect_code 0
  expect_hidden "$*" "$OUT"
}

for format in json tsv csv table ndjson; do
  expect_redacted show "$fam" --redact -o "$format"
  expect_redacted plan "$fam" --redact -o "$format"
  expect_redacted assess "$fam" --show --redact -o "$format"
  expect_redacted log "$fam" --redact -o "$format"
  expect_redacted review "$fam" --services --redact -o "$format"
  expect_redacted plan tasks --redact -o "$format"
  expect_redacted due --within 365d --redact -o "$format"
  expect_redacted report services --period 2026-10 --redact -o "$format"
done
expect_redacted show "$fam" --redact --template case
expect_redacted plan "$fam" --redact --template plan
expect_redacted assess "$fam" --show --redact --template assessment
for template in case plan assessment; do
  run report cases --template "$template" --out "docs-$template" --redact
  expect_code 0
  expect_true "report cases --template $template wrote the document" test -s "docs-$template/$fam.txt"
  expect_hidden "report cases --template $template" "docs-$template/$fam.txt"
done
# The regression: report cases --template assessment --redact wrote a grandmother's name and a street address.
expect_lacks "assessment document: the grandmother's name" "docs-assessment/$fam.txt" 'Кузнецова Анна'
expect_lacks "assessment document: the street address" "docs-assessment/$fam.txt" 'ул. Жамбыла 15'
expect_true "assessment document: the placeholder where the text was" grep -qF '[скрыто]' "docs-assessment/$fam.txt"

run show "$fam" --redact -o json
expect_eq "free text becomes the placeholder" "$(jq -c '[.problems, .note, .members[0].role]' "$OUT")" \
  '[["[скрыто]"],"[скрыто]","[скрыто]"]'
run show "$fam" --redact --lang en -o json
expect_eq "the placeholder follows --lang" "$(jq -r .note "$OUT")" '[redacted]'

# Closing and reopening: the reasons and the note.
run review "$fam" --close --reason 'Сидоров уехал к Кузнецовой' --outcome moved --expectations partly \
  --expectations-note 'Ольга довольна' --force 'Пётр не пришёл' -o json --redact
expect_code 0
expect_hidden "review --close -o json" "$OUT"
expect_eq "the closing's free text is hidden" "$(jq -c '[.reason, .expectations_note, .forced_reason, .outcome]' "$OUT")" \
  '["[скрыто]","[скрыто]","[скрыто]","moved"]'
run_ok review "$fam" --reopen --reason 'Сидоров вернулся'
run log "$fam" --redact -o json
expect_hidden "log after closing and reopening" "$OUT"

# --- redact.keep ------------------------------------------------------------------------------------
cat > keep.toml <<'EOF'
[redact]
keep = ["problems", "note", "decision", "description", "what"]
EOF
export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
run --config keep.toml show "$fam" --redact -o json
expect_code 0
expect_eq "kept: the problem, with the people masked in it" "$(jq -c .problems "$OUT")" '["С. бьёт О., соседка К. слышит"]'
expect_eq "kept: the note, with the name, phone, birth date and street masked" "$(jq -r .note "$OUT")" \
  'Звонить О. *********21, д.р. 1980, живут на [адрес скрыт]'
expect_eq "not kept: the roles" "$(jq -c '[.members[].role]' "$OUT")" '["[скрыто]","[скрыто]"]'
run --config keep.toml plan "$fam" --redact -o json
expect_eq "kept in the plan: the case's people masked though the plan does not hold them" \
  "$(jq -c '[.decision, .goals[0].description, .tasks[0].what]' "$OUT")" \
  '["С. запрещено приходить на [адрес скрыт]","Безопасность О. от С.","Беседа с С. П."]'
run --config keep.toml report cases --template plan --out kept-plans --redact
expect_code 0
expect_true "report cases keeps what the config keeps" grep -qF 'Беседа с С. П.' "kept-plans/$fam.txt"
expect_lacks "report cases with redact.keep" "kept-plans/$fam.txt" 'Сидоров'
CASECTL_REDACT_KEEP=problems run show "$fam" --redact -o json
expect_eq "CASECTL_REDACT_KEEP" "$(jq -c '[.problems[0], .note]' "$OUT")" '["С. бьёт О., соседка К. слышит","[скрыто]"]'
run --config keep.toml config show -o tsv
expect_stdout_contains "redact.keep	problems, note, decision, description, what	keep.toml:2"

cat > bad.toml <<'EOF'
[redact]
keep = ["problem"]
EOF
run --config bad.toml show "$fam" --redact
expect_code 78
expect_stderr "casectl: error: bad.toml:2: redact.keep = 'problem': 'problem' is not a free-text field (did you mean 'problems'?); the free-text fields: problems, note, role, living_conditions, risk_reasons, override_reason, strengths, circle_strengths, expectations, missing_documents, revision_reason, decision, expectation, description, goal_description, what, reason, expectations_note, forced_reason, open_tasks_left, task_note, event_note"
CASECTL_REDACT_KEEP=name run show "$fam" --redact
expect_code 78
expect_stderr_contains "env CASECTL_REDACT_KEEP: redact.keep = 'name': 'name' is not a free-text field"
cat > notlist.toml <<'EOF'
[redact]
keep = [1]
EOF
run --config notlist.toml show "$fam"
expect_code 78
expect_stderr "casectl: error: notlist.toml:2: redact.keep must be a list of strings"

finish
