#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: its own data directory in a temporary directory, a
# Unix socket in that directory only (no TCP), fsync off, one database (casectl_test), and a
# superuser role `postgres` trusted on that socket. The directory is private (mode 0700), so only
# its owner (and root) can reach the socket: that, not a password, keeps other users out. (The
# role casectl_with_password alone must give a password, for the tests of password files.)
# Nothing is installed or registered with the system (no pg_createcluster, no service); `stop`
# leaves nothing behind.
#
# Usage:
#   eval "$(tests/pg/cluster.sh start [DIR])"  start; prints the `export` lines below
#   tests/pg/cluster.sh env [DIR]              print them again for a running cluster
#   tests/pg/cluster.sh stop [DIR]             stop the server and remove DIR with everything in it
# DIR defaults to a new `mktemp -d` for start, and to $CASECTL_TEST_POSTGRES_DIR for env and stop.
# start prints (and the tests read):
#   export CASECTL_TEST_POSTGRES='postgresql://postgres@/casectl_test?host=DIR'
#   export CASECTL_TEST_POSTGRES_DIR='DIR'
# The URL is one libpq and psql accept: psql "$CASECTL_TEST_POSTGRES" -c 'select 1'.
#
# For a trap, make the directory first, so that a start that fails half-way is cleaned up too:
#   dir=$(mktemp -d)
#   trap 'tests/pg/cluster.sh stop "$dir"' EXIT
#   eval "$(tests/pg/cluster.sh start "$dir")"
# stop is safe to run on a directory where start failed or never ran (it removes only an empty
# directory or one that start marked as its own), and on one already removed.
#
# The server runs as the calling user; as root (PostgreSQL refuses to run as root) it runs as the
# `postgres` user that Debian's postgresql-common creates, or the one named in
# $CASECTL_TEST_POSTGRES_OS_USER. The server binaries come from the newest /usr/lib/postgresql/*/bin
# (Debian's `postgresql` package; scripts/setup installs it), or from $CASECTL_TEST_POSTGRES_BIN.
set -euo pipefail

database=casectl_test
role=postgres
port=5432
marker=.casectl-test-cluster

die() { echo "cluster.sh: $*" >&2; exit 1; }

bin_dir() {
  if [ -n "${CASECTL_TEST_POSTGRES_BIN:-}" ]; then echo "$CASECTL_TEST_POSTGRES_BIN"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] && [ -x "$found/initdb" ] ||
    die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: run scripts/setup (it installs Debian's postgresql)"
  echo "$found"
}

# Runs a server program as the user who owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "${CASECTL_TEST_POSTGRES_OS_USER:-postgres}" -- "$@"
  else
    "$@"
  fi
}

# The PG* variables of the caller's environment (a PGPORT, a PGOPTIONS) must not reach this
# cluster's programs: the server reads PGPORT as its default port.
clean_environment() {
  local name
  for name in $(compgen -e); do
    case $name in PG*) unset "$name" ;; esac
  done
}

# The form casectl itself names a server in (no default port), so that messages repeat it.
url_of() { echo "postgresql://$role@/$database?host=$1"; }

print_env() {
  printf "export CASECTL_TEST_POSTGRES='%s'\n" "$(url_of "$1")"
  printf "export CASECTL_TEST_POSTGRES_DIR='%s'\n" "$1"
}

# The directory goes into a URL and a configuration file unquoted, and holds the socket, whose
# path the kernel limits to 107 bytes.
check_dir_name() {
  [[ $1 =~ ^/[A-Za-z0-9._/-]+$ ]] || die "the cluster's directory must be an absolute path of letters, digits and ._/- : $1"
  local socket="$1/.s.PGSQL.$port"
  ((${#socket} <= 107)) || die "the cluster's directory is too long for a Unix socket path: $1"
}

start() {
  local dir=${1:-}
  if [ -z "$dir" ]; then dir=$(mktemp -d "${TMPDIR:-/tmp}/casectl-pg.XXXXXX"); fi
  dir=$(cd "$dir" 2>/dev/null && pwd) || die "no such directory: ${1:-}"
  check_dir_name "$dir"
  [ -z "$(ls -A "$dir")" ] || die "the directory $dir is not empty: start a cluster in a new one (or none: start makes one)"
  touch "$dir/$marker"
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    local owner=${CASECTL_TEST_POSTGRES_OS_USER:-postgres}
    id "$owner" >/dev/null 2>&1 || die "no user '$owner' to run the server as (root may not): install postgresql-common (scripts/setup) or set CASECTL_TEST_POSTGRES_OS_USER"
    chown "$owner:" "$dir"
  fi
  local bin
  bin=$(bin_dir)
  clean_environment

  # -N: no fsync of the new files either; C.UTF-8: upper/lower know Cyrillic, order is by code point.
  if ! as_owner "$bin/initdb" -D "$dir/data" -U "$role" -A trust -E UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed in $dir"
  fi
  # Speed over durability: the cluster lives for one test run.
  cat >>"$dir/data/postgresql.conf" <<CONF

# tests/pg/cluster.sh: a throwaway cluster
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  # The role casectl_with_password must give a password (the tests of PGPASSFILE and
  # ~/.pgpass make one); every other role is trusted on the private socket.
  sed -i '1i local all casectl_with_password scram-sha-256' "$dir/data/pg_hba.conf"
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
    cat "$dir/server.log" >&2 2>/dev/null || true
    die "the server did not start in $dir (log above)"
  fi
  "$bin/createdb" -h "$dir" -p "$port" -U "$role" "$database" || die "cannot create the database $database in $dir"
  print_env "$dir"
}

dir_argument() {
  local dir=${1:-${CASECTL_TEST_POSTGRES_DIR:-}}
  [ -n "$dir" ] || die "which cluster? give its directory or set CASECTL_TEST_POSTGRES_DIR"
  echo "$dir"
}

env_of() {
  local dir
  dir=$(dir_argument "${1:-}")
  [ -f "$dir/data/postmaster.pid" ] || die "no cluster running in $dir"
  print_env "$dir"
}

stop() {
  local dir
  dir=$(dir_argument "${1:-}")
  [ -d "$dir" ] || return 0
  if [ ! -f "$dir/$marker" ]; then
    rmdir "$dir" 2>/dev/null || die "not removing $dir: it is not a cluster that tests/pg/cluster.sh started"
    return 0
  fi
  if [ -f "$dir/data/postmaster.pid" ]; then
    local pid
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    clean_environment
    # immediate: the data is thrown away, so there is nothing to shut down cleanly.
    as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 ||
      { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; } || true
    # pg_ctl returns when the pid file is gone; wait (up to 5 s) until the process is gone too,
    # so that `pgrep postgres` right after stop finds nothing.
    local tries=50
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ((tries-- > 0)); do sleep 0.1; done
  fi
  rm -rf "$dir"
}

case ${1:-} in
start) start "${2:-}" ;;
env) env_of "${2:-}" ;;
stop) stop "${2:-}" ;;
*) die "usage: cluster.sh start [DIR] | env [DIR] | stop [DIR]" ;;
esac
