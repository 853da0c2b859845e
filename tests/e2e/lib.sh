# The end-to-end harness, sourced by every tests/e2e/test_*.sh suite.
#
#   bash tests/e2e/test_X.sh /path/to/casectl /path/to/source-root
#
# It makes a temporary directory (removed on exit) holding HOME, the XDG directories, the store
# and the working directory, so that nothing touches the real home; unsets every CASECTL_*
# variable and sets CASECTL_DB, CASECTL_TODAY and CASECTL_USER to fixed test values.
#
#   run ARGS...          runs casectl; stdout, stderr and exit code land in $OUT, $ERR, $CODE
#   run_in FILE ARGS...  the same, with FILE on stdin (default stdin: /dev/null)
#   expect_code N                     expect_stdout TEXT (exact: TEXT and one newline; "" = empty)
#   expect_stdout_contains TEXT       expect_stdout_lacks TEXT
#   expect_stderr TEXT (exact)        expect_stderr_contains TEXT     expect_stderr_empty
#   expect_eq WHAT ACTUAL EXPECTED    expect_true WHAT COMMAND...
#   run_ok ARGS...       run, and expect exit 0 (for setup steps)
#   new_case VAR ARGS... run `intake ARGS...`, expect exit 0, set VAR to the new case id
#   expect_code_in "N M"  expect_no_cases WHAT  expect_case_count N WHAT
#   fresh_store          point CASECTL_DB at a new store path (not created yet)
#   expect_refused CODE WHAT ARGS...  exit CODE, an error, no stdout, `store_state` unchanged
#   store_sql SQL|-      runs SQL (or SQL from stdin) on the current store, whatever its engine
#   store_sql_sqlite_only SQL|-  the same for SQL only SQLite has (PRAGMA, sqlite_master, ...)
#   engine_is NAME       the current store's engine is NAME (sqlite or postgresql)
#   save_store NAME / restore_store NAME  keep a copy of the current store / put it back
#   drop_trigger NAME TABLE  prints the SQL that drops that trigger, in the engine's words
#   demo_store           runs the demo (examples/demo.sh) and points CASECTL_DB at its store
#   finish               prints "N passed, M failed" and exits 1 when any check failed
set -u

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: bash $0 /path/to/casectl [/path/to/source-root]" >&2
  exit 2
fi
CASECTL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# The source tree, for suites that need its files (examples, templates).
# shellcheck disable=SC2034
SOURCE_ROOT=$(cd "${2:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/casectl-e2e.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
trap 'exit 130' HUP INT TERM PIPE # so that the EXIT trap cleans up

export HOME=$TEST_DIR/home
export XDG_CONFIG_HOME=$HOME/.config
export XDG_DATA_HOME=$HOME/.local/share
export XDG_STATE_HOME=$HOME/.local/state # where a PostgreSQL store is dumped before a migration
mkdir -p "$HOME" "$TEST_DIR/work"
# The engine and the test server survive the clean-up below (see store_location).
E2E_ENGINE=${CASECTL_E2E_ENGINE:-sqlite}
E2E_SERVER=${CASECTL_TEST_POSTGRES:-}
for variable in $(compgen -e); do
  case $variable in CASECTL_*) unset "$variable" ;; esac
done
unset NO_COLOR
export LC_ALL=C.UTF-8 TERM=xterm
# The suites read casectl's messages in English, as the source writes them: LANGUAGE=en makes them
# English whatever the config's language (documents and labels stay Russian by default). A suite
# that checks another language's messages says --lang or CASECTL_LANG (test_messages.sh).
export LANGUAGE=en
unset LANG LC_MESSAGES
export CASECTL_TODAY=2026-11-20
export CASECTL_USER=tester
# Suites that run casectl under a pseudo-terminal (script -qec) must not wait in less for a key;
# test_terminal.sh sets its own pagers.
export CASECTL_PAGER=cat
cd "$TEST_DIR/work" || exit 1

# The engine the suite's stores use: CASECTL_E2E_ENGINE=postgresql (ctest's e2e_pg_* runs) puts
# each store in a schema of its own on the test server CASECTL_TEST_POSTGRES names (scripts/test
# starts one), dropped when the suite ends; without that server such a run exits 77, which ctest
# counts as skipped. Otherwise each store is a SQLite file in the temporary directory.
if [ "$E2E_ENGINE" = postgresql ]; then
  if [ -z "$E2E_SERVER" ]; then
    echo "skipped: CASECTL_TEST_POSTGRES is not set (scripts/test starts a test server)" >&2
    exit 77
  fi
  trap 'drop_schemas; rm -rf "$TEST_DIR"' EXIT
fi

# store_location N: where the suite's Nth store lives, on the suite's engine.
store_location() {
  if [ "$E2E_ENGINE" != postgresql ]; then
    echo "$TEST_DIR/store$1/cases.db"
    return
  fi
  local schema
  schema="$(schema_prefix)$1"
  psql -X -q -w -d "$E2E_SERVER" -c "CREATE SCHEMA $schema" >/dev/null || exit 1
  echo "$E2E_SERVER&options=-csearch_path%3D$schema"
}

# The schemas of this run of the suite begin with this (the suite's name and process id).
schema_prefix() { echo "e2e_$(basename "$0" .sh | tr -c 'a-z0-9_\n' _)_$$_"; }

# The schema of the current PostgreSQL store (CASECTL_DB names it in its search_path option).
store_schema() { echo "${CASECTL_DB##*search_path%3D}"; }

drop_schemas() {
  local schema
  for schema in $(psql -X -A -t -q -w -d "$E2E_SERVER" \
    -c "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, '$(schema_prefix)')" 2>/dev/null); do
    psql -X -q -w -d "$E2E_SERVER" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1
  done
}

# save_store NAME / restore_store NAME: keeps a copy of the current store and puts it back, so
# that each tampering of a suite starts from the same sound store (a copy of the file on SQLite;
# pg_dump of the store's schema, dropped and restored, on PostgreSQL).
save_store() {
  if [ "$E2E_ENGINE" != postgresql ]; then
    cp "$CASECTL_DB" "$TEST_DIR/$1.saved"
    return
  fi
  pg_dump -w -d "$E2E_SERVER" -n "$(store_schema)" -f "$TEST_DIR/$1.saved" || exit 1
}
restore_store() {
  if [ "$E2E_ENGINE" != postgresql ]; then
    cp "$TEST_DIR/$1.saved" "$CASECTL_DB"
    return
  fi
  { echo "DROP SCHEMA $(store_schema) CASCADE;"; cat "$TEST_DIR/$1.saved"; } |
    psql -X -q -w -v ON_ERROR_STOP=1 -d "$E2E_SERVER" -f - >/dev/null || exit 1
}

# drop_trigger NAME TABLE: the SQL that drops a trigger of the store, in the engine's words.
drop_trigger() {
  if engine_is postgresql; then echo "DROP TRIGGER $1 ON $2;"; else echo "DROP TRIGGER $1;"; fi
}

OUT=$TEST_DIR/stdout
ERR=$TEST_DIR/stderr
CODE=0
LAST_COMMAND=
PASSED=0
FAILED=0
STORE_COUNT=0

# Points CASECTL_DB at a new, not yet existing store; prints nothing.
fresh_store() {
  STORE_COUNT=$((STORE_COUNT + 1))
  CASECTL_DB=$(store_location "$STORE_COUNT") || exit 1
  export CASECTL_DB
}
# The suite's first store (store0); a suite that needs another calls fresh_store.
CASECTL_DB=$(store_location 0) || exit 1
export CASECTL_DB

# --- the store's own SQL, on either engine ------------------------------------------------------
# Suites look into and tamper with a store only through store_sql and store_sql_sqlite_only, never
# by calling sqlite3 (or psql) themselves, so that each suite can run on both engines: CASECTL_DB
# is a file path (SQLite) or a postgresql:// URL (PostgreSQL, to come).

# store_engine: prints the engine of the current store (CASECTL_DB): sqlite or postgresql.
store_engine() {
  case $CASECTL_DB in
    postgresql://* | postgres://*) echo postgresql ;;
    *) echo sqlite ;;
  esac
}

# engine_is NAME: the current store's engine is NAME.
engine_is() { [ "$(store_engine)" = "$1" ]; }

# store_sql SQL|-: runs SQL, one statement or several (or, given -, the SQL on stdin) on the
# current store. Prints each row on a line, its fields joined by '|', with no header: the sqlite3
# shell's default output, which the suites compare against. Stops at the first failing statement
# and exits non-zero, its message on stderr.
store_sql() {
  if [ $# -ne 1 ]; then
    echo "store_sql: give one SQL text, or - to read it from stdin" >&2
    return 2
  fi
  if engine_is postgresql; then store_sql_psql "$1"; else store_sql_sqlite3 "$1"; fi
}

store_sql_sqlite3() {
  if [ "$1" = - ]; then sqlite3 "$CASECTL_DB"; else sqlite3 "$CASECTL_DB" "$1"; fi
}

# On PostgreSQL the same rows print as sqlite3 prints them (NULL as empty) and the first error
# stops it. -X: no ~/.psqlrc; -A -t -F '|': unaligned rows without header or footer, fields
# joined by '|' as sqlite3 does; -q: no command tags ("INSERT 0 1"); ON_ERROR_STOP: stop at the
# first error and exit non-zero, as sqlite3 does with SQL on its command line; -w: never wait for
# a password. The SQL goes in on stdin (-f -): psql -c prints only the last statement's rows
# before PostgreSQL 15.
store_sql_psql() {
  local psql=(psql -X -A -t -q -v ON_ERROR_STOP=1 -F '|' -w -d "$CASECTL_DB" -f -)
  if [ "$1" = - ]; then "${psql[@]}"; else printf '%s\n' "$1" | "${psql[@]}"; fi
}

# store_sql_sqlite_only SQL|-: store_sql for what only SQLite has: PRAGMA, sqlite_master, rowid,
# DROP TRIGGER without ON, sqlite3's dot commands, its locks. On another engine it runs nothing,
# exits 2 and makes the suite fail (in finish, even when called inside $(...)), so that a check
# made for SQLite never passes unnoticed on PostgreSQL: give it a counterpart there, or guard it
# with `engine_is sqlite`.
store_sql_sqlite_only() {
  if engine_is sqlite; then
    store_sql "$@"
    return
  fi
  printf '%s store: %s\n' "$(store_engine)" "$*" >>"$TEST_DIR/sqlite-only-sql"
  echo "store_sql_sqlite_only: not run on a $(store_engine) store: $*" >&2
  return 2
}

describe_command() {
  local word text=casectl
  for word in "$@"; do text+=" $(printf '%q' "$word")"; done
  printf '%s' "$text"
}

run() {
  LAST_COMMAND=$(describe_command "$@")
  "$CASECTL" "$@" >"$OUT" 2>"$ERR" </dev/null
  CODE=$?
}

run_in() {
  local input=$1
  shift
  LAST_COMMAND="$(describe_command "$@") < $input"
  "$CASECTL" "$@" >"$OUT" 2>"$ERR" <"$input"
  CODE=$?
}

pass() { PASSED=$((PASSED + 1)); }

# fail WHAT [DETAIL...]: counts a failure and prints what was checked, after which command.
fail() {
  FAILED=$((FAILED + 1))
  local i caller=
  for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do # the frames outside this file, innermost first
    if [ "${BASH_SOURCE[i]}" != "${BASH_SOURCE[0]}" ]; then
      caller+="${caller:+, called from }${BASH_SOURCE[i]##*/}:${BASH_LINENO[i - 1]}"
    fi
  done
  printf 'FAIL %s: %s\n' "$caller" "$1" >&2
  [ -n "$LAST_COMMAND" ] && printf '  after: %s (exit %s)\n' "$LAST_COMMAND" "$CODE" >&2
  shift
  local line
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/  /' >&2; done
}

# Makes tabs and carriage returns visible in a diff; leaves UTF-8 text as it is.
visible() { sed -e 's/\t/␉/g' -e 's/\r/␍/g'; }

show_file() { # a captured stream, indented, marked when empty
  if [ -s "$1" ]; then sed 's/^/  | /' "$1" | head -40; else printf '  | (empty)\n'; fi
}

expect_code() {
  if [ "$CODE" -eq "$1" ]; then pass; return; fi
  fail "exit code $CODE, expected $1" "stdout:" "$(show_file "$OUT")" "stderr:" "$(show_file "$ERR")"
}

# Exact comparison of a captured stream with TEXT plus one trailing newline ("" = empty stream).
expect_stream() {
  local name=$1 file=$2 expected=$3
  local want=$TEST_DIR/expected
  if [ -n "$expected" ]; then printf '%s\n' "$expected" >"$want"; else : >"$want"; fi
  if cmp -s "$want" "$file"; then pass; return; fi
  fail "$name differs from what was expected (--- expected, +++ actual)" \
    "$(diff -u --label expected --label actual "$want" "$file" | visible)"
}

expect_stdout() { expect_stream stdout "$OUT" "$1"; }
expect_stderr() { expect_stream stderr "$ERR" "$1"; }
expect_stderr_empty() { expect_stream stderr "$ERR" ""; }

expect_contains() {
  local name=$1 file=$2 needle=$3
  if grep -qF -- "$needle" "$file"; then pass; return; fi
  fail "$name does not contain '$needle'" "$name:" "$(show_file "$file")"
}

expect_lacks() {
  local name=$1 file=$2 needle=$3
  if ! grep -qF -- "$needle" "$file"; then pass; return; fi
  fail "$name contains '$needle', which it should not" "$name:" "$(show_file "$file")"
}

expect_stdout_contains() { expect_contains stdout "$OUT" "$1"; }
expect_stdout_lacks() { expect_lacks stdout "$OUT" "$1"; }
expect_stderr_contains() { expect_contains stderr "$ERR" "$1"; }
expect_stderr_lacks() { expect_lacks stderr "$ERR" "$1"; }

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
  if [ "$2" == "$3" ]; then pass; return; fi
  local want=$TEST_DIR/expected got=$TEST_DIR/actual
  printf '%s\n' "$3" >"$want"
  printf '%s\n' "$2" >"$got"
  fail "$1 (--- expected, +++ actual)" "$(diff -u --label expected --label actual "$want" "$got" | visible)"
}

# expect_true WHAT COMMAND...: the command (not casectl) must succeed.
expect_true() {
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then pass; return; fi
  fail "$what" "check: $(printf '%q ' "$@")"
}

# run_ok ARGS...: a casectl call that must succeed (a setup step); counts as a check, so a broken
# setup step is reported where it happened. Its output stays in $OUT, $ERR.
run_ok() {
  run "$@"
  expect_code 0
}

# new_case VAR ARGS...: runs `casectl intake ARGS...`, which must succeed, and sets VAR to the id.
new_case() {
  local var=$1
  shift
  run intake "$@"
  expect_code 0
  printf -v "$var" '%s' "$(<"$OUT")"
}

# expect_code_in "N M ..." : the exit code is one of these.
expect_code_in() {
  local code
  for code in $1; do
    if [ "$CODE" -eq "$code" ]; then pass; return; fi
  done
  fail "exit code $CODE, expected one of: $1" "stdout:" "$(show_file "$OUT")" "stderr:" "$(show_file "$ERR")"
}

# expect_no_cases WHAT: `casectl list` shows no case in the current store (or there is no store).
# Keeps $OUT, $ERR and $CODE of the command before it.
expect_no_cases() {
  local listed code
  listed=$("$CASECTL" list -o ndjson 2>&1 </dev/null)
  code=$?
  if { [ "$code" -eq 0 ] && [ -z "$listed" ]; } || [ "$code" -eq 66 ]; then pass; return; fi
  fail "$1: expected no case in the store; 'casectl list -o ndjson' exited $code with:" "$listed"
}

# expect_case_count N WHAT: `casectl list` shows exactly N cases.
expect_case_count() {
  local listed code
  listed=$("$CASECTL" list -o ndjson 2>&1 </dev/null)
  code=$?
  local n=0
  [ -n "$listed" ] && n=$(printf '%s\n' "$listed" | wc -l)
  if [ "$code" -eq 0 ] && [ "$n" -eq "$1" ]; then pass; return; fi
  fail "$2: expected $1 cases in the store; 'casectl list -o ndjson' exited $code with $n lines:" "$listed"
}

# expect_refused CODE WHAT ARGS...: `casectl ARGS...` exits CODE with an error on stderr, prints
# nothing on stdout, and writes nothing: the suite's own `store_state` (what it must leave as it
# was) prints the same before and after. A suite may define its own expect_refused instead.
expect_refused() {
  local code=$1 what=$2
  shift 2
  local before
  before=$(store_state)
  run "$@"
  expect_code "$code"
  expect_stdout ''
  expect_stderr_contains 'casectl: error: '
  expect_eq "$what: nothing written" "$(store_state)" "$before"
}

# demo_store: runs the demo, which must succeed, and points CASECTL_DB at the store it filled: its
# own SQLite file, or on PostgreSQL the suite's store. A store with every kind of row in it.
demo_store() {
  LAST_COMMAND="examples/demo.sh (CASECTL_DB=$CASECTL_DB)"
  (unset CASECTL_TODAY CASECTL_USER && DEMO_DIR=$TEST_DIR/demo bash "$SOURCE_ROOT/examples/demo.sh" "$CASECTL") \
    >"$OUT" 2>"$ERR" </dev/null
  CODE=$?
  expect_code 0
  if engine_is sqlite; then export CASECTL_DB=$TEST_DIR/demo/cases.db; fi
}

# reference_codes: sets `codes` to every code the reference data has, the built-in lists and the
# current config's tables (read with `config show`, one check).
reference_codes() {
  codes="intake assessment active closed consultation emergency urgent routine family person
  low moderate high very-high open in-progress done partly not-done cancelled draft approved superseded
  immediate normal can-wait goals-achieved disengaged transferred moved deceased yes no
  interview home-visit phone documents
  almaly auezov bostandyk turksib"
  run_ok config show -o json
  codes="$codes $(jq -r '.[] | select(.key | test("^(groups|sources|agencies|events|assessment\\.domains)\\.")) | .key | sub("^.*\\."; "")' <"$OUT")"
}

# codes_in FILE: the Latin words of a document that are reference codes (`codes`).
codes_in() {
  grep -oE '[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]' "$1" | sort -u | while read -r word; do
    for code in $codes; do [ "$word" = "$code" ] && echo "$word"; done
  done
}

finish() {
  if [ $((PASSED + FAILED)) -eq 0 ]; then
    LAST_COMMAND=
    fail "the suite ran no checks"
  fi
  if [ -s "$TEST_DIR/sqlite-only-sql" ]; then
    LAST_COMMAND=
    fail "store_sql_sqlite_only was called on another engine and ran nothing; give these a counterpart or guard them with engine_is sqlite:" \
      "$(cat "$TEST_DIR/sqlite-only-sql")"
  fi
  printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
  [ "$FAILED" -eq 0 ]
  exit $?
}
