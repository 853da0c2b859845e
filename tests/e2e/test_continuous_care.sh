#!/usr/bin/env bash
# 24-hour patronage (seed 002): a task of frequency "continuous" is due every day and its delivery
# is recorded as the days it covered, so a month is due 30 days, not 24/day's 720 visits; it reads
# "круглосуточно" / "around the clock" in documents, "continuous" in records, and is counted by the
# services report, `due` and the card like every monthly service.
. "$(dirname "$0")/lib.sh"
export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml CASECTL_TODAY=2026-11-30 CASECTL_PLAN_INFORM_WITHIN=off

run_ok init
new_case pal --kind person --name 'Ахметова Зейнеп' --district almaly --opened 2026-10-25 --group palliative
run_ok --today 2026-10-26 assess "$pal" --domain health=1 --visit 2026-10-26
run_ok assign "$pal" --manager aseitova
run_ok --today 2026-10-27 plan "$pal" add-goal --domain health --target 3 --description 'Уход дома'
run_ok --today 2026-10-27 plan "$pal" add-task --what 'Круглосуточный патронаж сиделки' --agency ngo --frequency круглосуточно --offset 0
run_ok --today 2026-10-27 plan "$pal" add-task --what 'Врач на дому' --agency hospital --frequency continuous --offset 0
run_ok --today 2026-10-27 plan "$pal" edit-task 2 --frequency 1/week
run_ok --today 2026-10-27 plan "$pal" approve --meeting 2026-10-27 --participants 'Асеитова Г.М.'

run_ok plan "$pal" -o json
expect_eq "continuous: 30 days a month, named as people say it" \
  "$(jq -c '.tasks[] | [.number, .frequency, .frequency_count, .frequency_period, .frequency_label]' "$OUT")" \
  "$(printf '%s\n%s' '[1,"continuous",30,"month","круглосуточно"]' '[2,"1/week",1,"week","1 раз в неделю"]')"
run_ok plan "$pal" --lang en -o json
expect_eq "in English" "$(jq -r '.tasks[0].frequency_label' "$OUT")" "around the clock"
run_ok plan "$pal" --template plan
expect_stdout_contains "круглосуточно"

run_ok plan tasks --agency ngo -o json
expect_eq "an agency's task list says it too" "$(jq -c '[.[] | [.what, .frequency]]' "$OUT")" \
  '[["Круглосуточный патронаж сиделки","continuous"]]'

# Days covered: 20 of the last 30 days.
run_ok review "$pal" --delivered 1=14 --on 2026-11-14
run_ok review "$pal" --delivered 1=6 --on 2026-11-20
run_ok review "$pal" --services -o json
expect_eq "the card's window: 30 days, 20 covered" \
  "$(jq -c '.[] | select(.task == 1) | [.frequency, .from, .to, .due, .delivered, .percent]' "$OUT")" \
  '["continuous","2026-11-01","2026-11-30",30,20,66]'
run_ok due -o json
expect_eq "due: the days not covered" \
  "$(jq -c '[.[] | select(.case_id == "'"$pal"'" and .task == 1) | [.kind, .due, .delivered]]' "$OUT")" \
  '[["under-delivered","30/month",20]]'
run_ok report services --period 2026-11 -o json
expect_eq "the services report: November's 30 days due, 20 delivered" \
  "$(jq -c '[.[] | select(.value == "ngo" or .label == "Круглосуточный патронаж сиделки") | [.due, .delivered]] | first' "$OUT")" \
  '[30,20]'

# A plan file names it too, and the plan's own TOML gives it back.
printf '[[goals]]\ndomain = "health"\ndescription = "Уход"\n[[goals.tasks]]\nwhat = "Сиделка"\nagency = "ngo"\nfrequency = "24/7"\noffset_days = 0\n' >"$TEST_DIR/plan.toml"
new_case other --kind person --name 'Иванова Мария' --district almaly --opened 2026-11-01
run_ok plan "$other" --from "$TEST_DIR/plan.toml"
run_ok plan "$other" -o json
expect_eq "from a file" "$(jq -c '.tasks[0] | [.frequency, .frequency_count]' "$OUT")" '["continuous",30]'
expect_refused() { run "$@"; expect_code 65; }
expect_refused plan "$other" add-task --goal 1 --what 'X' --agency ngo --frequency '24 hours'
expect_stderr_contains "continuous for 24-hour care"

finish
