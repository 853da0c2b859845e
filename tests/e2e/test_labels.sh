# Labels, not codes: what people read (Russian documents, tables) names statuses, districts,
# groups, risks... by their labels; what scripts read (TSV, CSV, JSON) keeps the codes, with the
# labels as extra *_label fields. Russian documents write dates as DD.MM.YYYY.
source "$(dirname "$0")/lib.sh"

store_state() { store_sql "SELECT count(*) FROM journal; SELECT count(*) FROM cases;"; }

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
demo_store
export CASECTL_TODAY=2026-11-20

# Every code the reference data has: the built-in lists and the demo config's own.
reference_codes
expect_true "the config lists reference codes" test "$(wc -w <<<"$codes")" -gt 90


run_ok list -o tsv --no-headers --limit 100
cases=$(cut -f1 "$OUT")
expect_true "the demo has cases" test -n "$cases"
documents=0
for id in $cases; do
  run_ok show "$id" --template case
  cp "$OUT" "$TEST_DIR/card-$id.txt"
  documents=$((documents + 1))
  expect_eq "codes in the Russian card of $id" "$(codes_in "$TEST_DIR/card-$id.txt" | tr '\n' ' ')" ""
  expect_eq "ISO dates in the Russian card of $id" "$(grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$TEST_DIR/card-$id.txt" | head -3 | tr '\n' ' ')" ""
  run_ok show "$id" --template passport
  cp "$OUT" "$TEST_DIR/passport-$id.txt"
  documents=$((documents + 1))
  expect_eq "codes in the Russian passport of $id" "$(codes_in "$TEST_DIR/passport-$id.txt" | tr '\n' ' ')" ""
  expect_eq "ISO dates in the Russian passport of $id" "$(grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$TEST_DIR/passport-$id.txt" | head -3 | tr '\n' ' ')" ""
  run assess "$id" --show --template assessment
  if [ "$CODE" -eq 0 ]; then
    cp "$OUT" "$TEST_DIR/assessment-$id.txt"
    documents=$((documents + 1))
    expect_eq "codes in the Russian assessment of $id" "$(codes_in "$TEST_DIR/assessment-$id.txt" | tr '\n' ' ')" ""
  fi
  run plan "$id" --template plan
  if [ "$CODE" -eq 0 ]; then
    cp "$OUT" "$TEST_DIR/plan-$id.txt"
    documents=$((documents + 1))
    expect_eq "codes in the Russian plan of $id" "$(codes_in "$TEST_DIR/plan-$id.txt" | tr '\n' ' ')" ""
    expect_eq "ISO dates in the Russian plan of $id" "$(grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$TEST_DIR/plan-$id.txt" | head -3 | tr '\n' ' ')" ""
    expect_eq "stray separators in the plan of $id" "$(grep -cE '; *$' "$TEST_DIR/plan-$id.txt")" "0"
  fi
done
expect_true "cards and plans were checked ($documents)" test "$documents" -gt 8

# The case the demo plans for: the runaway boy (the first with an approved plan and a manager).
run_ok list -o json --limit 100
runaway=$(jq -r 'map(select(.status == "active" and .case_manager != null)) | .[0].case_id' <"$OUT")
run_ok plan "$runaway" --template plan
expect_stdout_contains "Семья: "
expect_stdout_contains "Ведущий специалист: "
expect_stdout_lacks "Ведущий специалист: aseitova"
expect_stdout_contains "Участники:"
expect_stdout_contains " — Открыта"
run_ok plan "$runaway" -o json
expect_eq "the plan's case name" "$(jq -r '.case_name | length > 0' <"$OUT")" "true"
expect_eq "the plan's district label" "$(jq -r '.district_label | test("^[А-Я].* район$")' <"$OUT")" "true"
expect_eq "a task names its status" "$(jq -r '.tasks[0].status_label' <"$OUT")" "Открыта"

# The social passport: the household, the needs by domain, the help with each task's status.
run_ok show "$runaway" --template passport
expect_stdout_contains "СОЦИАЛЬНЫЙ ПАСПОРТ СЕМЬИ"
expect_stdout_contains "1. СОСТАВ СЕМЬИ"
expect_stdout_contains "По оценке № "
expect_stdout_contains "План помощи, редакция "
expect_stdout_contains ": Открыта"
run_ok assess "$runaway" --show -o json
first_domain=$(jq -r '.scores[0].label' <"$OUT")
run_ok show "$runaway" --template passport
expect_stdout_contains "  $first_domain: "
run_ok show "$runaway" --template passport --lang en
expect_stdout_contains "SOCIAL PASSPORT OF THE FAMILY"
expect_refused 2 "the passport of a past day" show "$runaway" --template passport --as-of 2026-11-10
expect_stderr_contains "--template case"
run_ok report cases --template passport --out "$TEST_DIR/passports"
expect_true "report cases writes a passport per case" test "$(ls "$TEST_DIR/passports" | wc -l)" -eq "$(wc -w <<<"$cases")"
expect_eq "the bulk passport equals show's" "$(cat "$TEST_DIR/passports/$runaway.txt")" "$(cat "$TEST_DIR/passport-$runaway.txt")"
run_ok report cases --template passport --document passport --redact --out "$TEST_DIR/redacted"
run_ok show "$runaway" -o json
family_name=$(jq -r .name <"$OUT")
expect_true "the passport names the family" grep -qF "$family_name" "$TEST_DIR/passport-$runaway.txt"
expect_true "a redacted passport does not ($family_name)" bash -c '! grep -qF "$1" "$2"' _ "$family_name" "$TEST_DIR/redacted/$runaway.txt"

# The letter to the agency that delivered less than the plan says (seed 001: 2 visits of 5).
run_ok list -o json --limit 100
palliative=$(jq -r 'map(select(.groups | index("palliative"))) | .[0].case_id' <"$OUT")
run_ok show "$palliative" -o json
agency_label=$(jq -r '.services | map(select(.under_delivered)) | .[0].agency_label' <"$OUT")
counts=$(jq -r '.services | map(select(.under_delivered)) | .[0] | "положено: \(.due), оказано: \(.delivered), не оказано: \(.shortfall)"' <"$OUT")
expect_eq "the hospital's worker delivers the service" "$agency_label" "Городская поликлиника № 5"
run_ok show "$palliative" --template service-complaint
expect_stdout_contains "Кому: $agency_label"
expect_stdout_contains "О НЕДОПОСТАВЛЕННОЙ УСЛУГЕ"
expect_stdout_contains "$counts"
expect_stdout_contains "исполнитель Сергеев Илья Павлович"
expect_stdout_lacks "aseitova"
# On the day the demo ran (its review: 2 visits of 5): the seed's letter, word for word.
run_ok --today "$(date +%F)" show "$palliative" --template service-complaint
expect_stdout_contains "положено: 5, оказано: 2, не оказано: 3"
run_ok list -o json --limit 100
quiet=$(jq -r 'map(select(.status == "intake")) | .[0].case_id' <"$OUT")
run_ok show "$quiet" --template service-complaint
expect_stdout ""

# Tables show labels; TSV and CSV keep codes; JSON has both.
run_ok show "$runaway" -o json
district=$(jq -r .district <"$OUT")
district_label=$(jq -r .district_label <"$OUT")
expect_eq "show's district label" "$(jq -r '.status_label, .urgency_label, .kind_label' <"$OUT" | tr '\n' '|')" "В работе|$(jq -r .urgency_label <"$OUT")|Семья|"
expect_true "a district label that is not its code ($district_label)" test "$district_label" != "$district"
expect_eq "the groups' labels, one per group" "$(jq '(.groups | length) == (.groups_label | length)' <"$OUT")" "true"
expect_eq "the case manager's name" "$(jq -r '.case_manager_name | test("^[А-ЯЁ]")' <"$OUT")" "true"
run_ok show "$runaway" -o table
expect_stdout_contains "$district_label"
expect_stdout_lacks "district_label"
expect_stdout_contains "В работе"
run_ok show "$runaway" -o tsv
expect_stdout_contains "$district"
run_ok list -o table --limit 100
expect_stdout_contains "$district_label"
expect_stdout_contains "В работе"
run_ok list -o tsv --limit 100
expect_stdout_lacks "$district_label"
expect_stdout_contains "	active	"
run_ok list -o json --limit 1
expect_eq "list's labels" "$(jq -r '.[0] | has("status_label") and has("district_label") and has("groups_label")' <"$OUT")" "true"
run_ok due --within 60d -o table
expect_stdout_lacks "overdue-task"
expect_stdout_lacks "first response ("
run_ok due --within 60d -o tsv
expect_true "due's TSV keeps the kind codes" grep -qE '^(overdue-task|task-due|overdue-review|review-due|late-response|under-delivered)	' <"$OUT"
run_ok due --within 60d -o json
expect_eq "due's kind labels" "$(jq -r '[.[] | .kind_label | test("^[А-Я]")] | all' <"$OUT")" "true"

# Report figures by their code in a template.
printf '%s\n' '{{figure.families.value}} семей, {{figure.people.value}} человек; {{#figure.event}}события{{/figure.event}} {{period.from}}' >"$TEST_DIR/sentence.mustache"
run_ok report kpi --period 2026-11 -o json
families=$(jq -r '.[] | select(.figure == "families") | .value' <"$OUT")
people=$(jq -r '.[] | select(.figure == "people") | .value' <"$OUT")
run_ok report kpi --period 2026-11 --template "$TEST_DIR/sentence.mustache"
expect_stdout "$families семей, $people человек; события 01.11.2026"
printf '%s\n' '{{figure.familes.value}}' >"$TEST_DIR/misspelled.mustache"
expect_refused 65 "a misspelled figure" report kpi --period 2026-11 --template "$TEST_DIR/misspelled.mustache"
expect_stderr_contains "familes"

# A template is checked against every field its records can have, not only against the data at
# hand: a misspelled field inside a section over an empty list fails on a quiet night too.
printf '%s\n' '{{#cases}}{{case_idd}}{{/cases}}' >"$TEST_DIR/nightly.mustache"
expect_refused 65 "a misspelled field over an empty list" list --status closed --district turksib --urgency emergency --group palliative --template "$TEST_DIR/nightly.mustache"
expect_stderr_contains "case_idd"
expect_stderr_contains "case_id"
printf '%s\n' '{{#cases}}{{case_id}} {{district_label}}{{/cases}}{{count}}' >"$TEST_DIR/nightly-ok.mustache"
run_ok list --status closed --district turksib --urgency emergency --group palliative --template "$TEST_DIR/nightly-ok.mustache"
expect_stdout "0"
printf '%s\n' '{{#closure}}{{outcom_label}}{{/closure}}' >"$TEST_DIR/closure.mustache"
expect_refused 65 "a misspelled field of a closure the case does not have" show "$runaway" --template "$TEST_DIR/closure.mustache"
expect_stderr_contains "outcom_label"
printf '%s\n' '{{#closure}}{{outcome_label}}{{/closure}}{{#members}}{{number}} {{name}}{{/members}}' >"$TEST_DIR/closure-ok.mustache"
run_ok show "$runaway" --template "$TEST_DIR/closure-ok.mustache"
printf '%s\n' '{{#items}}{{kind_lable}}{{/items}}' >"$TEST_DIR/due.mustache"
expect_refused 65 "a misspelled due field with nothing due" due --district turksib --agency school --template "$TEST_DIR/due.mustache"
expect_stderr_contains "kind_lable"
printf '%s\n' '{{#removed_members}}{{reasn}}{{/removed_members}}' >"$TEST_DIR/removed.mustache"
mkdir -p "$TEST_DIR/quiet"
expect_refused 65 "report cases checks the kind's fields" report cases --template "$TEST_DIR/removed.mustache" --status active --out "$TEST_DIR/quiet/docs"
expect_stderr_contains "reasn"

# English: the same documents in English labels, dates stay ISO.
run_ok --lang en show "$runaway" --template case
expect_stdout_contains "Status: Active"
expect_true "English dates are ISO" grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}' <"$OUT"

finish
