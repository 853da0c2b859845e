#!/usr/bin/env bash
# `casectl store copy`: a whole store moved to another store, of either engine (SQLite file to
# PostgreSQL when a region's offices move to one server, and back), with every case, the journal
# and its hash chain, staff, counters and links; what each command prints is the same on the copy.
# Refusals: a target that holds anything (exit 4, unless --force), the same store twice (exit 2),
# a source that is not there (exit 66) - and a refused or failed copy leaves no new file behind.
# shellcheck source=lib.sh disable=SC2154
source "$(dirname "$0")/lib.sh"

# --- a store with everything in it: the demo's cases, plus staff in the store -----------------
demo_store
source_store=$CASECTL_DB
export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml # the demo's districts, staff and groups
run_ok staff add omarova --name 'Омарова Динара' --role lawyer --capacity 12
# Text that COPY's text format must escape (PostgreSQL's store copy sends rows with COPY): a tab,
# a newline, a carriage return, backslashes and a literal \N, NULL's spelling there.
run_ok intake --name 'Бэкслеш Анна' --district almaly --note $'таб\tстрока\nвозврат\r конец \\N и \\\\ слэш' \
  --address 'ул. C:\Temp\N'
run_ok list --no-headers -o tsv
case_ids=$(cut -f1 "$OUT")
expect_true "the demo made cases to copy" test "$(wc -l <<<"$case_ids")" -ge 6

# What a reader sees of a store: every case's card and journal, the lists and the month's reports.
# Two stores that print the same here hold the same cases for every user of them.
store_view() {
  local db=$1 id
  {
    for id in $case_ids; do
      "$CASECTL" --db "$db" show "$id" -o json
      "$CASECTL" --db "$db" log "$id" -o json
    done
    "$CASECTL" --db "$db" list -o json
    "$CASECTL" --db "$db" staff list -o json
    "$CASECTL" --db "$db" caseload -o json
    "$CASECTL" --db "$db" due --within 60d -o json
    "$CASECTL" --db "$db" report kpi --period 2026-11 -o json
    "$CASECTL" --db "$db" report outcomes --period 2026-11 -o json
  } 2>&1
}
store_view "$source_store" >"$TEST_DIR/source.view"
expect_true "the source's view is not empty" test -s "$TEST_DIR/source.view"

# --- into a new SQLite file ------------------------------------------------------------------
sqlite_copy=$TEST_DIR/copy/cases.db
run store copy --to "$sqlite_copy"
expect_code 0
expect_stdout_contains "cases	$(wc -l <<<"$case_ids")"
expect_stdout_contains "staff	1"
expect_stdout_contains "journal	"
expect_stderr_contains "verified"
expect_true "the SQLite copy is the user's alone (0600)" test "$(stat -c %a "$sqlite_copy")" = 600
store_view "$sqlite_copy" >"$TEST_DIR/sqlite.view"
expect_true "every case, log, list and report reads the same on the SQLite copy" \
  cmp "$TEST_DIR/source.view" "$TEST_DIR/sqlite.view"
run --db "$sqlite_copy" check
expect_code 0
expect_stdout_contains "ok   journal-chain: "
expect_stdout_lacks FAIL
# journal_tail DB N: the actions of the last N journal rows of the store DB, oldest first.
journal_tail() {
  (CASECTL_DB=$1 && store_sql "SELECT action FROM (SELECT id, action FROM journal ORDER BY id DESC LIMIT $2) t ORDER BY id" |
    paste -sd' ')
}
expect_eq "the copy's last journal row says it is a copy" "$(journal_tail "$sqlite_copy" 1)" copy
copied_from=$(CASECTL_DB=$sqlite_copy && store_sql "SELECT changes FROM journal ORDER BY id DESC LIMIT 1" | jq -r .from)
if engine_is sqlite; then
  expect_eq "... and names the source file" "$copied_from" "$source_store"
else
  expect_true "... and names the source server ($copied_from)" grep -q '^postgresql://' <<<"$copied_from"
fi

# The copy is a store like any other: its counters go on from the source's.
run --db "$sqlite_copy" intake --name 'Новая Семья' --district almaly
expect_code 0
new_in_copy=$(cat "$OUT")
expect_true "a case made in the copy gets a new id ($new_in_copy)" bash -c "! grep -qx '$new_in_copy' <<<'$case_ids'"

# --- refused: a target that holds anything, the same store, a source that is not there --------
run store copy --to "$sqlite_copy"
expect_code 4
expect_stderr_contains "already holds"
expect_stderr_contains "--force"
run --db "$sqlite_copy" show "$new_in_copy"
expect_code 0 # the refused copy changed nothing
run store copy --to "$sqlite_copy" --force
expect_code 0
run --db "$sqlite_copy" show "$new_in_copy"
expect_code 3 # --force replaced everything, the case made in the old copy too
run --db "$sqlite_copy" check
expect_code 0

run store copy --from "$sqlite_copy" --to "$sqlite_copy"
expect_code 2
expect_stderr_contains "same store"
run store copy --from "$TEST_DIR/nowhere.db" --to "$TEST_DIR/never/cases.db"
expect_code 66
expect_true "a failed copy leaves no new store" test ! -e "$TEST_DIR/never/cases.db"
run store copy
expect_code 2
expect_stderr_contains "--to"

# --- across engines: the SQLite copy into PostgreSQL, or (on SQLite) into another file ----------
fresh_store
second=$CASECTL_DB
run store copy --from "$sqlite_copy" --to "$second"
expect_code 0
store_view "$second" >"$TEST_DIR/second.view"
expect_true "every case, log, list and report reads the same after two copies ($(store_engine))" \
  cmp "$TEST_DIR/source.view" "$TEST_DIR/second.view"
run --db "$second" check
expect_code 0
expect_stdout_lacks FAIL
run --db "$second" find Тарасов
expect_code 0
expect_stdout_contains "Тарасов" # the search index was rebuilt on the target
run --db "$second" show "$(grep -m1 . <<<"$(CASECTL_DB=$second && store_sql "SELECT case_id FROM cases WHERE name = 'Бэкслеш Анна'")")" -o json
expect_eq "a note of tabs, newlines and backslashes copied as it was (regression: COPY's escapes)" \
  "$(jq -c '[.note, .address]' "$OUT")" '["таб\tстрока\nвозврат\r конец \\N и \\\\ слэш","ул. C:\\Temp\\N"]'
expect_eq "two copies: two copy rows at the end of the journal" "$(journal_tail "$second" 2)" "copy copy"

finish
