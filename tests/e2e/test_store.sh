#!/usr/bin/env bash
# The store: creation and permissions, missing, newer and foreign files, the journal,
# several processes at once, locks, killed processes.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# --- init: a private file, in directories created on the way ------------------------------------
export CASECTL_DB=$TEST_DIR/deep/nested/dir/cases.db
run init
expect_code 0
expect_stdout ""
expect_stderr_contains "$CASECTL_DB"
expect_true "init creates the store in a directory that did not exist" test -f "$CASECTL_DB"
expect_eq "the store file is readable by its owner only" "$(stat -c %a "$CASECTL_DB")" 600
expect_eq "sqlite3 sees a database with the casectl tables" \
  "$(store_sql_sqlite_only "SELECT count(*) FROM sqlite_master WHERE name IN ('cases', 'journal')")" 2
new_case kept --name 'Сақталған'
run init
expect_code 0
expect_case_count 1 "init on an existing store keeps its cases"

# A permissive umask does not loosen it; nor the WAL and shared-memory files beside it.
export CASECTL_DB=$TEST_DIR/umask/cases.db
(umask 000 && "$CASECTL" intake --name 'Умаскина' >/dev/null 2>"$ERR")
expect_true "intake under umask 000 creates the store" test -f "$CASECTL_DB"
expect_eq "store mode under umask 000" "$(stat -c %a "$CASECTL_DB")" 600
{ echo "SELECT 1;"; sleep 1; } | store_sql_sqlite_only - >/dev/null & reader=$!
sleep 0.3
for side in "$CASECTL_DB-wal" "$CASECTL_DB-shm"; do
  if [ -e "$side" ]; then
    expect_eq "$(basename "$side") is readable by its owner only" "$(stat -c %a "$side")" 600
  fi
done
wait "$reader"

# A store path under a file, or a directory as the store: cannot be created or opened.
touch "$TEST_DIR/plain-file"
run --db "$TEST_DIR/plain-file/cases.db" intake --name 'Тест'
expect_code 73
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "$TEST_DIR/plain-file"
mkdir -p "$TEST_DIR/a-directory"
run --db "$TEST_DIR/a-directory" intake --name 'Тест'
expect_code 73
expect_stdout ""
expect_stderr_contains "$TEST_DIR/a-directory"

# --- a missing store: read commands refuse with 66 and create nothing -----------------------
export CASECTL_DB=$TEST_DIR/missing/sub/cases.db
for command in "list" "show 2026-00001" "log 2026-00001" "list -o json"; do
  # shellcheck disable=SC2086
  run $command
  expect_code 66
  expect_stdout ""
  expect_stderr_contains "casectl: error:"
  expect_stderr_contains "$CASECTL_DB"
  expect_stderr_contains "casectl init"
done
expect_true "read commands create no store and no directory" test ! -e "$TEST_DIR/missing"
run intake --name 'Первая'
expect_code 0
expect_stdout "2026-00001"
expect_true "intake creates a missing store" test -f "$CASECTL_DB"

# --- a store from a newer casectl is refused and left alone ---------------------------------
export CASECTL_DB=$TEST_DIR/newer/cases.db
run_ok intake --name 'Новая'
expect_true "raise user_version with sqlite3" store_sql_sqlite_only 'PRAGMA user_version = 99'
before=$(sha256sum <"$CASECTL_DB")
for command in "list" "show 2026-00001" "init" "intake --name Ещё"; do
  # shellcheck disable=SC2086
  run $command
  expect_code 73
  expect_stdout ""
  expect_stderr_contains "casectl: error:"
  expect_stderr_contains "newer"
  expect_stderr_contains "99"
done
expect_eq "the newer store's bytes are unchanged" "$(sha256sum <"$CASECTL_DB")" "$before"
expect_eq "its user_version is unchanged" "$(store_sql_sqlite_only 'PRAGMA user_version')" 99

# --- a file that is not SQLite -------------------------------------------------------------------
export CASECTL_DB=$TEST_DIR/not-sqlite.db
{
  echo 'case_id,name'
  for i in $(seq 200); do echo "2026-$i,Семья номер $i"; done
} >"$CASECTL_DB"
before=$(sha256sum <"$CASECTL_DB")
for command in "list" "show 2026-1" "intake --name Тест" "init"; do
  # shellcheck disable=SC2086
  run $command
  expect_code 73
  expect_stdout ""
  expect_stderr_contains "casectl: error:"
  expect_stderr_contains "$CASECTL_DB"
  expect_stderr_contains "not a casectl store"
done
expect_eq "a file that is not SQLite is left unchanged" "$(sha256sum <"$CASECTL_DB")" "$before"

# A SQLite database of another program is not a casectl store either: casectl must not add its
# tables to it.
export CASECTL_DB=$TEST_DIR/other-program.db
expect_true "make another program's database" store_sql_sqlite_only \
  "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Әлия');"
run list
expect_code 73
expect_stderr_contains "$CASECTL_DB"
expect_eq "no casectl tables were added to it" "$(store_sql_sqlite_only 'SELECT group_concat(name) FROM sqlite_master')" contacts

# --- the journal is append-only ----------------------------------------------------------------
export CASECTL_DB=$TEST_DIR/journal/cases.db
new_case j1 --name 'Журналова'
new_case j2 --name 'Журналов' --consultation
expect_eq "one journal entry per registered case" \
  "$(store_sql "SELECT case_id || ':' || action FROM journal WHERE case_id IS NOT NULL ORDER BY id" | paste -sd' ' -)" \
  "$j1:intake $j2:consultation"
journal_before=$(store_sql 'SELECT count(*) FROM journal')
store_sql 'DELETE FROM journal' >"$OUT" 2>"$ERR"
CODE=$?
LAST_COMMAND="store_sql 'DELETE FROM journal'"
expect_true "DELETE FROM journal fails" test "$CODE" -ne 0
expect_stderr_contains "append-only"
store_sql "UPDATE journal SET actor = 'someone else'" >"$OUT" 2>"$ERR"
CODE=$?
LAST_COMMAND="store_sql 'UPDATE journal ...'"
expect_true "UPDATE journal fails" test "$CODE" -ne 0
expect_stderr_contains "append-only"
expect_eq "the journal keeps every entry" "$(store_sql 'SELECT count(*) FROM journal')" "$journal_before"
run log "$j1" -o json
expect_eq "log still shows the entry, by the original actor" "$(jq -r '.[0].actor' "$OUT")" tester

# --- several processes at once --------------------------------------------------------------
export CASECTL_DB=$TEST_DIR/concurrent/cases.db
run_ok init
for p in 1 2 3 4; do
  (
    for i in $(seq 25); do
      "$CASECTL" intake --name "Процесс $p, семья $i" --member "Бала $i;сын" >>"$TEST_DIR/ids.$p" 2>>"$TEST_DIR/errors.$p"
      echo $? >>"$TEST_DIR/codes.$p"
    done
  ) &
done
wait
LAST_COMMAND="4 processes x 25 'casectl intake' into one store"
expect_eq "all 100 intakes exit 0" "$(cat "$TEST_DIR"/codes.* | sort | uniq -c | sed 's/^ *//')" "100 0"
expect_eq "no messages from concurrent intakes" "$(cat "$TEST_DIR"/errors.*)" ""
expect_eq "100 ids printed" "$(cat "$TEST_DIR"/ids.* | wc -l)" 100
expect_eq "100 distinct ids" "$(cat "$TEST_DIR"/ids.* | sort -u | wc -l)" 100
expect_eq "the ids are 2026-00001 to 2026-00100" "$(cat "$TEST_DIR"/ids.* | sort | sed -n '1p;$p' | paste -sd' ' -)" \
  "2026-00001 2026-00100"
expect_case_count 100 "after concurrent intakes"
run list -o json
expect_eq "every case has its member" "$(jq '[.[].members_count] | add' "$OUT")" 100
expect_eq "each process's cases in its own order" \
  "$(jq -r '[.[] | select(.name | startswith("Процесс 3,")) | .name | ltrimstr("Процесс 3, семья ") | tonumber] | . == sort' "$OUT")" true
expect_eq "100 journal entries" "$(store_sql "SELECT count(*) FROM journal WHERE action = 'intake'")" 100

# Several processes creating the same store at once. The race is short, so: 12 new stores, each
# created by 8 processes released together (they block reading a FIFO until it is opened).
rm -f "$TEST_DIR"/codes.* "$TEST_DIR"/ids.* "$TEST_DIR"/errors.*
mkfifo "$TEST_DIR/gate"
for round in $(seq 12); do
  export CASECTL_DB=$TEST_DIR/created-together-$round/cases.db
  for p in $(seq 8); do
    (
      read -r _ <"$TEST_DIR/gate"
      "$CASECTL" intake --name "Вместе $p" >>"$TEST_DIR/ids.$round" 2>>"$TEST_DIR/errors.$round"
      echo $? >>"$TEST_DIR/codes.$round"
    ) &
  done
  sleep 0.05
  : >"$TEST_DIR/gate"
  wait
done
LAST_COMMAND="12 times: 8 processes at once, 'casectl intake' into a store that does not exist yet"
expect_eq "all 96 intakes into new stores exit 0 (count, code)" \
  "$(cat "$TEST_DIR"/codes.* | sort | uniq -c | sed 's/^ *//')" "96 0"
expect_eq "no messages from intakes creating a store together" \
  "$(cat "$TEST_DIR"/errors.* | sed "s|$TEST_DIR|TMP|" | sort | uniq -c)" ""
expect_eq "8 distinct ids in each new store (count of stores, ids)" \
  "$(for round in $(seq 12); do sort -u "$TEST_DIR/ids.$round" | wc -l; done | sort | uniq -c | sed 's/^ *//')" "12 8"

# --- a locked store ---------------------------------------------------------------------------
fresh_store
new_case before_lock --name 'До блокировки'

# hold_lock SECONDS: another process holds the store's write lock for SECONDS (in the background);
# returns once the lock is held. The holder rolls back and ends by itself after SECONDS; `wait`
# waits for it. SQLite's own lock: BEGIN IMMEDIATE, and the sqlite3 shell's .timeout; on
# PostgreSQL, the journal's lock that every casectl writer takes before it appends (psql).
hold_lock() {
  if engine_is postgresql; then
    { echo 'BEGIN; LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE;'; sleep "$1"; echo 'ROLLBACK;'; } | store_sql - &
    for _ in $(seq 50); do
      [ "$(store_sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                      WHERE c.relname = 'journal' AND c.relnamespace = current_schema()::regnamespace
                      AND l.mode = 'ShareRowExclusiveLock' AND l.granted")" = 1 ] && return 0
      sleep 0.05
    done
    fail "hold_lock: psql did not take the journal's lock within 2.5 s"
    return
  fi
  { echo '.timeout 5000'; echo 'BEGIN IMMEDIATE;'; sleep "$1"; echo 'ROLLBACK;'; } | store_sql_sqlite_only - &
  for _ in $(seq 50); do
    store_sql_sqlite_only 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1 || return 0
    sleep 0.05
  done
  fail "hold_lock: sqlite3 did not take the write lock within 2.5 s"
}

hold_lock 3
start=$(date +%s%N)
CASECTL_BUSY_TIMEOUT=200 run intake --name 'Заблокированная'
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
expect_code 75
expect_stdout ""
expect_stderr_contains "casectl: error:"
expect_stderr_contains "busy"
expect_stderr_contains "try again"
expect_true "it waited for the busy timeout (${elapsed_ms} ms >= 150)" test "$elapsed_ms" -ge 150
expect_true "it gave up well before the lock was released (${elapsed_ms} ms < 2500)" test "$elapsed_ms" -lt 2500
run list --no-headers
expect_code 0
expect_eq "reading works while another process writes" "$(cut -f1 "$OUT")" "$before_lock"
wait
expect_case_count 1 "a busy intake writes nothing"
new_case after_lock --name 'После блокировки'
expect_eq "a busy intake used no case number" "$after_lock" 2026-00002

# With the default timeout (5 s) a short lock is waited out.
hold_lock 1
run intake --name 'Терпеливая'
expect_code 0
expect_stdout 2026-00003
wait

# --- a killed process leaves no half-written case --------------------------------------------
fresh_store
run_ok init
succeeded=0
for i in $(seq 30); do
  "$CASECTL" intake --name "Прерванная $i" --member "Мама $i;мать" --group refugee --problem "проблема $i" \
    >/dev/null 2>&1 &
  victim=$!
  sleep "0.00$((RANDOM % 10))"
  kill -9 "$victim" 2>/dev/null
  wait "$victim" 2>/dev/null && succeeded=$((succeeded + 1))
done
LAST_COMMAND="30 intakes, each killed with SIGKILL after a few milliseconds"
engine_is sqlite && expect_eq "the store is intact" "$(store_sql_sqlite_only 'PRAGMA integrity_check')" ok
run check
expect_code 0
run list -o json
expect_code 0
registered=$(jq length "$OUT")
expect_true "every intake that exited 0 is there ($succeeded exited 0, $registered registered)" \
  test "$registered" -ge "$succeeded"
expect_eq "every registered case has its member and group" \
  "$(jq -c '[.[] | select(.members_count != 1 or .groups != ["refugee"])] | length' "$OUT")" 0
expect_eq "every registered case is journaled, and nothing else is" \
  "$(store_sql "SELECT count(*) FROM journal WHERE action = 'intake'")" "$registered"
# (All 30 may be killed before they commit on a loaded machine: then there is no case at all.)
expect_eq "case numbers have no gaps" "$(jq -r '[.[].case_id] | sort | last // "none"' "$OUT")" \
  "$(if [ "$registered" -gt 0 ]; then printf '2026-%05d' "$registered"; else echo none; fi)"
new_case survivor --name 'Выжившая'
expect_eq "the store takes new cases after the kills" "$survivor" "$(printf '2026-%05d' $((registered + 1)))"

# --- the store named in a config file, not in CASECTL_DB: a file path or a postgresql:// URL ----
fresh_store
configured=$CASECTL_DB
printf '[store]\npath = "%s"\n' "$configured" >"$TEST_DIR/work/casectl.toml"
unset CASECTL_DB
run_ok init
new_case configured_case --name 'Из конфигурации'
run show "$configured_case" -o json
expect_code 0
expect_stdout_contains '"name": "Из конфигурации"'
run config show
expect_stdout_contains "store.path"
export CASECTL_DB=$configured
rm "$TEST_DIR/work/casectl.toml"
run show "$configured_case" -o json
expect_code 0

finish
