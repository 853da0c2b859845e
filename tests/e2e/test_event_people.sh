#!/usr/bin/env bash
# Events that name the household members they concern (`review --event TYPE --member N`), and the
# Sarmanovo figures (seed 003) out of one `report kpi --compare previous`: year on year, 13 % fewer
# families under accompaniment, 56 % fewer children placed in state institutions, 45 % fewer minors
# about whom a rights violation was reported. Siblings placed at once count as children, one each;
# a child named by two reports counts once; an adult, a member who came of age before the event
# and a member without a birth date are people but not minors; a member removed from the household
# since is still counted by the birth date kept for them.
. "$(dirname "$0")/lib.sh"
export CASECTL_TODAY=2026-01-15
store_state() { store_sql "SELECT count(*) FROM events; SELECT count(*) FROM journal;"; }

# --- two years of a district's work ------------------------------------------------------------------
# 100 families registered in 2024, each of six: a mother, three children (2010, 2012 and a leap-day
# 2008 birth), a son born 2006-03-10 (18 on 2024-03-10), a child without a birth date.
csv=$TEST_DIR/families.csv
{
  echo "external_id;name;kind;district;source;urgency;members;opened"
  for i in $(seq 1 100); do
    printf 'F-%03d;Семья %03d;family;center;self;routine;"Мать %03d;мать;1985-01-01|Сын А %03d;сын;2010-05-01|Дочь Б %03d;дочь;2012-06-01|Сын В %03d;сын;2008-02-29|Сын Г %03d;сын;2006-03-10|Ребёнок Д %03d;сын";%s\n' \
      "$i" "$i" "$i" "$i" "$i" "$i" "$i" "$i" "2024-01-$(printf '%02d' $(((i % 28) + 1)))"
  done
} >"$csv"
run intake --from "$csv"
expect_code 0
mapfile -t case_of < <(cat "$OUT") # case_of[0] is F-001
expect_eq "100 families registered" "${#case_of[@]}" 100
case_no() { echo "${case_of[$(($1 - 1))]}"; }

# 13 of them closed before 2025: 100 families in 2024, 87 in 2025.
for i in $(seq 88 100); do
  run_ok review "$(case_no "$i")" --close --on 2024-11-30 --reason "Трудная ситуация преодолена" --outcome goals-achieved \
    --expectations yes --force "архив"
done

event() { # CASE-NUMBER TYPE DATE MEMBER...
  local case=$1 type=$2 on=$3
  shift 3
  local members=()
  for m in "$@"; do members+=(--member "$m"); done
  run_ok review "$(case_no "$case")" --event "$type" --on "$on" "${members[@]}"
}

# Children placed in state institutions: 2024, six placements of nine children (three siblings at
# once, two at once, four alone); 2025, two placements of two siblings each.
event 11 child-placed-in-care 2024-06-01 2 3 4
event 12 child-placed-in-care 2024-06-02 2 3
for i in 13 14 15 16; do event "$i" child-placed-in-care 2024-07-01 2; done
event 17 child-placed-in-care 2025-03-01 2 3
event 18 child-placed-in-care 2025-04-01 3 2

# Reports of a violation of a child's rights: 2024, two children of each of ten families (20
# minors); family 1's child named again, its mother, its son of 18 and its child of unknown age
# too. 2025: two children of five families and one of a sixth (11 minors).
for i in $(seq 1 10); do event "$i" rights-violation-report 2024-04-01 2 3; done
event 1 rights-violation-report 2024-05-01 2 1 5 6
for i in $(seq 1 5); do event "$i" rights-violation-report 2025-02-01 2 3; done
event 6 rights-violation-report 2025-02-01 4
# Family 2's daughter leaves the household in 2025: her 2024 report still counts her, a minor.
run_ok edit "$(case_no 2)" --remove-member 3 --reason "Живёт у бабушки" --on 2025-06-01

# --- the figures --------------------------------------------------------------------------------------
run_ok report kpi --period 2025 --compare previous -o json
kpi=$(cat "$OUT")
figure() { jq -r --arg f "$1" '.[] | select(.figure == $f) | "\(.value) \(.previous) \(.change_percent)"' <<<"$kpi"; }
expect_eq "families under accompaniment: 87 against 100, -13 %" "$(figure families)" "87 100 -13"
expect_eq "placements: 2 events against 6" "$(figure event.child-placed-in-care)" "2 6 -66.7"
expect_eq "children placed, each sibling counted: 4 against 9" "$(figure event.child-placed-in-care.people)" "4 9 -55.6"
expect_eq "... all of them minors" "$(figure event.child-placed-in-care.minors)" "4 9 -55.6"
expect_eq "rights-violation reports: 6 events against 11" "$(figure event.rights-violation-report)" "6 11 -45.5"
expect_eq "people named by the reports: a child twice counts once, the adults and the unknown age too" \
  "$(figure event.rights-violation-report.people)" "11 23 -52.2"
expect_eq "minors with a report: 11 against 20 (not the mother, not the son of 18, not the child of unknown age)" \
  "$(figure event.rights-violation-report.minors)" "11 20 -45"
expect_eq "the member without a birth date is shown as of unknown age" \
  "$(figure event.rights-violation-report.age_unknown)" "0 1 -100"
expect_eq "a type whose events name nobody has no people figures" "$(figure event.police-called.people)" ""

run_ok report kpi --period 2025 --compare previous --template practice-results
expect_stdout_contains "Семьи с детьми на сопровождении: 87 (было 100)"
expect_stdout_contains "На 13 % снижение"
expect_stdout_contains "Дети, помещённые в государственные учреждения: 4 (было 9)"
expect_stdout_contains "На 56 % снижение"
expect_stdout_contains "Несовершеннолетние, в отношении которых поступили сообщения о нарушении прав: 11 (было 20)"
expect_stdout_contains "На 45 % снижение"
run_ok report kpi --period 2025 --compare previous --template practice-results --lang en
expect_stdout_contains "Children placed in state institutions: 4 (before: 9)"
expect_stdout_contains "Down 56 %"
# A district's template can name the people figures whatever the store holds: null, not 0, where
# no event names anyone.
run_ok report kpi --period 2025 --compare previous --district almaly --template practice-results
expect_stdout_contains "Не посчитано: события не называют детей"
# The district filter narrows the people too.
run_ok report kpi --period 2025 --compare previous --district center -o json
expect_eq "the district's minors with a report" \
  "$(jq -r '.[] | select(.figure == "event.rights-violation-report.minors") | .value' "$OUT")" 11

# --- the case card names them -------------------------------------------------------------------------
run_ok show "$(case_no 11)" -o json
expect_eq "the event lists its members with their names" \
  "$(jq -c '[.events[0].members[] | [.number, .name]]' "$OUT")" '[[2,"Сын А 011"],[3,"Дочь Б 011"],[4,"Сын В 011"]]'
run_ok show "$(case_no 2)" -o json
expect_eq "a member removed since keeps its name in the event" \
  "$(jq -c '[.events[0].members[] | .name]' "$OUT")" '["Сын А 002","Дочь Б 002"]'
run_ok show "$(case_no 11)" --template case
expect_stdout_contains "Ребёнок помещён в государственное учреждение — Сын А 011, Дочь Б 011, Сын В 011"
run_ok show "$(case_no 11)" --redact -o json
expect_eq "--redact: the members' names as initials" "$(jq -c '[.events[0].members[] | .name]' "$OUT")" '["С. А.","Д. Б.","С. В."]'
run_ok log "$(case_no 11)" -o json
expect_eq "the journal says which members" "$(jq -r '.[-1].changes.event_members | map(tostring) | join(",")' "$OUT")" "2,3,4"

# --- refused, with nothing written ----------------------------------------------------------------------
expect_refused 65 "a member the case never had" review "$(case_no 20)" --event police-called --member 9
expect_stderr_contains "member: case $(case_no 20) has no member 9"
expect_refused 65 "a member number that is no number" review "$(case_no 20)" --event police-called --member мать
expect_stderr_contains "'мать' is not a member number"
expect_refused 65 "members without an event" review "$(case_no 20)" --member 2 --note "визит"
expect_stderr_contains "goes with --event"
printf 'events = ["police-called"]\nmembers = [2, 7]\n' >"$TEST_DIR/review.toml"
expect_refused 65 "a review file naming a member the case never had" review "$(case_no 20)" --from "$TEST_DIR/review.toml"
expect_stderr_contains "no member 7"
printf 'events = ["police-called"]\nmembers = [2, 3]\non = "2025-09-01"\n' >"$TEST_DIR/review.toml"
run_ok review "$(case_no 20)" --from "$TEST_DIR/review.toml"
run_ok show "$(case_no 20)" -o json
expect_eq "a review file names members too" "$(jq -c '.events[0].members | map(.number)' "$OUT")" '[2,3]'

finish
