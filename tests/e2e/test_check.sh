#!/usr/bin/env bash
# The journal proves itself: the real clock and the OS login in every row, the hash chain, and
# `casectl check` finding what an attacker with the sqlite3 shell did; schema versions that no
# casectl writes are refused, never a crash.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

real_today=$(date -u +%F)
os_login=$(id -un)

# --- a journal row: the real moment, the business date, the acting user and the OS login ---------
fresh_store
run_ok init
run --today 2001-01-01 intake --name 'Давнишняя Анна'
expect_code 0
old_case=$(cat "$OUT")
expect_eq "journal at is the real clock under --today 2001-01-01" \
  "$(store_sql "SELECT substr(at, 1, 10) FROM journal WHERE case_id = '$old_case'")" "$real_today"
expect_eq "journal effective_on is the --today date" \
  "$(store_sql "SELECT effective_on FROM journal WHERE case_id = '$old_case'")" 2001-01-01
expect_eq "journal actor is --as (CASECTL_USER)" "$(store_sql "SELECT actor FROM journal WHERE case_id = '$old_case'")" tester
expect_eq "journal login is the OS login" "$(store_sql "SELECT login FROM journal WHERE case_id = '$old_case'")" "$os_login"
run log "$old_case" -o json
expect_code 0
expect_eq "log -o json: effective_on" "$(jq -r '.[0].effective_on' "$OUT")" 2001-01-01
expect_eq "log -o json: login" "$(jq -r '.[0].login' "$OUT")" "$os_login"
expect_eq "log -o json: at is today's real date" "$(jq -r '.[0].at[0:10]' "$OUT")" "$real_today"
expect_eq "log -o json: hash is 64 hex digits" "$(jq -r '.[0].hash' "$OUT" | grep -cE '^[0-9a-f]{64}$')" 1

# --- a sound store ------------------------------------------------------------------------------
new_case anna --name 'Семёнова Анна' --phone '+7 701 123 45 67'
new_case boris --name 'Борисов Борис'
run check
expect_code 0
expect_stdout_contains "ok   integrity: "
expect_stdout_contains "ok   trigger journal_no_update: "
expect_stdout_contains "ok   search-index: 3 cases, 3 index rows"
expect_stdout_contains "ok   journal-chain: "
expect_stdout_lacks "FAIL"
run check -o json
expect_code 0
expect_eq "check -o json: records of check, ok, detail" "$(jq -r '[.[] | .check] | index("journal-chain") != null' "$OUT")" true
expect_eq "check -o json: all ok" "$(jq -r 'all(.[]; .ok == true)' "$OUT")" true
run check --head
expect_code 0
head=$(cat "$OUT")
expect_eq "check --head is the last row's hash" "$head" "$(store_sql "SELECT hash FROM journal ORDER BY id DESC LIMIT 1")"
run check --expect-head "$head"
expect_code 0
expect_stdout_contains "ok   journal-head: "
run log "$anna" --verify
expect_code 0

# --- tamper: drop a trigger ---------------------------------------------------------------------
# "sound": a copy of the sound store that each tampering below starts from.
save_store sound
store_sql "$(drop_trigger journal_no_update journal)"
run check
expect_code 65
expect_stdout_contains "FAIL trigger journal_no_update: missing"
expect_stderr_contains "not sound"
run init
expect_code 65
expect_stderr_contains "journal_no_update"
expect_stderr_contains "casectl check --repair"
run check --repair
expect_code 0
expect_stderr_contains "repaired: trigger journal_no_update restored"
expect_stdout_contains "ok   trigger journal_no_update: "
expect_eq "the repair is journaled" "$(store_sql "SELECT count(*) FROM journal WHERE action = 'repair'")" 1
store_sql "UPDATE journal SET actor = 'x'" >/dev/null 2>&1
expect_true "the trigger refuses updates again" test $? -ne 0
run init
expect_code 0

# --- tamper: rewrite a row's actor through the engine's own shell ------------------------------
store_sql "$(drop_trigger journal_no_update journal) UPDATE journal SET actor = 'ghost' WHERE case_id = '$anna'"
anna_row=$(store_sql "SELECT id FROM journal WHERE case_id = '$anna'")
run check
expect_code 65
expect_stdout_contains "FAIL journal-chain: row $anna_row (case $anna, intake): its content was changed"
run log "$anna" --verify
expect_code 65
expect_stderr_contains "row $anna_row (case $anna, intake): its content was changed"
run log "$boris" --verify
expect_code 0
run check --repair
expect_code 65
expect_stdout_contains "ok   trigger journal_no_update: "
expect_stdout_contains "FAIL journal-chain: row $anna_row "
expect_stderr_contains "not sound"

# --- tamper: a back-dated row inserted ----------------------------------------------------------
restore_store sound
store_sql "INSERT INTO journal (at, actor, command, case_id, action, changes) VALUES ('2020-01-01T00:00:00Z', 'ghost', 'casectl intake', '$boris', 'update', '{}')"
ghost_row=$(store_sql "SELECT max(id) FROM journal")
run check
expect_code 65
expect_stdout_contains "FAIL journal-chain: row $ghost_row (case $boris, update): it has no hash"
# The next row casectl writes does not hide it.
run_ok review "$boris" --note "после вставки"
run check
expect_stdout_contains "FAIL journal-chain: row $ghost_row (case $boris, update)"

# --- tamper: a row deleted ----------------------------------------------------------------------
restore_store sound
store_sql "$(drop_trigger journal_no_delete journal) DELETE FROM journal WHERE case_id = '$anna'"
next_row=$(store_sql "SELECT min(id) FROM journal WHERE id > $anna_row")
run check
expect_code 65
expect_stdout_contains "FAIL journal-chain: row $next_row (case $boris, intake): the chain is broken before it"
expect_stdout_contains "FAIL trigger journal_no_delete"

# --- a rewrite of everything: the chain holds, the head kept elsewhere does not -----------------
restore_store sound
store_sql "$(drop_trigger journal_no_update journal) $(drop_trigger journal_no_delete journal) DELETE FROM journal WHERE id > 1"
run check --repair
expect_code 0
run check --expect-head "$head"
expect_code 65
expect_stdout_contains "FAIL journal-head: no row has the expected head $head"

# --- the triggers that keep the history reports read -----------------------------------------
# Regression: a dropped case_history trigger went unnoticed, and past reports drifted silently.
restore_store sound
store_sql "$(drop_trigger case_history_district cases) $(drop_trigger case_periods_opened cases)"
run check
expect_code 65
expect_stdout_contains "FAIL history-triggers: missing: case_history_district, case_periods_opened; changes made since were not kept for past reports; 'casectl check --repair' restores the triggers (not what they missed)"
run check --repair
expect_code 0
expect_stderr_contains "repaired: trigger case_history_district restored"
expect_stderr_contains "repaired: trigger case_periods_opened restored"
if engine_is postgresql; then
  triggers_back="SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND t.tgenabled = 'O'
    AND t.tgname IN ('case_history_district', 'case_periods_opened')"
else
  triggers_back="SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('case_history_district', 'case_periods_opened')"
fi
expect_eq "the triggers are back" "$(store_sql "$triggers_back")" 2
run check
expect_code 0
expect_stdout_contains "ok   history-triggers: 5 present"

# --- the search index -------------------------------------------------------------------------
restore_store sound
if engine_is postgresql; then search_row=case_row; else search_row=rowid; fi
store_sql "DELETE FROM case_search WHERE $search_row = (SELECT id FROM cases WHERE case_id = '$anna')"
run check
expect_code 65
expect_stdout_contains "FAIL search-index: 3 cases, 2 index rows; case $anna is not in the index"
run find --no-headers 'Семёнова'
expect_stdout ""
run check --repair
expect_code 0
expect_stderr_contains "repaired: search index rebuilt"
run find --no-headers 'Семёнова'
expect_stdout_contains "$anna"

# A table dropped: that check fails, the others still run.
restore_store sound
store_sql "DROP TABLE case_search"
run check
expect_code 65
expect_stdout_contains "FAIL schema-version: version "
if engine_is postgresql; then
  expect_stdout_contains ", but missing: table case_search"
else
  expect_stdout_contains ", but missing: column case_search.address"
fi
expect_stdout_contains "FAIL search-index: cannot be checked: "
expect_stdout_contains "ok   journal-chain: "

# --- the case id counter ------------------------------------------------------------------------
restore_store sound
store_sql "UPDATE case_id_sequence SET last_seq = 1"
run check
expect_code 65
expect_stdout_contains "FAIL case-id-counters: the counter of 2026 is at 1, but case"

# --- a case's status against its spells of work (case_periods) ---------------------------------
restore_store sound
run check
expect_code 0
expect_stdout_contains "ok   case-status: 3 cases, each status as its history of closings says"
store_sql "UPDATE cases SET status = 'closed' WHERE case_id = '$boris'"
run check
expect_code 65
expect_stdout_contains "FAIL case-status: 1 of 3 cases disagree with their history; the first: case $boris is closed, but its latest spell of work (1) is open; the case or its spells were changed outside casectl: see 'casectl log $boris' and compare with a backup"

# --- schema versions no casectl writes: refused, exit 73, the store untouched ------------------
if engine_is sqlite; then
  for version in -1 -2147483648 0 3; do
    restore_store sound
    store_sql_sqlite_only "PRAGMA user_version = $version"
    before=$(sha256sum <"$CASECTL_DB")
    run list
    expect_code 73
    expect_stderr_contains "restore it from a backup"
    expect_eq "user_version $version: the store file is untouched" "$(sha256sum <"$CASECTL_DB")" "$before"
  done
  restore_store sound
  store_sql_sqlite_only "PRAGMA user_version = 3"
  run check
  expect_code 73
  expect_stderr_contains "says schema version 3 but has"
  expect_stderr_contains "of a later version"
  restore_store sound
  store_sql_sqlite_only "PRAGMA user_version = -1"
  run init
  expect_code 73
  expect_stderr_contains "says schema version -1, which no casectl writes"
else
  # PostgreSQL keeps the version in casectl_meta.
  for version in 99 x -1; do
    restore_store sound
    store_sql "UPDATE casectl_meta SET value = '$version' WHERE key = 'schema_version'"
    before=$(store_sql "SELECT count(*) FROM journal")
    run list
    expect_code 73
    if [ "$version" = 99 ]; then
      expect_stderr_contains "was written by a newer casectl (schema version 99; this casectl knows up to"
    else
      expect_stderr_contains "whose schema_version is '$version', which no casectl writes; restore it from a backup"
    fi
    run init
    expect_code 73
    expect_eq "schema_version $version: nothing written" \
      "$(store_sql "SELECT count(*) FROM journal; SELECT value FROM casectl_meta WHERE key = 'schema_version'")" \
      "$before
$version"
  done
fi

# --- audit of reads (audit.reads, off by default) ----------------------------------------------
restore_store sound
run_ok show "$anna"
expect_eq "show records no read by default" "$(store_sql "SELECT count(*) FROM journal WHERE action = 'read'")" 0
export CASECTL_AUDIT_READS=true
run show "$anna" --as inspector
expect_code 0
expect_eq "show records a read with audit.reads" \
  "$(store_sql "SELECT actor || ' ' || login || ' ' || changes FROM journal WHERE action = 'read'")" "inspector $os_login {\"document\":\"show\"}"
run report cases --template case --out "$TEST_DIR/docs" --name 'Борисов'
expect_code 0
expect_eq "report cases records a read per document" \
  "$(store_sql "SELECT case_id FROM journal WHERE action = 'read' AND changes LIKE '%report cases%'")" "$boris"
run log "$anna" -o json
expect_eq "plain log leaves reads out" "$(jq -r '[.[] | select(.action == "read")] | length' "$OUT")" 0
run log "$anna" --reads -o json
expect_code 0
expect_eq "log --reads lists them" "$(jq -r '[.[] | .action + " " + .actor] | join(",")' "$OUT")" "read inspector"
run check
expect_code 0
unset CASECTL_AUDIT_READS

finish
