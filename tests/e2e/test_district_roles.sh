#!/usr/bin/env bash
# Who acts on a shared store. Every journal row names the database role that wrote it (db_role:
# PostgreSQL's session_user, which --as cannot change; null on SQLite), and `init --district-roles`
# gives each district a role that sees and changes only its district's cases (row-level
# security): an office's login in one district cannot read or change another's, through casectl
# or through psql. On SQLite, which has no roles, --district-roles is refused.
# shellcheck source=lib.sh disable=SC2154
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
admin_db=$CASECTL_DB
# What a refusal must leave as it was, seen by the store's owner: the cases and the journal.
store_state() { CASECTL_DB=$admin_db store_sql "SELECT count(*) FROM cases; SELECT count(*) FROM journal" 2>&1; }
run_ok init
new_case east --name 'Семёнова Анна' --district turksib --member 'Семёнов Илья;сын;03.05.2015'
new_case centre --name 'Борисов Борис' --district almaly

if engine_is sqlite; then
  run log "$east" -o json
  expect_code 0
  expect_eq "a SQLite journal row names no database role" "$(jq -r '.[0].db_role' "$OUT")" null
  expect_refused 2 "district roles on a SQLite file" init --district-roles
  expect_stderr_contains "district roles need a PostgreSQL store"
  expect_stderr_contains "casectl store copy --to postgresql://"
  finish
fi

# --- the journal names the role that wrote each row -------------------------------------------
admin_role=$(store_sql "SELECT session_user")
run log "$east" -o json
expect_code 0
expect_eq "the journal names the server's role, not --as" "$(jq -r '.[0].db_role + " " + .[0].actor' "$OUT")" "$admin_role tester"
run check
expect_code 0

# --- district roles ---------------------------------------------------------------------------
run init --district-roles
expect_code 0
expect_stdout $'almaly\tcasectl_district_almaly\nauezov\tcasectl_district_auezov\nbostandyk\tcasectl_district_bostandyk\nturksib\tcasectl_district_turksib'
expect_stderr_contains "4 district roles; each sees and changes only its district's cases"
run init --district-roles # again: nothing to create, the policies set anew
expect_code 0

# An office of Almaly logs in as a role of its own, a member of its district's role.
office=$(schema_prefix)almaly
store_sql "CREATE ROLE $office LOGIN IN ROLE casectl_district_almaly" || exit 1
office_db=${CASECTL_DB/\/\/$admin_role@/\/\/$office@}
expect_true "the office connects as its own role" test "$office_db" != "$admin_db"

export CASECTL_DB=$office_db
run list -o tsv --no-headers
expect_code 0
expect_stdout_contains "$centre"
expect_stdout_lacks "$east"
expect_refused 3 "another district's case is not there for the office" show "$east"
expect_refused 3 "nor can it be assessed" assess "$east" --domain housing=2
expect_refused 3 "nor assigned" assign "$east" --manager aseitova
run find Семёнова
expect_code 0
expect_stdout_lacks "$east"
# Its first journal row follows a row of Turksib's, which the office cannot read: `log` checks
# the chain through the owner's function, and says nothing is wrong.
CASECTL_DB=$admin_db run_ok intake --name 'Жанова Әлия' --district turksib
new_case own --name 'Омаров Ержан' --district almaly
run log "$own" -o json
expect_code 0
expect_eq "the office's rows name the office's role" "$(jq -r '.[0].db_role' "$OUT")" "$office"
expect_refused 73 "an office cannot register a case in another district" intake --name 'Касымова Дана' --district turksib
expect_stderr_contains "row-level security"
run_ok assess "$own" --domain housing=2

# Through psql, as the office: nothing of Turksib to see, and nothing of it to change.
office_sql() { CASECTL_DB=$office_db store_sql "$1"; }
# office_refuses SQL: the server refuses the office's SQL, naming the policy or the privilege.
office_refuses() {
  ! office_sql "$1" >/dev/null 2>"$TEST_DIR/office-sql.err" &&
    grep -Eq "row-level security|permission denied" "$TEST_DIR/office-sql.err"
}
expect_eq "the office sees no member of another district's case" \
  "$(office_sql "SELECT count(*) FROM members m JOIN cases c ON c.id = m.case_row WHERE c.district = 'turksib'")" 0
expect_eq "nor its journal rows" "$(office_sql "SELECT count(*) FROM journal WHERE case_id = '$east'")" 0
expect_eq "an UPDATE of another district's case changes no row" \
  "$(office_sql "WITH u AS (UPDATE cases SET note = 'x' WHERE case_id = '$east' RETURNING 1) SELECT count(*) FROM u")" 0
expect_eq "an UPDATE of every search row reaches the office's two cases alone" \
  "$(office_sql "WITH u AS (UPDATE case_search SET words = words RETURNING case_row) SELECT count(*) FROM u")" 2
east_row=$(CASECTL_DB=$admin_db store_sql "SELECT id FROM cases WHERE case_id = '$east'")
expect_true "the office cannot add a member to another district's case" office_refuses \
  "INSERT INTO members (case_row, position, name, role, name_key) VALUES ($east_row, 9, 'x', '', 'x')"
expect_true "nor move its own case into another district" office_refuses \
  "UPDATE cases SET district = 'turksib' WHERE case_id = '$own'"
expect_true "nor write another district's search row" office_refuses \
  "DELETE FROM case_search WHERE case_row = $east_row; INSERT INTO case_search (case_row, words) VALUES ($east_row, 'x')"
expect_true "nor rewrite the journal (no UPDATE grant)" office_refuses "UPDATE journal SET actor = 'x'"
expect_true "nor the schema version" office_refuses "UPDATE casectl_meta SET value = '99'"
expect_true "nor the store's id, which exports name" office_refuses "UPDATE store_identity SET store_id = 'x'"

# The region (the tables' owner) sees everything, and the chain the office appended to holds.
export CASECTL_DB=$admin_db
run show "$east" -o json
expect_code 0
expect_eq "the region still sees the case, unchanged" "$(jq -r '.note // ""' "$OUT")" ""
run list -o tsv --no-headers
expect_eq "the region sees every case" "$(wc -l <"$OUT")" 4
expect_eq "the refused intake left nothing" "$(store_sql "SELECT count(*) FROM cases WHERE name = 'Касымова Дана'")" 0
run check
expect_code 0
expect_stdout_contains "journal-chain"
run log "$own" -o json
expect_eq "every row of the office's case names its role" "$(jq -r '[.[].db_role] | unique | join(",")' "$OUT")" "$office"

# An upgrade keeps the offices working: a table a migration adds (here agency_notices, schema 19)
# gets the district roles' grants and policy, as init --district-roles gives them.
store_sql "ALTER TABLE staff DROP COLUMN kind; ALTER TABLE plan_tasks DROP COLUMN continuous; DROP INDEX members_national_id; ALTER TABLE members DROP COLUMN relationship;
  ALTER TABLE members DROP COLUMN lives_elsewhere; ALTER TABLE members DROP COLUMN national_id;
  ALTER TABLE removed_members DROP COLUMN relationship; ALTER TABLE removed_members DROP COLUMN lives_elsewhere;
  ALTER TABLE removed_members DROP COLUMN national_id;
  ALTER TABLE assessments DROP COLUMN participants; DROP TABLE agency_notices;
  ALTER TABLE plans DROP COLUMN agencies_tracked; DROP INDEX cases_next_review;
  UPDATE casectl_meta SET value = '18' WHERE key = 'schema_version'" || exit 1
CASECTL_PG_DUMP=skip run list -o tsv --no-headers
expect_code 0
expect_stderr_contains "was brought from schema version 18 to 22"
store_sql "INSERT INTO agency_notices (case_row, revision, agency, informed_on, how, recorded_by, recorded_at)
  VALUES ($east_row, 1, 'school', '2026-11-20', 'letter', 'x', '2026-11-20T10:00:00Z')" || exit 1
expect_eq "after the upgrade the office reads the new table (0 rows of its own, not 'permission denied')" \
  "$(office_sql "SELECT count(*) FROM agency_notices")" 0
expect_eq "... while the region sees the notice of the other district" "$(store_sql "SELECT count(*) FROM agency_notices")" 1
CASECTL_DB=$office_db run show "$own" -o json
expect_code 0
expect_eq "the office's case card reads the notices" "$(jq -c '.agencies_informed' "$OUT")" '[]'

# A config that lists no districts has nothing to divide.
printf '[districts]\n' >"$TEST_DIR/no-districts.toml"
CASECTL_CONFIG=$TEST_DIR/no-districts.toml run init --district-roles
expect_code_in "78"

store_sql "DROP OWNED BY $office; DROP ROLE $office" >/dev/null 2>&1
finish
