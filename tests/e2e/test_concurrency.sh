#!/usr/bin/env bash
# Writers at once on the suite's engine (a region's offices on one PostgreSQL store; processes on
# one SQLite file): two offices registering one family at the same moment register it once, an
# external id taken at the same moment is taken once, and parallel intakes keep numbering and the
# journal's chain whole. On PostgreSQL, before writers took the journal's lock at BEGIN, 7 of 20
# pairs registered the same family twice: both found no likely duplicate.
# shellcheck source=lib.sh disable=SC2154
source "$(dirname "$0")/lib.sh"

run_ok init
mkfifo "$TEST_DIR/gate"

# at_once N CMD...: runs CMD (a shell function or casectl arguments) in N processes released
# together; each process's exit code is appended to $TEST_DIR/codes, its stdout to ids, stderr to
# errors.
at_once() {
  local n=$1 p
  shift
  for p in $(seq "$n"); do
    (
      read -r _ <"$TEST_DIR/gate"
      "$CASECTL" "$@" >>"$TEST_DIR/ids" 2>>"$TEST_DIR/errors"
      echo $? >>"$TEST_DIR/codes"
    ) &
  done
  sleep 0.05
  : >"$TEST_DIR/gate"
  wait
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

finish
