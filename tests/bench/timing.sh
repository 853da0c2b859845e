# shellcheck shell=bash
# Timing helpers for the benchmarks; sourced, not run. RUNS: how many runs a median takes.

# median_ms CMD...: runs the command RUNS times (output discarded), prints the median in ms.
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

# max_rss_kb CMD...: the command's peak memory (max RSS) in KiB, output discarded.
max_rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
