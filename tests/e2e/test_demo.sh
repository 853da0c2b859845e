#!/usr/bin/env bash
# The demo (examples/demo.sh, what ./scripts/demo runs) on the suite's engine: it runs to the end,
# and on PostgreSQL (CASECTL_DB a postgresql:// URL) prints and writes exactly what it does on a
# SQLite file, but for the paths.
. "$(dirname "$0")/lib.sh"

# demo_run DIR: runs the demo on the current store with its documents in DIR; $OUT, $ERR, $CODE.
demo_run() {
  LAST_COMMAND="examples/demo.sh (DEMO_DIR=$1, CASECTL_DB=$CASECTL_DB)"
  DEMO_DIR=$1 bash "$SOURCE_ROOT/examples/demo.sh" "$CASECTL" >"$OUT" 2>"$ERR" </dev/null
  CODE=$?
}

# What the demo printed and wrote, with the store's location and the documents' directory as
# words, so that two runs compare (the two directories have names of one length: tables align),
# and the real clock's minute (journal rows, created_at: "2026-12-02 01:16") as hh:mm, since the
# two runs may straddle a minute.
demo_outcome() {
  local dir=$1 store=$2
  as_words() { sed -e "s#$store#STORE#g" -e "s#$dir#DIR#g" | sed -E 's/([0-9]{4}-[0-9]{2}-[0-9]{2}) [0-9]{2}:[0-9]{2}/\1 hh:mm/g'; }
  {
    as_words <"$OUT"
    echo "--- stderr"
    as_words <"$ERR"
    echo "--- files"
    (cd "$dir" && find . -type f ! -name 'cases.db*' | sort | while read -r f; do echo "$f $(as_words <"$f" | sha256sum)"; done)
  }
}

unset CASECTL_TODAY CASECTL_USER # the demo sets its own
if engine_is sqlite; then
  demo_run "$TEST_DIR/demo"
  expect_code 0
  expect_stderr_contains "The demo store is $TEST_DIR/demo/cases.db"
  expect_true "the demo wrote the plans" test -s "$TEST_DIR/demo/plans/2026-00001.txt"
  expect_true "the demo wrote the KPI page" test -s "$TEST_DIR/demo/kpi-2026-11.html"
else
  pg_store=$CASECTL_DB
  demo_run "$TEST_DIR/demo-pg"
  expect_code 0
  expect_stderr_contains "The demo store is $pg_store"
  on_postgresql=$(demo_outcome "$TEST_DIR/demo-pg" "$pg_store")
  # The store holds the demo's cases now: a second run refuses it rather than mixing them.
  demo_run "$TEST_DIR/demo-again"
  expect_code 1
  expect_stderr_contains "already holds cases"
  export CASECTL_DB=  # the demo's own SQLite file
  demo_run "$TEST_DIR/demo-sq"
  expect_code 0
  on_sqlite=$(demo_outcome "$TEST_DIR/demo-sq" "$TEST_DIR/demo-sq/cases.db")
  expect_eq "the demo on PostgreSQL prints and writes what it does on SQLite" "$on_postgresql" "$on_sqlite"
fi
finish
