# Kazakh readers (--lang kk, CASECTL_LANG=kk, language = "kk"): the reference data's labels, every
# built-in document, period names and report figures in Kazakh; no code or ISO date a reader must
# decode; TSV and JSON keep the codes scripts rely on. Labels a config gives with `kk = "..."`.
# Messages are in Kazakh here too (CASECTL_LANG says it for both).
source "$(dirname "$0")/lib.sh"

store_state() { store_sql "SELECT count(*) FROM journal; SELECT count(*) FROM cases;"; }

# Every built-in template has a Kazakh version with the same fields in the same order, so that a
# change to the Russian one that forgets the Kazakh one fails here.
tags_of() { grep -o '{{[^}]*}}*' "$1" | grep -v '^{{!'; }
for ru in "$SOURCE_ROOT"/templates/*.ru.*mustache; do
  kk=${ru/.ru./.kk.}
  name=$(basename "$ru")
  expect_true "$name has a Kazakh version" test -f "$kk"
  [ -f "$kk" ] || continue
  expect_eq "the fields of ${name/.ru./.kk.} are those of $name" "$(tags_of "$kk")" "$(tags_of "$ru")"
  expect_eq "${name/.ru./.kk.} has the lines of $name" "$(wc -l <"$kk")" "$(wc -l <"$ru")"
done

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
demo_store
export CASECTL_TODAY=2026-11-20 CASECTL_LANG=kk

reference_codes
# The Russian labels of built-in codes: a Kazakh document has the Kazakh ones instead.
russian_labels='Статус:|В работе|Приём|Экстренно|Планово|Открыта|Выполнена|Многодетная семья|Малообеспеченная семья|Одинокий пожилой|Посещение на дому|Собеседование|Умеренный|Алмалинский район|Ауэзовский район'
iso_dates() { grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$1" | head -3 | tr '\n' ' '; }

run_ok list -o tsv --no-headers --limit 100
cases=$(cut -f1 "$OUT")
documents=0
for id in $cases; do
  for kind in case passport; do
    run_ok show "$id" --template $kind
    cp "$OUT" "$TEST_DIR/$kind-$id.txt"
    documents=$((documents + 1))
    expect_eq "codes in the Kazakh $kind of $id" "$(codes_in "$TEST_DIR/$kind-$id.txt" | tr '\n' ' ')" ""
    expect_eq "ISO dates in the Kazakh $kind of $id" "$(iso_dates "$TEST_DIR/$kind-$id.txt")" ""
    expect_eq "Russian labels in the Kazakh $kind of $id" "$(grep -oE "$russian_labels" "$TEST_DIR/$kind-$id.txt" | sort -u | tr '\n' ' ')" ""
  done
  expect_true "the card of $id is the Kazakh one" grep -q '^ІС КАРТАСЫ' "$TEST_DIR/case-$id.txt"
  run assess "$id" --show --template assessment
  if [ "$CODE" -eq 0 ]; then
    documents=$((documents + 1))
    cp "$OUT" "$TEST_DIR/assessment-$id.txt"
    expect_eq "codes in the Kazakh assessment of $id" "$(codes_in "$TEST_DIR/assessment-$id.txt" | tr '\n' ' ')" ""
    expect_eq "Russian labels in the Kazakh assessment of $id" "$(grep -oE "$russian_labels" "$TEST_DIR/assessment-$id.txt" | sort -u | tr '\n' ' ')" ""
  fi
  run plan "$id" --template plan
  if [ "$CODE" -eq 0 ]; then
    documents=$((documents + 1))
    cp "$OUT" "$TEST_DIR/plan-$id.txt"
    expect_eq "codes in the Kazakh plan of $id" "$(codes_in "$TEST_DIR/plan-$id.txt" | tr '\n' ' ')" ""
    expect_eq "ISO dates in the Kazakh plan of $id" "$(iso_dates "$TEST_DIR/plan-$id.txt")" ""
    expect_eq "Russian labels in the Kazakh plan of $id" "$(grep -oE "$russian_labels" "$TEST_DIR/plan-$id.txt" | sort -u | tr '\n' ' ')" ""
  fi
done
expect_true "cards, passports, assessments and plans were checked ($documents)" test "$documents" -gt 12

# Records: the labels in Kazakh, the codes as in every language.
run_ok list -o json --limit 100
runaway=$(jq -r 'map(select(.status == "active" and .case_manager != null)) | .[0].case_id' <"$OUT")
run_ok show "$runaway" -o json
expect_eq "status, kind and district labels" "$(jq -r '[.status, .status_label, .kind_label, .district_label] | join("|")' <"$OUT")" \
  "active|Жұмыста|Отбасы|$(jq -r '.district_label' <"$OUT")"
expect_true "the config's Kazakh district label ($(jq -r .district_label <"$OUT"))" \
  jq -e '.district_label | test("ауданы$")' "$OUT"
run_ok list -o tsv --limit 100
expect_stdout_contains "	active	"
expect_stdout_lacks "Жұмыста"
run_ok list -o table --limit 100
expect_stdout_contains "Жұмыста"
run_ok plan "$runaway" -o json
expect_eq "a task's status in Kazakh" "$(jq -r '.tasks[0].status_label' <"$OUT")" "Ашық"
run_ok due --within 60d -o json
kinds='Міндеттің мерзімі өтті|Міндет мерзімі|Мониторинг мерзімі өтті|Мониторинг мерзімі|Алғашқы жауап кешікті|Алғашқы жауап мерзімі|Қызмет толық көрсетілмеді|Ведомствоға хабарланбады|Ведомствоға хабарлау керек'
expect_eq "every due kind in Kazakh" "$(jq -r --arg k "$kinds" '[.[] | .kind_label | test("^(" + $k + ")$")] | all' <"$OUT")" "true"

# The case manager's letter to an agency and the social passport, in Kazakh.
run_ok show "$runaway" --template passport
expect_stdout_contains "ӘЛЕУМЕТТІК ПАСПОРТ"
run_ok list -o json --limit 100
palliative=$(jq -r 'map(select(.groups | index("palliative"))) | .[0].case_id' <"$OUT")
run_ok show "$palliative" --template service-complaint
expect_stdout_contains "Кімге: № 5 қалалық емхана"
expect_stdout_contains "ТОЛЫҚ КӨРСЕТІЛМЕГЕН ҚЫЗМЕТ ТУРАЛЫ"

# Reports: figure labels, period names and months in Kazakh.
run_ok report kpi --period 2026-11 -o json
expect_eq "the families figure's label" "$(jq -r '.[] | select(.figure == "families") | .label' <"$OUT")" "Сүйемелдеудегі отбасылар"
run_ok report kpi --period 2026-11 --template kpi
expect_stdout_contains "ТҮЙІНДІ КӨРСЕТКІШТЕР"
expect_stdout_contains "Сүйемелдеудегі отбасылар: "
run_ok report kpi --period 2026 --compare year --template dashboard.html
expect_stdout_contains '<html lang="kk">'
expect_stdout_contains "2026 жыл"
expect_stdout_contains ">қаң<"
expect_stdout_lacks ">янв<"
run_ok report caseload --period 2026-11 -o json
expect_true "caseload runs in Kazakh" test -s "$OUT"

# A config's own Kazakh labels: `kk = "..."`; one left out is the Russian label.
cat >"$TEST_DIR/kk.toml" <<'EOF'
[groups]
large-family = { ru = "Многодетные", kk = "Көп балалылар" }
shelter = { kk = "Дағдарыс орталығында тұрады" }
EOF
run_ok --config "$TEST_DIR/kk.toml" config show -o json
expect_eq "a group's labels in config show" "$(jq -r '.[] | select(.key == "groups.large-family") | .value' <"$OUT")" "Многодетные / Көп балалылар"
expect_eq "a Kazakh-only group serves Russian readers too" "$(jq -r '.[] | select(.key == "groups.shelter") | .value' <"$OUT")" "Дағдарыс орталығында тұрады"
run_ok --config "$TEST_DIR/kk.toml" list --group "көп балалылар" -o json --limit 1
expect_eq "a Kazakh label typed finds the code" "$(jq -r '.[0].groups | index("large-family") != null' <"$OUT")" "true"
expect_eq "the config's Kazakh label" "$(jq -r '.[0].groups_label | index("Көп балалылар") != null' <"$OUT")" "true"
run_ok --config "$TEST_DIR/kk.toml" --lang ru list --group large-family -o json --limit 1
expect_eq "the config's Russian label" "$(jq -r '.[0].groups_label | index("Многодетные") != null' <"$OUT")" "true"
printf '[groups]\nlarge-family = { ru = "Многодетные", kz = "Көп балалылар" }\n' >"$TEST_DIR/kz.toml"
expect_refused 78 "a misspelled language key" --config "$TEST_DIR/kz.toml" list
expect_stderr_contains "kz"
expect_stderr_contains "('kk' дегіңіз келді ме?)"
expect_stderr_contains "kz.toml:2"

# Regression: a group taken away by its Kazakh label (edit matched only the Russian and English).
new_case kk_case --name 'Сапарова Гүлнұр' --district almaly --group 'Көп балалы отбасы'
run_ok show "$kk_case" -o json
expect_eq "a group given by its Kazakh label" "$(jq -c .groups "$OUT")" '["large-family"]'
run_ok edit "$kk_case" --group=-'көп балалы отбасы'
run_ok show "$kk_case" -o json
expect_eq "the group taken away by its Kazakh label" "$(jq -c .groups "$OUT")" '[]'

# Languages: a flag beyond the three is a usage error; the environment's is a config error. (The
# messages are Kazakh too, under CASECTL_LANG=kk: test_messages.sh has the rules.)
expect_refused 2 "an unknown --lang" --lang de list
expect_stderr_contains "ru, kk немесе en күтілді"
CASECTL_LANG=de run list
expect_code 78
run_ok --lang en show "$runaway" -o json
expect_eq "English still" "$(jq -r .status_label <"$OUT")" "Active"
run_ok --lang ru show "$runaway" -o json
expect_eq "Russian still" "$(jq -r .status_label <"$OUT")" "В работе"

finish
