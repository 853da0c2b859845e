#!/usr/bin/env bash
# On a terminal only: the pager (CASECTL_PAGER, PAGER, less -FRX; --no-pager), tables fitted to the
# terminal's width, "nothing found" for an empty result, colour for what is alarming. Driven under
# a pseudo-terminal with script(1); piped output must stay as it was, byte for byte.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

run_ok init
long_name="Семья Жақсылықовых-Абдрахмановых, многодетная, из посёлка Новая Бухтарма Зыряновского района"
new_case a --name "$long_name" --district auezov --urgency emergency
new_case b --name "Ким Сергей" --district almaly

# on_terminal COLUMNS COMMAND...: runs COMMAND under a pseudo-terminal COLUMNS wide, stdout and
# stderr both on it; what the terminal got lands in $TTY_OUT (carriage returns removed).
on_terminal() {
  local columns=$1
  shift
  local quoted
  printf -v quoted '%q ' "$@"
  TTY_OUT=$(script -qec "stty cols $columns rows 50; $quoted" /dev/null < /dev/null | tr -d '\r')
}

# --- piped: nothing changes --------------------------------------------------------------------------
run list -o table
expect_code 0
piped_table=$(cat "$OUT")
expect_true "piped, a table is never cut" grep -qF "$long_name" <<< "$piped_table"
run list
expect_code 0
expect_true "piped, the default is TSV with the whole name" grep -qF "$long_name" "$OUT"
expect_stderr_empty

# --- the pager ---------------------------------------------------------------------------------------
export CASECTL_PAGER='sed s/^/PAGED:/'
on_terminal 200 "$CASECTL" list --no-color
expect_true "on a terminal the output goes through CASECTL_PAGER" grep -q "^PAGED:$a" <<< "$TTY_OUT"
on_terminal 200 "$CASECTL" --no-pager list --no-color
expect_true "--no-pager: straight to the terminal" grep -q "^$a" <<< "$TTY_OUT"
expect_true "--no-pager: no line through the pager" bash -c '! grep -q PAGED: <<< "$1"' _ "$TTY_OUT"
on_terminal 200 "$CASECTL" intake --name "Омаров Ерлан" --district auezov
expect_true "intake prints its id without a pager" bash -c '! grep -q PAGED: <<< "$1"' _ "$TTY_OUT"
unset CASECTL_PAGER
PAGER='sed s/^/FROM-PAGER:/' on_terminal 200 "$CASECTL" show "$b" --no-color
expect_true "PAGER when CASECTL_PAGER is not set" grep -q "^FROM-PAGER:" <<< "$TTY_OUT"
CASECTL_PAGER=cat PAGER='sed s/^/FROM-PAGER:/' on_terminal 200 "$CASECTL" show "$b" --no-color
expect_true "CASECTL_PAGER=cat: no pager" bash -c '! grep -q FROM-PAGER: <<< "$1"' _ "$TTY_OUT"
CASECTL_PAGER='no-such-pager-here -x' on_terminal 200 "$CASECTL" list --no-color
expect_true "a pager that is not installed: the output still shows" grep -q "^$b" <<< "$TTY_OUT"
on_terminal 200 env -u CASECTL_PAGER -u PAGER "$CASECTL" list --no-color
expect_true "the default pager (less -FRX) shows a short list and quits" grep -qF "$long_name" <<< "$TTY_OUT"
expect_eq "piped output is unchanged by any pager setting" "$(CASECTL_PAGER='sed s/^/X/' "$CASECTL" list -o table)" \
  "$("$CASECTL" --no-pager list -o table)"

# --- tables fitted to the terminal's width ----------------------------------------------------------
on_terminal 100 "$CASECTL" --no-pager list --no-color
widest=$(while IFS= read -r line; do echo "${#line}"; done <<< "$TTY_OUT" | sort -n | tail -1)
expect_true "every line fits 100 columns (widest $widest)" test "$widest" -le 100
expect_true "the long name is cut with …" grep -q "Семья Жақс[^ ]*…" <<< "$TTY_OUT"
expect_true "case ids are never cut" grep -q "^$a " <<< "$TTY_OUT"
on_terminal 250 "$CASECTL" --no-pager list --no-color
expect_true "a wide terminal shows the whole name" grep -qF "$long_name" <<< "$TTY_OUT"

# --- nothing found ------------------------------------------------------------------------------------
on_terminal 200 "$CASECTL" --no-pager list --status closed
expect_eq "an empty result on a terminal: said in words, no bare header" "$TTY_OUT" "casectl: nothing found"
run list --status closed
expect_code 0
expect_stdout $'case_id\tstatus\turgency\tkind\tname\tdistrict\topened\tcase_manager\tgroups\tmembers_count'
expect_stderr_empty

# --- colour -------------------------------------------------------------------------------------------
on_terminal 250 "$CASECTL" --no-pager list
expect_true "an emergency is red on a colour terminal" grep -qF $'\e[31mЭкстренно' <<< "$TTY_OUT"
expect_true "a routine case is not red" bash -c '! grep "$1" <<< "$2" | grep -qF $'"'"'\e[31m'"'"'' _ "$b" "$TTY_OUT"
NO_COLOR=1 on_terminal 250 "$CASECTL" --no-pager list
expect_true "NO_COLOR: no colour at all" bash -c '! grep -qF $'"'"'\e['"'"' <<< "$1"' _ "$TTY_OUT"
expect_true "with colour the columns still line up (codes take no column)" \
  test "$(on_terminal 250 "$CASECTL" --no-pager list; sed 's/\x1b\[[0-9;]*m//g' <<< "$TTY_OUT" | grep "^$b" | cut -c1-40)" = \
  "$(NO_COLOR=1 on_terminal 250 "$CASECTL" --no-pager list; grep "^$b" <<< "$TTY_OUT" | cut -c1-40)"

# --- progress on stderr -----------------------------------------------------------------------------
{
  echo "name,district"
  for i in $(seq 1 40); do echo "Семья Прогресс $i,auezov"; done
} > progress.csv
on_terminal 200 "$CASECTL" intake --from progress.csv --on-duplicate allow
expect_true "bulk intake counts records on a terminal, with the share of the file" \
  grep -qE 'casectl: [0-9]+ records, [0-9]+ %' <<< "$TTY_OUT"
expect_true "and says when it commits" grep -qF 'casectl: committing…' <<< "$TTY_OUT"
expect_true "the progress line is wiped (erase to the end of the line)" grep -qF $'\e[K' <<< "$TTY_OUT"
sed -i 's/Прогресс/Прогресс2/' progress.csv
run intake --from progress.csv --on-duplicate allow
expect_code 0
expect_true "piped, stderr has the summary alone" test "$(cat "$ERR")" = \
  "casectl: progress.csv: 40 created, 0 updated, 0 unchanged, 0 skipped, 0 rejected"
mkdir -p docs
on_terminal 200 sh -c "\"\$1\" report cases --template case --out docs/ --open > written.tsv" _ "$CASECTL"
expect_true "report cases counts the documents on a terminal when its listing is redirected" \
  grep -qE 'casectl: [0-9]+ documents written' <<< "$TTY_OUT"
on_terminal 200 "$CASECTL" export --to all.ndjson
expect_true "export counts the lines it writes" grep -qE 'casectl: [0-9]+ lines written' <<< "$TTY_OUT"
fresh_store
run_ok init
on_terminal 200 "$CASECTL" import all.ndjson
expect_true "import counts the lines it reads, with the share of the file" grep -qE 'casectl: [0-9]+ lines read, [0-9]+ %' <<< "$TTY_OUT"
expect_true "and says when it writes" grep -qF 'casectl: importing…' <<< "$TTY_OUT"
if engine_is sqlite; then
  on_terminal 200 "$CASECTL" backup --to "$TEST_DIR/backups/"
  expect_true "backup names its stages" grep -qF 'casectl: checking…' <<< "$TTY_OUT"
fi
run export --to again.ndjson
expect_code 0
expect_true "piped, export says only what it did" test "$(wc -l < "$ERR")" -eq 1

finish
