#!/usr/bin/env bash
# casectl show --as-of DATE: the case as it stood at the end of a past day, by effective dates.
# A store is built step by step, each step run with --today D_i, and `show CASE -o json` recorded
# after each; then `show CASE --as-of D_i` (run later, on the last day) must give what was recorded.
# Also: log --until, the formats, --redact, and the refused days.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
# store_state: the journal and the cases, what a refused command must leave as it was.
store_state() { store_sql "SELECT count(*) FROM journal; SELECT * FROM cases;"; }

SNAP=$TEST_DIR/snapshots
mkdir -p "$SNAP"

# normalized FILE: the card without the fields that cannot be equal by design:
#  - updated_at is the real moment of the last write (the system clock, not --today), which the
#    as-of card takes from the journal's real timestamp of the last change up to the day: the same
#    change, but not necessarily the same second as the row's own updated_at;
#  - as_of is only in the as-of card (it is checked on its own below).
normalized() { jq -S 'del(.updated_at, .as_of)' "$1"; }

# step DAY ARGS...: runs `casectl --today DAY ARGS...` (must succeed), then records the card of the
# case as `show` prints it that day.
DAYS=()
step() {
  local day=$1
  shift
  run_ok --today "$day" "$@"
  "$CASECTL" --today "$day" show "$c" -o json >"$SNAP/$day.json" || echo "show failed on $day" >&2
  DAYS+=("$day")
}

run_ok init
run_ok --today 2026-11-02 intake --external-id 'ЕСП-501' --name 'Семья Ержановых' --district almaly --opened 2026-11-02 \
  --urgency routine --member 'Ержанова Дана;мать;1990-05-01' --problem 'Долги за жильё'
c=$(jq -r '.[0].case_id // empty' <<<"$("$CASECTL" list -o json)")
expect_true "the case is registered" test -n "$c"
"$CASECTL" --today 2026-11-02 show "$c" -o json >"$SNAP/2026-11-02.json"
DAYS+=(2026-11-02)

step 2026-11-03 assess "$c" --domain safety=3 --domain income=2 --visit 2026-11-03
step 2026-11-04 assign "$c" --manager aseitova --team kim:psychologist
step 2026-11-05 plan "$c" add-goal --domain income --target 4 --description 'Погасить долги'
step 2026-11-05 plan "$c" add-task --what 'Консультации психолога' --agency ngo --frequency 2/week --offset 0
step 2026-11-06 plan "$c" approve --meeting 2026-11-06 --participants 'Асеитова Г.М.'
step 2026-11-08 assign "$c" --team kim:lawyer --team nurlanov
step 2026-11-09 review "$c" --delivered 1=2 --event hospitalised --event-note 'Ержанов Али был у тёти' --note 'Визит' \
  --next 2026-11-23
step 2026-11-10 assess "$c" --domain safety=1 --domain income=2
step 2026-11-11 assign "$c" --manager petrenko
step 2026-11-12 intake --external-id 'ЕСП-501' --name 'Семья Ержановых' --district turksib --opened 2026-11-02 \
  --member 'Ержанова Дана;мать;1990-05-01' --member 'Ержанов Али;сын;2016-02-02' --problem 'Долги за жильё' \
  --group large-family --on-existing update
step 2026-11-13 review "$c" --task 1 --status done --task-note 'Итог'
step 2026-11-14 assign "$c" --supervisor zhumabaeva --remove kim
step 2026-11-16 review "$c" --close --reason 'Долги погашены' --outcome goals-achieved --expectations yes
step 2026-11-18 review "$c" --reopen --reason 'Новые долги'
step 2026-11-19 review "$c" --delivered 1=1 --next 2026-12-01

# The day moved on: every recorded day, asked later, gives what was shown that day.
export CASECTL_TODAY=2026-11-20
for day in "${DAYS[@]}"; do
  run show "$c" --as-of "$day" -o json
  expect_code 0
  jq . "$OUT" >"$TEST_DIR/asof.json"
  expect_eq "as of $day: the card shown that day" "$(normalized "$TEST_DIR/asof.json")" "$(normalized "$SNAP/$day.json")"
  expect_eq "as of $day: as_of names the day" "$(jq -r .as_of "$TEST_DIR/asof.json")" "$day"
done
expect_eq "the team and supervisor changed" \
  "$(jq -c '[.supervisor, [.team[] | .login + ":" + .role]]' "$SNAP/2026-11-04.json")" '[null,["kim:psychologist"]]'
expect_eq "... and on the 14th" "$(jq -c '[.supervisor, [.team[].login]]' "$SNAP/2026-11-14.json")" '["zhumabaeva",["nurlanov"]]'
# Some of what the replay must have rewound, so that the comparison above cannot pass by accident.
expect_eq "the case changed over the weeks" \
  "$(jq -c '[.status, .urgency, .district, .case_manager, (.members | length)]' "$SNAP/2026-11-02.json")" \
  '["intake","routine","almaly",null,1]'
run show "$c" --as-of 2026-11-17 -o json
expect_eq "closed on the 17th, with its closure" "$(jq -c '[.status, .closed, .closure.outcome, .next_review_on]' "$OUT")" \
  '["closed","2026-11-16","goals-achieved",null]'
run show "$c" -o json
expect_eq "today: reopened, the closure kept in the history" "$(jq -c '[.status, .closed, .closures[0].reopened_on]' "$OUT")" \
  '["active",null,"2026-11-18"]'
run show "$c" --as-of 2026-11-17 -o json
expect_eq "on the 17th the closure was not yet reopened" "$(jq -c '.closures[0].reopened_on' "$OUT")" null

# Facts recorded later than they happened count from the day they happened: an assessment dated
# back (--date) moves the case to assessment and raises its urgency on its own day, a plan
# approved at an earlier meeting makes the case active from the meeting.
run_ok --today 2026-11-02 intake --name 'Семья Бековых' --district almaly --opened 2026-11-02 --urgency routine
back=$(jq -r '.[] | select(.name == "Семья Бековых") | .case_id' <<<"$("$CASECTL" list -o json)")
run_ok --today 2026-11-05 assess "$back" --date 2026-11-03 --domain safety=1 --domain income=2 --visit 2026-11-03
run_ok --today 2026-11-05 assign "$back" --manager aseitova
run_ok --today 2026-11-05 plan "$back" add-goal --domain safety --target 3 --description 'Безопасность'
run_ok --today 2026-11-05 plan "$back" add-task --what 'Визиты' --agency ngo --frequency 1/week --offset 0
run_ok --today 2026-11-09 plan "$back" approve --meeting 2026-11-06 --participants 'Асеитова Г.М.'
as_of_line() { "$CASECTL" show "$back" --as-of "$1" -o json | jq -c '[.status, .urgency, .risk, (.services | length)]'; }
expect_eq "back-dated: the 2nd" "$(as_of_line 2026-11-02)" '["intake","routine",null,0]'
expect_eq "back-dated: the 3rd, assessed that day" "$(as_of_line 2026-11-03)" '["assessment","emergency","very-high",0]'
expect_eq "back-dated: the 6th, the plan approved at that day's meeting" "$(as_of_line 2026-11-06)" \
  '["active","emergency","very-high",1]'
run log "$back" --until 2026-11-03 -o json
expect_eq "the journal dates them so" "$(jq -r '[.[] | .action + "@" + .effective_on] | join(" ")' "$OUT")" \
  'intake@2026-11-02 assess@2026-11-03 update@2026-11-03'

# A day between the steps is the day before it; DD.MM.YYYY is a day too.
run show "$c" --as-of 07.11.2026 -o json
expect_eq "the 7th is the 6th" "$(jq -S 'del(.updated_at, .as_of, .services)' "$OUT")" \
  "$(jq -S 'del(.updated_at, .as_of, .services)' "$SNAP/2026-11-06.json")"
expect_eq "services up to the 7th" "$(jq -c '.services[0] | [.from, .to, .delivered]' "$OUT")" '["2026-11-01","2026-11-07",0]'

# Every format, templates and --redact take the card as of the day.
run show "$c" --as-of 2026-11-03
expect_code 0
expect_stdout_contains almaly
expect_stdout_lacks turksib
run show "$c" --as-of 2026-11-03 -o tsv
expect_code 0
expect_stdout_contains almaly
expect_stdout_lacks turksib
printf '{{case_id}} {{status}} {{district}} {{urgency}} {{as_of}}\n' >"$TEST_DIR/line.mustache"
printf '{{#events}}{{note}}\n{{/events}}' >"$TEST_DIR/note.mustache"
run show "$c" --as-of 2026-11-10 --template "$TEST_DIR/line.mustache"
expect_code 0
expect_stdout "$c active almaly emergency 10.11.2026"
run show "$c" --as-of 2026-11-03 --redact -o json
expect_code 0
expect_stdout_lacks 'Ержанова'
expect_eq "redacted, still as of the day" "$(jq -r .status "$OUT")" assessment

# report cases --as-of: each case card as of the day; a case opened later is skipped.
run_ok --today 2026-11-15 intake --name 'Семья Ли' --district turksib --opened 2026-11-15
later=$(jq -r '.[] | select(.name == "Семья Ли") | .case_id' <<<"$("$CASECTL" list -o json)")
run report cases --template "$TEST_DIR/line.mustache" --out "$TEST_DIR/docs" --as-of 2026-11-04 -o json
expect_code 0
expect_eq "the documents of the cases opened by then" "$(jq -r '[.[].case_id] | join(" ")' "$OUT")" "$c $back"
expect_stderr_contains "skipped $later: opened after 2026-11-04"
expect_eq "the document as of the day" "$(cat "$TEST_DIR/docs/$c.txt")" "$c assessment almaly routine 04.11.2026"
expect_refused 2 "report cases --as-of of a plan" report cases --template "$TEST_DIR/line.mustache" --document plan \
  --out "$TEST_DIR/docs2" --as-of 2026-11-04
expect_refused 65 "report cases --as-of in the future" report cases --template "$TEST_DIR/line.mustache" \
  --out "$TEST_DIR/docs3" --as-of 2026-12-01
expect_true "nothing written when refused" test ! -e "$TEST_DIR/docs3"

# --redact masks, in the free text it keeps, the people of the case as it is now too: the son, only
# named in the household from the 12th, is masked in a note of the 9th.
{ cat "$CASECTL_CONFIG"; printf '[redact]\nkeep = ["note"]\n'; } >"$TEST_DIR/keep.toml"
run --config "$TEST_DIR/keep.toml" show "$c" --as-of 2026-11-10 --redact -o json
expect_code 0
expect_eq "the event note kept" "$(jq -r '.events | length' "$OUT")" 1
expect_stdout_lacks 'Али'
run --config "$TEST_DIR/keep.toml" report cases --template "$TEST_DIR/note.mustache" --out "$TEST_DIR/redacted" \
  --as-of 2026-11-10 --redact
expect_code 0
expect_true "the document's event note masks the son" grep -q 'был у тёти' "$TEST_DIR/redacted/$c.txt"
expect_true "... and not his name" test -z "$(grep 'Али' "$TEST_DIR/redacted/$c.txt")"

# log --until: the journal up to the end of a day, by effective dates.
run log "$c" --until 2026-11-04 -o json
expect_code 0
expect_eq "log up to the 4th" "$(jq -r '[.[].action] | join(" ")' "$OUT")" 'intake assess update assign team-add'

# Refused days: before the opening, in the future, not a day. Nothing is shown.
expect_refused 65 "a day before the case was opened" show "$c" --as-of 2026-11-01
expect_stderr_contains "is before case $c was opened, on 2026-11-02"
expect_refused 65 "a day in the future" show "$c" --as-of 2026-11-21
expect_stderr_contains "is in the future"
expect_refused 65 "not a day" show "$c" --as-of 2026-13-01
expect_stderr_contains "--as-of"
expect_refused 65 "log --until not a day" log "$c" --until 'the other day'
expect_stderr_contains "--until: 'the other day' is not a date"
run_ok log "$c" --until yesterday -o json # a typed date (docs/scripting.md#dates): the 19th
expect_eq "log --until yesterday" "$(jq -r '[.[].effective_on] | max' "$OUT")" 2026-11-19
expect_refused 3 "an unknown case" show 2099-99999 --as-of 2026-11-10

finish
