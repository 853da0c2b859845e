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
