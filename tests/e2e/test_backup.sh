#!/usr/bin/env bash
# `casectl backup`: a checked copy of the whole store in a new SQLite file, while others write;
# named by the clock in a directory, with --keep N for cron; refusals that leave nothing behind.
# On PostgreSQL the backup is a SQLite copy of the store (table by table).
# shellcheck source=lib.sh disable=SC2154
source "$(dirname "$0")/lib.sh"

run_ok init
new_case anna --name 'Семёнова Анна' --phone '+7 701 123 45 67' --member 'Семёнов Илья;сын;03.05.2015'
new_case boris --name 'Борисов Борис' --district almaly
run_ok assess "$anna" --domain housing=2 --domain income=1

# What a reader sees of a store: the cases, their journals, the list.
view_of() {
  local db=$1
  {
    "$CASECTL" --db "$db" show "$anna" -o json
    "$CASECTL" --db "$db" show "$boris" -o json
    "$CASECTL" --db "$db" log "$anna" -o json
    "$CASECTL" --db "$db" list -o json
  } 2>&1
}

# --- a backup into a new file -----------------------------------------------------------------
run backup --to "$TEST_DIR/new/dirs/one.db"
expect_code 0
expect_true "a backup file's missing directories are made" test -s "$TEST_DIR/new/dirs/one.db"
run backup --to "$TEST_DIR/one.db"
expect_code 0
expect_stdout "$TEST_DIR/one.db"
expect_stderr_contains "2 cases"
expect_stderr_contains "checks passed"
if engine_is sqlite; then
  expect_stderr_contains "SQLite's online backup"
else
  expect_stderr_contains "copied table by table"
fi
expect_true "the backup is readable by its owner only" test "$(stat -c %a "$TEST_DIR/one.db")" = 600
expect_eq "the backup shows what the store shows" "$(view_of "$TEST_DIR/one.db")" "$(view_of "$CASECTL_DB")"
run --db "$TEST_DIR/one.db" check
expect_code 0
expect_true "no temporary file is left beside it" bash -c "! ls -a '$TEST_DIR' | grep -q casectl-backup"

# The store itself was only read: its journal has no row for the backup.
expect_eq "the store's journal gets no backup row" "$(store_sql "SELECT count(*) FROM journal WHERE action IN ('backup', 'copy')")" 0

# --- refusals: nothing replaced, nothing left behind -----------------------------------------------
before=$(sha256sum <"$TEST_DIR/one.db")
run backup --to "$TEST_DIR/one.db"
expect_code 4
expect_stderr_contains "already exists"
expect_eq "the existing file is untouched" "$(sha256sum <"$TEST_DIR/one.db")" "$before"
run backup --to "$TEST_DIR/two.db" --keep 3
expect_code 2
expect_stderr_contains "--keep needs a directory"
expect_true "a refused backup writes no file" test ! -e "$TEST_DIR/two.db"
run backup --to "$TEST_DIR/dir/" --keep 0
expect_code 2
run backup
expect_code 2
expect_stderr_contains "--to"
mkdir -p "$TEST_DIR/readonly" && chmod 500 "$TEST_DIR/readonly"
if [ "$(id -u)" -ne 0 ]; then
  run backup --to "$TEST_DIR/readonly/x.db"
  expect_code 73
  expect_true "nothing written into a directory it cannot write" test -z "$(ls -A "$TEST_DIR/readonly")"
fi
run --db "$TEST_DIR/nowhere/cases.db" backup --to "$TEST_DIR/none.db"
expect_code 66
expect_true "no backup of a store that is not there" test ! -e "$TEST_DIR/none.db"

# --- a directory for cron: named by the clock, --keep N removes the oldest ---------------------------
mkdir -p "$TEST_DIR/cron"
echo "not a backup" >"$TEST_DIR/cron/notes.txt"
echo "a user's own copy" >"$TEST_DIR/cron/casectl-old.db"
for second in 01 02 03 04; do
  CASECTL_NOW=2026-11-20T03:00:${second}Z run backup --to "$TEST_DIR/cron" --keep 2
  expect_code 0
  expect_stdout "$TEST_DIR/cron/casectl-20261120-0300${second}.db"
done
expect_stderr_contains "removed the old backup $TEST_DIR/cron/casectl-20261120-030002.db"
expect_eq "--keep 2 keeps the newest two, and files it did not name" "$(ls "$TEST_DIR/cron" | paste -sd' ')" \
  "casectl-20261120-030003.db casectl-20261120-030004.db casectl-old.db notes.txt"
CASECTL_NOW=2026-11-20T03:00:04Z run backup --to "$TEST_DIR/cron"
expect_code 4 # the same second's name is taken: nothing replaced
CASECTL_NOW=2026-11-20T03:00:05Z run backup --to "$TEST_DIR/cron-new/"
expect_code 0
expect_stdout "$TEST_DIR/cron-new/casectl-20261120-030005.db"
expect_true "a directory named with a final '/' is created, private" test "$(stat -c %a "$TEST_DIR/cron-new")" = 700

# --- a backup that travels: encrypted with age, kept with the others ------------------------------
age-keygen -o "$TEST_DIR/key.txt" 2>/dev/null || fail "age-keygen did not run (scripts/setup installs age)"
recipient=$(age-keygen -y "$TEST_DIR/key.txt")
CASECTL_NOW=2026-11-20T03:00:06Z run backup --to "$TEST_DIR/cron" --keep 2 --encrypt-to "$recipient"
expect_code 0
expect_stdout "$TEST_DIR/cron/casectl-20261120-030006.db.age"
expect_stderr_contains "; encrypted with age"
expect_eq "the encrypted backup counts for --keep; no unencrypted copy is left" "$(ls -A "$TEST_DIR/cron" | paste -sd' ')" \
  "casectl-20261120-030004.db casectl-20261120-030006.db.age casectl-old.db notes.txt"
expect_eq "age's, and private" "$(head -c 21 "$TEST_DIR/cron/casectl-20261120-030006.db.age")/$(stat -c %a "$TEST_DIR/cron/casectl-20261120-030006.db.age")" \
  "age-encryption.org/v1/600"
age -d -i "$TEST_DIR/key.txt" -o "$TEST_DIR/decrypted.db" "$TEST_DIR/cron/casectl-20261120-030006.db.age" ||
  fail "the encrypted backup did not decrypt"
run --db "$TEST_DIR/decrypted.db" check
expect_code 0
run --db "$TEST_DIR/decrypted.db" list -o tsv --no-headers
expect_stdout_contains "$anna"
run backup --to "$TEST_DIR/secret.db.age" --encrypt-to age1notakey
expect_code 73
expect_stderr_contains "casectl: error: age failed"
expect_true "a refused recipient leaves nothing" test ! -e "$TEST_DIR/secret.db.age"
expect_eq "nor a temporary file" "$(find "$TEST_DIR" -maxdepth 1 -name '.casectl-*' | wc -l)" 0

# --- while 4 processes write: every case committed before it began, and sound ---------------------
committed_before=$(store_sql "SELECT count(*) FROM cases")
for p in 1 2 3 4; do
  (for i in $(seq 15); do "$CASECTL" intake --name "Пишущий $p, семья $i" >/dev/null 2>&1; done) &
done
sleep 0.2
run backup --to "$TEST_DIR/during.db"
expect_code 0
wait
in_backup=$(CASECTL_DB=$TEST_DIR/during.db store_sql "SELECT count(*) FROM cases")
expect_true "the backup taken while 4 processes wrote holds every case from before it ($in_backup >= $committed_before)" \
  test "$in_backup" -ge "$committed_before"
run --db "$TEST_DIR/during.db" check
expect_code 0
expect_stdout_lacks FAIL

# What migration 22 added, taken away: a store as version 21 left it.
undo_migration_22="ALTER TABLE staff DROP COLUMN kind; ALTER TABLE plan_tasks DROP COLUMN continuous"
# What migration 21 added, taken away: a store as version 20 left it.
undo_migration_21="DROP INDEX members_national_id; ALTER TABLE members DROP COLUMN relationship; ALTER TABLE members DROP COLUMN lives_elsewhere; ALTER TABLE members DROP COLUMN national_id; ALTER TABLE removed_members DROP COLUMN relationship; ALTER TABLE removed_members DROP COLUMN lives_elsewhere; ALTER TABLE removed_members DROP COLUMN national_id"

# --- a migration keeps the store as it was, beside it, and says where (SQLite) -----------------
if engine_is sqlite; then
  fresh_store
  new_case old --name 'Старая Запись'
  # as version 21 left it
  store_sql_sqlite_only "$undo_migration_22; PRAGMA user_version = 21"
  run list -o tsv --no-headers
  expect_code 0
  expect_stdout_contains "$old"
  expect_stderr_contains "casectl: the store $CASECTL_DB was brought from schema version 21 to 22; the store as it was is kept in $CASECTL_DB.schema-21-"
  copy=$(sed -n 's/.*is kept in //p' "$ERR")
  expect_true "the copy is there" test -s "$copy"
  expect_eq "the copy is private" "$(stat -c %a "$copy")" 600
  expect_eq "the copy is the store at version 21" "$(CASECTL_DB=$copy store_sql_sqlite_only 'PRAGMA user_version')" 21
  run list -o tsv --no-headers
  expect_stderr_empty
fi

# --- a migration on PostgreSQL: pg_dump first, or refused with the command to run ---------------
if engine_is postgresql; then
  fresh_store
  new_case old --name 'Старая Запись'
  as_version_21() {
    store_sql "$undo_migration_22; UPDATE casectl_meta SET value = '21' WHERE key = 'schema_version'"
  }
  schema_version() { store_sql "SELECT value FROM casectl_meta WHERE key = 'schema_version'"; }
  as_version_21
  PATH=/nonexistent run list -o tsv --no-headers
  expect_code 73
  expect_stdout ''
  expect_stderr_contains "is at schema version 21 and this casectl writes 22; it dumps the store with pg_dump before it migrates it, and could not: pg_dump is not installed"
  expect_stderr_contains "then run casectl again with CASECTL_PG_DUMP=skip"
  expect_eq "without a dump nothing was migrated" "$(schema_version)" 21
  run list -o tsv --no-headers
  expect_code 0
  expect_stdout_contains "$old"
  expect_stderr_contains "casectl: the store "
  expect_stderr_contains " was brought from schema version 21 to 22; the store as it was is kept in $XDG_STATE_HOME/casectl/casectl-"
  dump=$(sed -n 's/.*is kept in //p' "$ERR")
  expect_true "the dump is there" test -s "$dump"
  expect_eq "the dump is private" "$(stat -c %a "$dump")" 600
  expect_true "the dump is pg_dump's, with the cases in it" sh -c "pg_restore -l '$dump' | grep -q 'TABLE DATA .* cases '"
  expect_eq "migrated" "$(schema_version)" 22
  as_version_21
  CASECTL_PG_DUMP=skip run list -o tsv --no-headers
  expect_code 0
  expect_stderr_contains "was brought from schema version 21 to 22; the server's backup (pg_dump) is the way back"
fi

finish
