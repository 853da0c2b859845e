# shellcheck shell=bash
# Timing helpers for the benchmarks; sourced, not run. RUNS: how many runs a median takes;
# TIMEOUT: the seconds one run may take (default 0, no limit).

# median_ms CMD...: runs the command RUNS times (output discarded), prints the median in ms; a run
# stopped at TIMEOUT prints "> TIMEOUT000" and ends the runs.
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    timeout "${TIMEOUT:-0}" "$@" >/dev/null || if [ $? -eq 124 ]; then echo "> ${TIMEOUT}000" && return; fi
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

# max_rss_kb CMD...: the command's peak memory (max RSS) in KiB, output discarded.
max_rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# use_store CASECTL STORE N: reuses STORE when it holds N cases, else fills it with N generated
# cases (generate_store.sh); says which on stderr. Then opens it once with casectl, so that a
# store from an older casectl is migrated before anything is timed.
use_store() {
  local casectl="$1" store="$2" n="$3"
  if [ -f "$store" ] && [ "$(sqlite3 "$store" 'SELECT count(*) FROM cases' 2>/dev/null)" = "$n" ]; then
    echo "reusing $store ($n cases, $(du -h "$store" | cut -f1))" >&2
  else
    local start
    start=$(date +%s.%N)
    "$(dirname "${BASH_SOURCE[0]}")/generate_store.sh" "$casectl" "$store" "$n"
    echo "generated $n cases in $(echo "$(date +%s.%N) - $start" | bc) s; store $(du -h "$store" | cut -f1)" >&2
  fi
  CASECTL_DB="$store" "$casectl" list --limit 1 >/dev/null
}

# generate_intake_csv N FILE: a CSV in the shape of another register's export, every record distinct.
generate_intake_csv() {
  awk -v n="$1" 'BEGIN {
    split("Семёнова Иванов Ахметов Сапарова Кравченко Омарова Тарасов Жұмабаева Нұрланов Ким", surname, " ");
    split("almaly auezov bostandyk turksib", district, " ");
    split("large-family single-parent elderly-alone domestic-violence child-at-risk palliative", group, " ");
    print "external_id,name,kind,district,address,phone,groups,problems,members,urgency,consent,opened";
    for (i = 1; i <= n; i++) {
      s = surname[i % 10 + 1];
      printf "EXT-%d,%s %d,family,%s,\"ул. Абая, %d, кв. %d\",+7 7%09d,%s,нет работы;долги,\"%s Мать %d;мать;1985-%02d-%02d|%s Сын %d;сын;2015-%02d-%02d\",routine,yes,2026-%02d-%02d\n",
        i, s, i, district[i % 4 + 1], i, i % 97, i, group[i % 6 + 1], s, i, i % 12 + 1, i % 28 + 1, s, i, i % 12 + 1, i % 28 + 1, i % 10 + 1, i % 28 + 1;
    }
  }' > "$2"
}
