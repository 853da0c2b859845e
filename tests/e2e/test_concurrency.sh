#!/usr/bin/env bash
# Writers at once on the suite's engine (a region's offices on one PostgreSQL store; processes on
# one SQLite file): two offices registering one family at the same moment register it once, an
# external id taken at the same moment is taken once, and parallel intakes keep numbering and the
# journal's chain whole. On PostgreSQL, before writers took the journal's lock at BEGIN, 7 of 20
# pairs registered the same family twice: both found no likely duplicate.
# Then a load that a day of a region's offices could bring: 8 processes each registering
# E2E_CONCURRENCY_INTAKES cases in a row (default 8 with a 20 ms busy timeout; 500 with
# E2E_CONCURRENCY_BUSY_MS=5000 for a full-size run), and 2 processes
# importing one file of E2E_CONCURRENCY_BULK records at once (default 500; 10000 full size).
# shellcheck source=lib.sh disable=SC2154
source "$(dirname "$0")/lib.sh"

run_ok init
mkfifo "$TEST_DIR/gate"

# at_once N CMD...: runs CMD in N processes released together; each process's exit code is
# appended to $TEST_DIR/codes. CMD is casectl arguments (stdout appended to ids, stderr to errors)
# or a shell function, called with the process's number (1 to N) as its last argument, which puts
# its output where it wants. The gate is held open (fd 3) and gets one line per process, so that a
# process that reaches it late on a loaded machine is released too, instead of waiting forever.
at_once() {
  local n=$1 p
  shift
  exec 3<>"$TEST_DIR/gate"
  for p in $(seq "$n"); do
    (
      read -r _ <"$TEST_DIR/gate"
      if declare -F "$1" >/dev/null; then
        "$@" "$p"
      else
        "$CASECTL" "$@" >>"$TEST_DIR/ids" 2>>"$TEST_DIR/errors"
      fi
      echo $? >>"$TEST_DIR/codes"
    ) &
  done
  sleep 0.05
  printf '\n%.0s' $(seq "$n") >&3
  wait
  exec 3>&-
}
codes() { sort "$TEST_DIR/codes" | uniq -c | sed 's/^ *//' | paste -sd' ' -; }
reset_outputs() { rm -f "$TEST_DIR/codes" "$TEST_DIR/ids" "$TEST_DIR/errors"; }

# --- the same family from two offices at once: one case, the other told of the duplicate ----------
pairs=12
for i in $(seq "$pairs"); do
  reset_outputs
  at_once 2 intake --name "Семья Одновременных $i" --member "Одновременная Мать $i;мать;01.02.1985" --district almaly
  printf '%s\n' "$(codes)" >>"$TEST_DIR/pair-codes"
done
LAST_COMMAND="$pairs times: two 'casectl intake' of one family released together"
expect_eq "each pair: one registered (0), one refused as a likely duplicate (4)" \
  "$(sort "$TEST_DIR/pair-codes" | uniq -c | sed 's/^ *//')" "$pairs 1 0 1 4"
expect_eq "one case per family" \
  "$(store_sql "SELECT count(*) FROM cases WHERE name LIKE 'Семья Одновременных %'")" "$pairs"

# --- the same external id at once: taken once -------------------------------------------------------
rm -f "$TEST_DIR/pair-codes"
for i in $(seq "$pairs"); do
  reset_outputs
  at_once 2 intake --name "Горячая линия $i" --external-id "HL-$i" --on-duplicate allow
  printf '%s\n' "$(codes)" >>"$TEST_DIR/pair-codes"
done
LAST_COMMAND="$pairs times: two 'casectl intake --external-id' of one id released together"
expect_eq "each pair: one registered (0), one refused as the id's owner exists (4)" \
  "$(sort "$TEST_DIR/pair-codes" | uniq -c | sed 's/^ *//')" "$pairs 1 0 1 4"
expect_eq "one case per external id" "$(store_sql "SELECT count(DISTINCT external_id), count(*) FROM cases WHERE external_id LIKE 'HL-%'")" \
  "$pairs|$pairs"

# --- many writers: every intake numbered once, the journal one chain ------------------------------
reset_outputs
for round in 1 2 3; do
  at_once 8 intake --name "Параллельная семья $round" --on-duplicate allow
done
LAST_COMMAND="3 times: 8 'casectl intake' released together"
expect_eq "24 intakes exit 0" "$(codes)" "24 0"
expect_eq "24 distinct ids" "$(sort -u "$TEST_DIR/ids" | wc -l)" 24
run check
expect_code 0
expect_stdout_contains "ok   journal-chain: "
expect_stdout_contains "ok   case-id-counters: "

# --- 8 processes, each registering many cases in a row: none lost, none half-written -------------
# Each intake's exit code, the id it printed and the name it registered go to $TEST_DIR/intakes
# (CODE<tab>ID<tab>NAME<tab>STDERR); an intake that fails may only have found the store busy (75),
# and then left nothing behind: no case, no journal row, no case number taken beyond its own.
intakes_each=${E2E_CONCURRENCY_INTAKES:-8}
# A busy timeout of 20 ms makes some intakes give up (75), so that what a failed intake leaves (nothing)
# is checked on every run; E2E_CONCURRENCY_BUSY_MS=5000 (the default timeout) measures how many fail
# as configured out of the box.
busy_ms=${E2E_CONCURRENCY_BUSY_MS:-20}
intakes_total=$((8 * intakes_each))
# The case number of an id such as 2026-00042, in SQL.
case_number="CAST(substr(case_id, 6) AS INTEGER)"
numbered_before=$(store_sql "SELECT coalesce(max($case_number), 0) FROM cases")
# shellcheck disable=SC2317 # (at_once calls it)
register_many() {
  local j id code name error
  for j in $(seq "$intakes_each"); do
    name="Поток $1 обращение $j"
    id=$(CASECTL_BUSY_TIMEOUT=$busy_ms "$CASECTL" intake --name "$name" --on-duplicate allow 2>"$TEST_DIR/intake-$1.err")
    code=$?
    error=
    [ "$code" -eq 0 ] || error=$(paste -sd' ' "$TEST_DIR/intake-$1.err")
    printf '%s\t%s\t%s\t%s\n' "$code" "${id//$'\n'/ }" "$name" "$error" >>"$TEST_DIR/intakes"
  done
}
reset_outputs
at_once 8 register_many
LAST_COMMAND="8 processes released together, each running 'casectl intake' $intakes_each times in a row"
intakes=$TEST_DIR/intakes
registered=$(awk -F'\t' '$1 == 0' "$intakes" | wc -l)
busy=$(awk -F'\t' '$1 == 75' "$intakes" | wc -l)
printf 'concurrency: %d intakes in 8 processes: %d exited 0, %d exited 75 (busy)\n' \
  "$intakes_total" "$registered" "$busy" >&2
expect_eq "every intake ran and told its outcome" "$(wc -l <"$intakes")" "$intakes_total"
expect_eq "an intake fails only because the store is busy (75), never otherwise" \
  "$(awk -F'\t' '$1 != 0 && $1 != 75' "$intakes" | head -5)" ""
expect_eq "an intake that exits 0 prints the one id of its case" \
  "$(awk -F'\t' '$1 == 0 && $2 !~ /^2026-[0-9]+$/' "$intakes" | head -5)" ""
expect_eq "an intake that found the store busy prints no id" "$(awk -F'\t' '$1 == 75 && $2 != ""' "$intakes" | head -5)" ""
expect_eq "no case id given to two intakes" "$(awk -F'\t' '$1 == 0 { print $2 }' "$intakes" | sort | uniq -d | head -5)" ""
expect_eq "the store holds each case an intake reported (0) under the id it printed, and no case of an intake that failed" \
  "$(store_sql "SELECT case_id || ' ' || name FROM cases WHERE name LIKE 'Поток %'" | sort)" \
  "$(awk -F'\t' '$1 == 0 { print $2 " " $3 }' "$intakes" | sort)"
expect_eq "one intake journal entry per registered case, none for a failed intake" \
  "$(store_sql "SELECT count(*) FROM journal WHERE action = 'intake' AND case_id IN (SELECT case_id FROM cases WHERE name LIKE 'Поток %')")|$(store_sql "SELECT count(*) FROM journal WHERE action = 'intake' AND case_id NOT IN (SELECT case_id FROM cases)")" \
  "$registered|0"
numbered_after=$(store_sql "SELECT max($case_number) FROM cases")
skipped_numbers=$((numbered_after - numbered_before - registered))
expect_true "case numbers $((numbered_before + 1)) to $numbered_after given to $registered cases: $skipped_numbers skipped, more than the $busy intakes that failed" \
  test "$skipped_numbers" -ge 0 -a "$skipped_numbers" -le "$busy"
run check
expect_code 0
expect_stdout_contains "ok   journal-chain: "
expect_stdout_contains "ok   case-id-counters: "

# --- one file imported by 2 processes at once: each record once --------------------------------
# Both run with --on-existing skip: whichever gets the store first registers the file, the other
# then finds every external id taken and skips it all, or gives up with 75 when the first held the
# store past the busy timeout. Never a record twice, never a run half done.
bulk_size=${E2E_CONCURRENCY_BULK:-500}
awk -v n="$bulk_size" 'BEGIN {
  print "external_id,name,district,phone"
  for (i = 1; i <= n; i++) printf "ИМП-%d,Семья Импортова %d,almaly,+7 700 %07d\n", i, i, i
}' >import.csv
# shellcheck disable=SC2317 # (at_once calls it)
import_file() {
  "$CASECTL" intake --from import.csv --on-existing skip >"$TEST_DIR/import-$1.ids" 2>"$TEST_DIR/import-$1.err"
  echo $? >"$TEST_DIR/import-$1.code"
}
reset_outputs
at_once 2 import_file
LAST_COMMAND="2 processes released together, each running 'casectl intake --from import.csv --on-existing skip' ($bulk_size records)"
printf 'concurrency: 2 imports of %d records at once: exit codes %s\n' "$bulk_size" \
  "$(cat "$TEST_DIR"/import-[12].code | paste -sd' ')" >&2
expect_eq "each import exits 0, or 75 (store busy), never otherwise" \
  "$(grep -vxE '0|75' "$TEST_DIR"/import-[12].code)" ""
expect_eq "$bulk_size cases from the file, none twice (cases | distinct external ids)" \
  "$(store_sql "SELECT count(*), count(DISTINCT external_id) FROM cases WHERE external_id LIKE 'ИМП-%'")" \
  "$bulk_size|$bulk_size"
expect_eq "one intake journal entry per imported case" \
  "$(store_sql "SELECT count(*) FROM journal WHERE action = 'intake' AND case_id IN (SELECT case_id FROM cases WHERE external_id LIKE 'ИМП-%')")" \
  "$bulk_size"
imported_ids=$(store_sql "SELECT case_id FROM cases WHERE external_id LIKE 'ИМП-%' ORDER BY CAST(substr(external_id, 5) AS INTEGER)")
summaries=
for p in 1 2; do
  if [ "$(cat "$TEST_DIR/import-$p.code")" = 0 ]; then
    expect_eq "import $p (exit 0) prints the id of every record's case, in the file's order" \
      "$(cat "$TEST_DIR/import-$p.ids")" "$imported_ids"
    summaries+="$(grep -o '[0-9]* created, .*' "$TEST_DIR/import-$p.err")"$'\n'
  elif [ "$(cat "$TEST_DIR/import-$p.code")" = 75 ]; then
    expect_eq "import $p, which found the store busy (75), prints no id" "$(cat "$TEST_DIR/import-$p.ids")" ""
    expect_true "import $p, which exited 75, says the store is busy" grep -q 'busy' "$TEST_DIR/import-$p.err"
  fi
done
created="$bulk_size created, 0 updated, 0 unchanged, 0 skipped, 0 rejected"
if [ "$(grep -cx 0 "$TEST_DIR"/import-[12].code | awk -F: '{ n += $2 } END { print n }')" = 2 ]; then
  expected_summaries=$(printf '%s\n' "0 created, 0 updated, 0 unchanged, $bulk_size skipped, 0 rejected" "$created")
else
  expected_summaries=$created
fi
expect_eq "one import registers the whole file, the other (when it ran) skips every record" \
  "$(printf '%s' "$summaries" | sort)" "$expected_summaries"
run check
expect_code 0
expect_stdout_contains "ok   journal-chain: "
expect_stdout_contains "ok   case-id-counters: "

finish
