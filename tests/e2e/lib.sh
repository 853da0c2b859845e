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
#   fresh_store          point CASECTL_DB at a new store path (not created yet)
#   finish               prints "N passed, M failed" and exits 1 when any check failed
set -u

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: bash $0 /path/to/casectl [/path/to/source-root]" >&2
  exit 2
fi
CASECTL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SOURCE_ROOT=$(cd "${2:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/casectl-e2e.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT

export HOME=$TEST_DIR/home
export XDG_CONFIG_HOME=$HOME/.config
export XDG_DATA_HOME=$HOME/.local/share
mkdir -p "$HOME" "$TEST_DIR/work"
for variable in $(compgen -e); do
  case $variable in CASECTL_*) unset "$variable" ;; esac
done
unset NO_COLOR
export LC_ALL=C.UTF-8 TERM=xterm
export CASECTL_DB=$TEST_DIR/store/cases.db
export CASECTL_TODAY=2026-11-20
export CASECTL_USER=tester
cd "$TEST_DIR/work"

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
  export CASECTL_DB=$TEST_DIR/store$STORE_COUNT/cases.db
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
  local caller="${BASH_SOURCE[2]##*/}:${BASH_LINENO[1]}"
  printf 'FAIL %s: %s\n' "$caller" "$1" >&2
  [ -n "$LAST_COMMAND" ] && printf '  after: %s (exit %s)\n' "$LAST_COMMAND" "$CODE" >&2
  shift
  local line
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/  /' >&2; done
}

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
    "$(diff -u --label expected --label actual "$want" "$file" | cat -A | sed 's/\$$//')"
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
  fail "$1 (--- expected, +++ actual)" "$(diff -u --label expected --label actual "$want" "$got" | cat -A | sed 's/\$$//')"
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

# The number of cases in the current store, as `casectl list` sees it ("" when list fails).
case_count() {
  "$CASECTL" list -o ndjson 2>/dev/null </dev/null | wc -l
}

# expect_no_cases WHAT: the store holds no case (or does not exist at all).
expect_no_cases() {
  local saved_command=$LAST_COMMAND
  if [ ! -e "$CASECTL_DB" ]; then pass; return; fi
  local n
  n=$(sqlite3 "$CASECTL_DB" 'SELECT count(*) FROM cases' 2>&1)
  if [ "$n" == 0 ]; then pass; else
    LAST_COMMAND=$saved_command
    fail "$1: expected no case in the store, found: $n"
  fi
}

finish() {
  printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
  [ "$FAILED" -eq 0 ]
  exit $?
}
