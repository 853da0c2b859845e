#!/usr/bin/env bash
# casectl assess: domain scores, the home visit, the safety risk (derived and overridden), strengths
# and expectations, from flags or from a TOML/JSON file; --history and --show; the case's status,
# risk and urgency; refusals that write nothing.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# json_of ARGS...: the stdout of `casectl ARGS... -o json` (exit code not checked; see the callers).
json_of() { "$CASECTL" "$@" -o json 2>/dev/null </dev/null; }

# assessments_of CASE: how many assessments `casectl show` lists.
assessments_of() { json_of show "$1" | jq '.assessments | length'; }

# journal_of CASE: how many journal entries the case has.
journal_of() { "$CASECTL" log "$1" -o ndjson 2>/dev/null </dev/null | wc -l | tr -d ' '; }

# expect_refused CODE WHAT CASE ARGS...: `casectl ARGS...` exits CODE with an error on stderr,
# prints nothing on stdout, and leaves the case's assessments, journal, status and urgency as they were.
expect_refused() {
  local code=$1 what=$2 case_id=$3
  shift 3
  local assessments journal state
  assessments=$(assessments_of "$case_id")
  journal=$(journal_of "$case_id")
  state=$(json_of show "$case_id" | jq -c '[.status, .urgency, .risk]')
  run "$@"
  expect_code "$code"
  expect_stdout ''
  expect_stderr_contains 'casectl: error: '
  expect_eq "$what: no assessment recorded" "$(assessments_of "$case_id")" "$assessments"
  expect_eq "$what: nothing journaled" "$(journal_of "$case_id")" "$journal"
  expect_eq "$what: status, urgency and risk unchanged" "$(json_of show "$case_id" | jq -c '[.status, .urgency, .risk]')" "$state"
}

run_ok init

# --- the flags path: the runaway boy's family ---------------------------------------------------
new_case runaway --name 'Семья Колесниковых' --opened 2026-11-15 --urgency urgent --group child-at-risk \
  --problem 'сын-подросток сбегает из дома' --problem 'нет документов'
run show "$runaway" -o json
expect_eq "a new case is in intake" "$(jq -r .status "$OUT")" intake
expect_eq "a case without assessments has no risk" "$(jq -c .risk "$OUT")" null
expect_eq "a case without assessments lists none" "$(jq -c .assessments "$OUT")" '[]'

run assess "$runaway" --domain documents=1 --domain employment=1 --domain substance-use=1 \
  --domain schooling=1 --domain housing=3 --visit 2026-11-19 \
  --living-conditions 'Комната в общежитии, печное отопление' \
  --strength 'Мать любит детей и готова работать с координатором' \
  --circle-strength 'Бабушка живёт рядом и забирает младших' \
  --expectation 'Хочу, чтобы сын вернулся в школу' --expectation 'Хочу восстановить паспорт' \
  --missing-document 'удостоверение личности матери' --missing-document 'свидетельство о рождении сына' \
  --risk-reason 'мать злоупотребляет алкоголем' --note 'Со слов соседей, сын ночует у друзей'
expect_code 0
expect_stdout "$runaway/1"
expect_stderr_empty

run assess "$runaway" --show -o json
expect_code 0
expect_eq "case id and number" "$(jq -r '[.case_id, .number] | join("/")' "$OUT")" "$runaway/1"
expect_eq "the first assessment is the baseline" "$(jq -r .baseline "$OUT")" true
expect_eq "dated today by default" "$(jq -r .assessed_on "$OUT")" 2026-11-20
expect_eq "assessed by the acting user by default" "$(jq -r .assessor "$OUT")" tester
expect_eq "--visit means a home visit" "$(jq -r '[.method, .visit_on] | join(" ")' "$OUT")" 'home-visit 2026-11-19'
expect_eq "living conditions" "$(jq -r .living_conditions "$OUT")" 'Комната в общежитии, печное отопление'
expect_eq "scores in the config's domain order, with labels" \
  "$(jq -r '.scores[] | [.domain, .label, .score, .score_label] | join("|")' "$OUT")" \
  "$(printf '%s\n' 'documents|Документы|1|В кризисе' 'housing|Жильё|3|Безопасно' 'employment|Занятость|1|В кризисе' \
    'schooling|Обучение|1|В кризисе' 'substance-use|Зависимости|1|В кризисе')"
expect_eq "substance use 1 derives a high risk" "$(jq -r '[.risk, .derived_risk] | join(" ")' "$OUT")" 'high high'
expect_eq "risk reasons" "$(jq -r .risk_reasons "$OUT")" 'мать злоупотребляет алкоголем'
expect_eq "no override reason" "$(jq -c .override_reason "$OUT")" null
expect_eq "no immediate danger" "$(jq -c .immediate_danger "$OUT")" false
expect_eq "strengths" "$(jq -c .strengths "$OUT")" '["Мать любит детей и готова работать с координатором"]'
expect_eq "circle strengths" "$(jq -c .circle_strengths "$OUT")" '["Бабушка живёт рядом и забирает младших"]'
expect_eq "expectations in order" "$(jq -c .expectations "$OUT")" '["Хочу, чтобы сын вернулся в школу","Хочу восстановить паспорт"]'
expect_eq "missing documents" "$(jq -c .missing_documents "$OUT")" \
  '["удостоверение личности матери","свидетельство о рождении сына"]'
expect_eq "note" "$(jq -r .note "$OUT")" 'Со слов соседей, сын ночует у друзей'
expect_eq "created at and by" "$(jq -r '[.created_at, .created_by] | join(" ")' "$OUT")" '2026-11-20T00:00:00Z tester'
expect_eq "--show prints every documented field" "$(jq -c 'keys_unsorted' "$OUT")" \
  '["case_id","number","baseline","assessed_on","assessor","method","visit_on","living_conditions","scores","risk","derived_risk","risk_reasons","override_reason","immediate_danger","strengths","circle_strengths","expectations","missing_documents","note","created_at","created_by","method_label","risk_label","derived_risk_label","participants","assessor_name","participant_names"]'

run show "$runaway" -o json
expect_eq "the first assessment moves the case from intake to assessment" "$(jq -r .status "$OUT")" assessment
expect_eq "a high risk leaves the urgency alone" "$(jq -r .urgency "$OUT")" urgent
expect_eq "the case's risk is the latest assessment's" "$(jq -r .risk "$OUT")" high
expect_eq "show lists the assessments" "$(jq -c .assessments "$OUT")" \
  '[{"number":1,"assessed_on":"2026-11-20","method":"home-visit","risk":"high"}]'

run log "$runaway" -o json
expect_code 0
expect_eq "journal: intake, assess, update" "$(jq -r '[.[].action] | join(" ")' "$OUT")" 'intake assess update'
expect_eq "the assess entry holds the assessment" "$(jq -r '.[1].changes | [.number, .risk, (.scores | length)] | join(" ")' "$OUT")" '1 high 5'
expect_eq "the assess entry's summary" "$(jq -r '.[1].summary' "$OUT")" 'assessment 1, risk high'
expect_eq "the update entry: the status change only" "$(jq -c '.[2].changes' "$OUT")" '{"status":["intake","assessment"]}'

# A reassessment: number 2, an earlier date, a given method; the status stays in assessment.
run assess "$runaway" --date 19.11.2026 --method phone --by 'Айгерим' --domain Документы=2 \
  --domain schooling=na --domain substance-use=2 --domain income=2
expect_code 0
expect_stdout "$runaway/2"
run assess "$runaway" --show -o json
expect_eq "the latest is shown by default" "$(jq -r '[.number, .baseline] | join(" ")' "$OUT")" '2 false'
expect_eq "DD.MM.YYYY date, method, assessor" "$(jq -r '[.assessed_on, .method, .assessor] | join(" ")' "$OUT")" '2026-11-19 phone Айгерим'
expect_eq "no visit" "$(jq -c .visit_on "$OUT")" null
expect_eq "a label names a domain; na is not applicable" \
  "$(jq -r '.scores[] | [.domain, (.score // "null"), .score_label] | join("|")' "$OUT")" \
  "$(printf '%s\n' 'documents|2|Уязвимо' 'income|2|Уязвимо' 'schooling|null|не применимо' 'substance-use|2|Уязвимо')"
expect_eq "substance use 2 derives a moderate risk" "$(jq -r .risk "$OUT")" moderate
run assess "$runaway" --show --number 1 -o json
expect_code 0
expect_eq "--number 1 is the baseline" "$(jq -r '[.number, .baseline, .risk] | join(" ")' "$OUT")" '1 true high'
run show "$runaway" -o json
expect_eq "status stays in assessment" "$(jq -r .status "$OUT")" assessment
expect_eq "the current risk follows the latest assessment" "$(jq -r .risk "$OUT")" moderate
expect_eq "assessments in order" "$(jq -r '.assessments[] | [.number, .assessed_on, .method, .risk] | join(" ")' "$OUT")" \
  "$(printf '%s\n' '1 2026-11-20 home-visit high' '2 2026-11-19 phone moderate')"
run log "$runaway" -o json
expect_eq "a reassessment journals one assess entry and no update" "$(jq -r '[.[].action] | join(" ")' "$OUT")" \
  'intake assess update assess'

# A third with no visit and no method given: an interview.
run assess "$runaway" --domain documents=3 --domain employment=2 --domain substance-use=2
expect_code 0
expect_stdout "$runaway/3"
expect_eq "no --visit, no --method: an interview" "$(json_of assess "$runaway" --show | jq -r .method)" interview

# --- --history ----------------------------------------------------------------------------------
run assess "$runaway" --history -o json
expect_code 0
expect_eq "one row per domain ever scored, in the config's order" "$(jq -r '[.[].domain] | join(" ")' "$OUT")" \
  'documents housing income employment schooling substance-use'
expect_eq "documents: baseline, latest, change, trend" \
  "$(jq -c '.[] | select(.domain == "documents") | [.label, .baseline, .latest, .change, .trend]' "$OUT")" \
  '["Документы",1,3,2,"1 → 2 → 3"]'
expect_eq "documents: the series" "$(jq -c '.[] | select(.domain == "documents") | .series' "$OUT")" \
  '[{"number":1,"assessed_on":"2026-11-20","score":1},{"number":2,"assessed_on":"2026-11-19","score":2},{"number":3,"assessed_on":"2026-11-20","score":3}]'
expect_eq "housing, scored once: no change" "$(jq -c '.[] | select(.domain == "housing") | [.baseline, .latest, .change, .trend]' "$OUT")" \
  '[3,3,0,"3"]'
expect_eq "income, first scored at 2: its baseline is there" \
  "$(jq -c '.[] | select(.domain == "income") | [.baseline, .latest, .change, .series[0].number]' "$OUT")" '[2,2,0,2]'
expect_eq "schooling, later not applicable: latest is the last score" \
  "$(jq -c '.[] | select(.domain == "schooling") | [.baseline, .latest, .change, .trend]' "$OUT")" '[1,1,0,"1 → na"]'
expect_eq "employment: 1 to 2 is +1" "$(jq -c '.[] | select(.domain == "employment") | [.change, .trend]' "$OUT")" '[1,"1 → 2"]'
expect_eq "history fields" "$(jq -c '.[0] | keys_unsorted' "$OUT")" \
  '["domain","label","baseline","latest","change","trend","series"]'

run assess "$runaway" --history -o table
expect_code 0
expect_eq "table header" "$(head -1 "$OUT" | tr -s ' ')" 'СФЕРА НАЗВАНИЕ ИСХОДНО ПОСЛЕДНЯЯ ИЗМЕНЕНИЕ ДИНАМИКА'
expect_stdout_contains 'Документы'
expect_eq "table row for documents" "$(grep '^documents ' "$OUT" | tr -s ' ')" 'documents Документы 1 3 2 1 → 2 → 3'
run assess "$runaway" --history -o tsv --no-headers
expect_code 0
expect_eq "tsv row for substance use" "$(grep '^substance-use' "$OUT")" $'substance-use\tЗависимости\t1\t2\t1\t1 → 2 → 2'

new_case fresh --name 'Семья Новиковых'
run assess "$fresh" --history -o json
expect_code 0
expect_eq "--history of a case without assessments: an empty list" "$(jq -c . "$OUT")" '[]'
run assess "$fresh" --show -o json
expect_code 3
expect_stdout ''
expect_stderr_contains 'has no assessment yet'
run assess "$runaway" --show --number 4
expect_code 3
expect_stderr_contains 'there is no number 4'

# --- labels in English ---------------------------------------------------------------------------
run assess "$runaway" --show --number 1 -o json --lang en
expect_code 0
expect_eq "English domain and score labels" "$(jq -r '.scores[0] | [.label, .score_label] | join("|")' "$OUT")" 'Documents|In crisis'
run assess "$runaway" --show --number 2 -o json --lang en
expect_eq "not applicable in English" "$(jq -r '.scores[] | select(.domain == "schooling") | .score_label' "$OUT")" 'not applicable'
run --lang en assess "$runaway" --history -o json
expect_code 0
expect_eq "history labels in English" "$(jq -r '[.[].label] | join(",")' "$OUT")" \
  'Documents,Housing,Income,Employment,Schooling,Substance use'

# --- the file path -----------------------------------------------------------------------------
new_case palliative --name 'Иванова Мария Петровна' --kind person --group palliative --opened 2026-11-15
cat >"$TEST_DIR/palliative.toml" <<'EOF'
# The first assessment of a palliative patient, at home.
assessed_on = 2026-11-18
assessor = "Жанар Сейткали"
method = "home-visit"
visit_on = 2026-11-18
living_conditions = "Лежачая, живёт одна на 4 этаже без лифта"
strengths = ["Соседка приносит продукты"]
circle_strengths = ["Племянница звонит каждый день"]
expectations = ["Остаться дома, а не в интернате"]
missing_documents = []
note = "Нужна сиделка"

[scores]
health = 1
mobility = "1"
social-support = 3
childcare = "na"
EOF
run assess "$palliative" --from "$TEST_DIR/palliative.toml"
expect_code 0
expect_stdout "$palliative/1"
run assess "$palliative" --show -o json
expect_eq "TOML dates, assessor, method, visit" "$(jq -r '[.assessed_on, .assessor, .method, .visit_on] | join("|")' "$OUT")" \
  '2026-11-18|Жанар Сейткали|home-visit|2026-11-18'
expect_eq "TOML scores: integers, text, na" "$(jq -c '[.scores[] | [.domain, .score]]' "$OUT")" \
  '[["childcare",null],["health",1],["social-support",3],["mobility",1]]'
expect_eq "TOML lists" "$(jq -c '[.strengths, .circle_strengths, .expectations, .missing_documents]' "$OUT")" \
  '[["Соседка приносит продукты"],["Племянница звонит каждый день"],["Остаться дома, а не в интернате"],[]]'
expect_eq "TOML text" "$(jq -r '[.living_conditions, .note] | join("|")' "$OUT")" 'Лежачая, живёт одна на 4 этаже без лифта|Нужна сиделка'
expect_eq "no watched domain scored: no risk" "$(jq -c '[.risk, .derived_risk]' "$OUT")" '[null,null]'

cat >"$TEST_DIR/large.json" <<'EOF'
{
  "assessed_on": "2026-11-17",
  "method": "interview",
  "scores": {"income": 2, "housing": 2, "food": 3, "parenting": 4, "health": null},
  "risk": "moderate",
  "override_reason": "пятеро детей в одной комнате, отец на вахте",
  "immediate_danger": false,
  "strengths": "Старшая дочь помогает с младшими",
  "expectations": ["Получить жильё по программе для многодетных"]
}
EOF
new_case large --name 'Семья Ахметовых' --group large-family --opened 2026-11-15
run assess "$large" --from "$TEST_DIR/large.json"
expect_code 0
expect_stdout "$large/1"
run assess "$large" --show -o json
expect_eq "JSON: date, method" "$(jq -r '[.assessed_on, .method] | join(" ")' "$OUT")" '2026-11-17 interview'
expect_eq "JSON scores; null is not applicable" "$(jq -c '[.scores[] | [.domain, .score]]' "$OUT")" \
  '[["housing",2],["income",2],["food",3],["health",null],["parenting",4]]'
expect_eq "JSON: a risk differing from the derived one, with its reason" \
  "$(jq -r '[.risk, .derived_risk, .override_reason] | join("|")' "$OUT")" 'moderate|low|пятеро детей в одной комнате, отец на вахте'
expect_eq "JSON: one string is a list of one" "$(jq -c .strengths "$OUT")" '["Старшая дочь помогает с младшими"]'

# '-' reads stdin: TOML or JSON, told apart by the content.
printf 'scores = { income = 3, housing = 2 }\n' >"$TEST_DIR/stdin.toml"
run_in "$TEST_DIR/stdin.toml" assess "$large" --from -
expect_code 0
expect_stdout "$large/2"
printf '{"scores": {"income": 4}, "note": "из stdin"}\n' >"$TEST_DIR/stdin.json"
run_in "$TEST_DIR/stdin.json" assess "$large" --from -
expect_code 0
expect_stdout "$large/3"
expect_eq "stdin JSON recorded" "$(json_of assess "$large" --show | jq -c '[.note, [.scores[] | .score]]')" '["из stdin",[4]]'
expect_eq "income over three assessments" "$(json_of assess "$large" --history | jq -c '.[] | select(.domain == "income") | [.baseline, .latest, .change, .trend]')" \
  '[2,4,2,"2 → 3 → 4"]'

# An unknown key: 65, with did-you-mean, nothing written.
printf 'scors = { income = 3 }\n' >"$TEST_DIR/typo.toml"
expect_refused 65 "unknown key" "$large" assess "$large" --from "$TEST_DIR/typo.toml"
expect_stderr_contains "'scors' is not an assessment field (did you mean 'scores'?)"
printf '{"scores": {"income": 3}, "expectation": ["x"]}\n' >"$TEST_DIR/typo.json"
expect_refused 65 "unknown JSON key" "$large" assess "$large" --from "$TEST_DIR/typo.json"
expect_stderr_contains "did you mean 'expectations'?"
# Bad TOML: 65 with the file's name and the line.
printf '[scores]\nincome = 3\nhousing = \n' >"$TEST_DIR/bad.toml"
expect_refused 65 "bad TOML" "$large" assess "$large" --from "$TEST_DIR/bad.toml"
expect_stderr_contains "$TEST_DIR/bad.toml:3:"
expect_stderr_contains 'not valid TOML'
printf '{"scores": {"income": 3}\n' >"$TEST_DIR/bad.json"
expect_refused 65 "bad JSON" "$large" assess "$large" --from "$TEST_DIR/bad.json"
expect_stderr_contains 'not valid JSON'
# Wrong types.
printf 'scores = { income = 3 }\nimmediate_danger = "yes"\nstrengths = 5\n' >"$TEST_DIR/types.toml"
expect_refused 65 "wrong types" "$large" assess "$large" --from "$TEST_DIR/types.toml"
expect_stderr_contains 'immediate_danger: must be true or false'
expect_stderr_contains 'strengths: must be a list of text'
printf 'scores = [3]\n' >"$TEST_DIR/scores-list.toml"
expect_refused 65 "scores not a table" "$large" assess "$large" --from "$TEST_DIR/scores-list.toml"
expect_stderr_contains 'scores: must be a table of domain = score'
# A file's values are checked like the flags.
printf '[scores]\nincome = 7\n' >"$TEST_DIR/seven.toml"
expect_refused 65 "score 7 in a file" "$large" assess "$large" --from "$TEST_DIR/seven.toml"
expect_stderr_contains "domain income: score '7' is not on the scale 1-5"
# An empty document says nothing: refused like an assess with no fields (a case of its own, so
# that a failure here does not shift the numbers below).
new_case empty --name 'Семья Пустовых'
printf '{}\n' >"$TEST_DIR/empty.json"
expect_refused 65 "an empty document" "$empty" assess "$empty" --from "$TEST_DIR/empty.json"
expect_eq "an empty document leaves the case in intake" "$(json_of show "$empty" | jq -r .status)" intake
# The file cannot be read, or its format cannot be told.
run assess "$large" --from "$TEST_DIR/missing.toml"
expect_code 66
printf 'scores = { income = 3 }\n' >"$TEST_DIR/form.txt"
expect_refused 2 "no format" "$large" assess "$large" --from "$TEST_DIR/form.txt"
expect_stderr_contains '--input-format'
run assess "$large" --from "$TEST_DIR/form.txt" --input-format toml
expect_code 0
expect_stdout "$large/4"

# --- refusals: 65, nothing written ----------------------------------------------------------------
target=$runaway
expect_refused 65 "unknown domain" "$target" assess "$target" --domain housng=2
expect_stderr_contains "unknown domain 'housng' (did you mean 'housing'?)"
expect_refused 65 "unknown domain label" "$target" assess "$target" --domain 'Жилье=2'
expect_stderr_contains "(did you mean 'Жильё'?)"
expect_refused 65 "score 0" "$target" assess "$target" --domain housing=0
expect_stderr_contains "domain housing: score '0' is not on the scale 1-5"
expect_refused 65 "score 6" "$target" assess "$target" --domain housing=6
expect_stderr_contains "score '6' is not on the scale 1-5"
expect_refused 65 "score x" "$target" assess "$target" --domain housing=x
expect_stderr_contains "score 'x' is not on the scale 1-5"
expect_refused 65 "every bad field at once" "$target" assess "$target" --domain housing=0 --domain income=9 --method telepathy
expect_eq "one line per problem" "$(grep -c '^  ' "$ERR")" 3
expect_refused 65 "no =" "$target" assess "$target" --domain housing
expect_stderr_contains "'housing' is not DOMAIN=SCORE"
expect_refused 65 "a domain twice" "$target" assess "$target" --domain housing=2 --domain Жильё=3
expect_stderr_contains 'domain housing: is scored twice'
expect_refused 65 "future --date" "$target" assess "$target" --domain housing=2 --date 2026-11-21
expect_stderr_contains 'date: 2026-11-21 is in the future (today is 2026-11-20)'
expect_refused 65 "future --visit" "$target" assess "$target" --domain housing=2 --visit 01.12.2026
expect_stderr_contains 'visit: 2026-12-01 is in the future'
# Regression: an assessment dated before the case was opened was accepted, and the KPI's median
# days to the first assessment went negative.
expect_refused 65 "an assessment dated before the case opened" "$target" assess "$target" --domain housing=2 --date 2026-01-05
expect_stderr_contains "date: 2026-01-05 is before the case was opened on $(json_of show "$target" | jq -r .opened)"
expect_refused 65 "not a date" "$target" assess "$target" --domain housing=2 --date 31.02.2026
expect_stderr_contains 'date: '
expect_refused 65 "unknown method" "$target" assess "$target" --domain housing=2 --method telepathy
expect_stderr_contains "unknown method 'telepathy'"
expect_refused 65 "unknown risk" "$target" assess "$target" --domain housing=2 --risk extreme
expect_stderr_contains "unknown risk 'extreme'"
expect_refused 65 "risk lower than derived, no reason" "$target" assess "$target" --domain safety=2 --risk low
expect_stderr_contains "the scores suggest 'high'; to record 'low' instead, say why with --override-reason"
expect_refused 65 "risk higher than derived, no reason" "$target" assess "$target" --domain safety=4 --risk very-high
expect_stderr_contains "the scores suggest 'low'"

# With the reason, the same is accepted.
urgency_before=$(json_of show "$target" | jq -r .urgency)
run assess "$target" --domain safety=2 --risk low --override-reason 'отец уехал, угрозы больше нет'
expect_code 0
expect_stdout "$target/4"
expect_eq "overridden risk and its reason kept" \
  "$(json_of assess "$target" --show | jq -r '[.risk, .derived_risk, .override_reason] | join("|")')" \
  'low|high|отец уехал, угрозы больше нет'
expect_eq "the case's risk is the overridden one" "$(json_of show "$target" | jq -r .risk)" low
expect_eq "a lower risk does not lower the urgency" "$(json_of show "$target" | jq -r .urgency)" "$urgency_before"
# A risk given as its label, equal to the derived one, needs no reason.
run assess "$target" --domain safety=3 --risk 'Низкий'
expect_code 0
expect_eq "risk label resolved to its code" "$(json_of assess "$target" --show | jq -r '[.risk, .override_reason // "-"] | join(" ")')" 'low -'

# --- not found, conflict, usage -----------------------------------------------------------------
run assess 2026-99999 --domain housing=2
expect_code 3
expect_stdout ''
expect_stderr_contains 'case 2026-99999 not found'
run assess 2026-99999 --history
expect_code 3
run assess 2026-99999 --show
expect_code 3

new_case consult --name 'Бекова Айгүл' --consultation
expect_refused 4 "a consultation" "$consult" assess "$consult" --domain housing=2
expect_stderr_contains 'is a consultation'

expect_refused 2 "no fields" "$runaway" assess "$runaway"
expect_stderr_contains 'nothing to record'
expect_refused 2 "--history with fields" "$runaway" assess "$runaway" --history --domain housing=2
expect_refused 2 "--show with fields" "$runaway" assess "$runaway" --show --risk low
expect_refused 2 "--show with --from" "$runaway" assess "$runaway" --show --from "$TEST_DIR/stdin.toml"
expect_refused 2 "--number without --show" "$runaway" assess "$runaway" --number 1 --domain housing=2
expect_refused 2 "--number with --history" "$runaway" assess "$runaway" --history --number 1
expect_refused 2 "--from with fields" "$runaway" assess "$runaway" --from "$TEST_DIR/stdin.toml" --domain housing=2
expect_refused 2 "unknown option" "$runaway" assess "$runaway" --domian housing=2
expect_refused 2 "no case" "$runaway" assess --domain housing=2
run assess "$runaway" --show --number 0
expect_code_in "2 3"
expect_stdout ''

# --- very high risk and immediate danger raise the urgency -----------------------------------------
new_case danger --name 'Семья Орловых' --urgency routine
run show "$danger" -o json
expect_eq "routine: due in 10 days" "$(jq -r .response_due "$OUT")" 2026-11-30T00:00:00Z
run assess "$danger" --domain safety=1 --domain parenting=2
expect_code 0
expect_stdout "$danger/1"
expect_stderr_contains "casectl: case $danger raised from routine to emergency: the risk to children is very high"
run show "$danger" -o json
expect_eq "safety 1: very high risk" "$(jq -r .risk "$OUT")" very-high
expect_eq "raised to emergency, due within 24 hours" "$(jq -r '[.urgency, .response_due] | join(" ")' "$OUT")" \
  'emergency 2026-11-21T00:00:00Z'
run log "$danger" -o json
expect_eq "journal: intake, assess, update" "$(jq -r '[.[].action] | join(" ")' "$OUT")" 'intake assess update'
expect_eq "the update records status, urgency, deadline and why" "$(jq -c '.[2].changes' "$OUT")" \
  '{"status":["intake","assessment"],"urgency":["routine","emergency"],"response_due":["2026-11-30T00:00:00Z","2026-11-21T00:00:00Z"],"reason":"very high risk to children at assessment 1"}'

# Already an emergency: nothing to raise, no message, no update entry.
run assess "$danger" --domain safety=1
expect_code 0
expect_stderr_empty
expect_eq "no update when already an emergency" "$(json_of log "$danger" | jq -r '[.[].action] | join(" ")')" \
  'intake assess update assess'
# A low risk later never lowers it.
run assess "$danger" --domain safety=5 --domain parenting=4
expect_code 0
expect_stderr_empty
run show "$danger" -o json
expect_eq "risk follows the latest assessment" "$(jq -r .risk "$OUT")" low
expect_eq "the urgency is not lowered" "$(jq -r '[.urgency, .response_due] | join(" ")' "$OUT")" 'emergency 2026-11-21T00:00:00Z'
expect_eq "nothing journaled but the assessment" "$(json_of log "$danger" | jq -r '[.[].action] | join(" ")')" \
  'intake assess update assess assess'

# --immediate-danger raises an urgent case whatever the scores, even with a lower risk recorded.
new_case urgent --name 'Семья Лебедевых' --urgency urgent
expect_refused 65 "immediate danger with a lower risk and no reason" "$urgent" \
  assess "$urgent" --domain housing=3 --immediate-danger --risk high
run assess "$urgent" --domain housing=3 --immediate-danger
expect_code 0
expect_stdout "$urgent/1"
expect_stderr_contains "casectl: case $urgent raised from urgent to emergency: a child is in immediate danger"
run assess "$urgent" --show -o json
expect_eq "immediate danger derives very high" "$(jq -r '[.immediate_danger, .risk, .derived_risk] | join(" ")' "$OUT")" \
  'true very-high very-high'
run log "$urgent" -o json
expect_eq "the update says immediate danger" "$(jq -r '.[-1] | [.action, .changes.urgency[0], .changes.urgency[1], .changes.reason] | join("|")' "$OUT")" \
  'update|urgent|emergency|immediate danger found at assessment 1'

# A very high risk given by override raises it too.
new_case override --name 'Семья Зайцевых'
run assess "$override" --domain safety=3 --risk very-high --override-reason 'отчим угрожал ребёнку'
expect_code 0
expect_stderr_contains "raised from routine to emergency"
expect_eq "raised by an overridden very high risk" "$(json_of show "$override" | jq -r .urgency)" emergency
# A high risk does not.
new_case high --name 'Семья Соколовых'
run assess "$high" --domain safety=2
expect_code 0
expect_stderr_empty
expect_eq "a high risk leaves a routine case routine" "$(json_of show "$high" | jq -r '[.risk, .urgency] | join(" ")')" 'high routine'

# --- no store -------------------------------------------------------------------------------------
# Reading never creates a store: like show and log, --history and --show exit 66 and leave no file.
fresh_store
run assess 2026-00001 --history
expect_code 66
expect_stdout ''
expect_true "assess --history created no store" test ! -e "$CASECTL_DB"
fresh_store
run assess 2026-00001 --show
expect_code 66
expect_true "assess --show created no store" test ! -e "$CASECTL_DB"

finish
