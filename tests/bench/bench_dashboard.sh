#!/usr/bin/env bash
# The year's dashboard on a store of N generated cases (default 1,000,000): `report kpi --period
# 2026 --compare year --template dashboard.html` against the reports it is made of, run one after
# the other as JSON (kpi of the year against 2025, caseload by month of each year, caseload by
# district, outcomes of each year). The dashboard also counts the first assessments of each of the
# 24 months, which no report prints alone. Prints a Markdown table of median wall and CPU times
# over RUNS runs (default 5, the two sides alternating) and the peak memory of each. First checks
# that the dashboard draws the figures the reports print (families per month of both years) and
# exits 1 if they differ.
#   usage: tests/bench/bench_dashboard.sh [path/to/casectl] [N]
# STORE=FILE keeps the generated store there and reuses it (generate_store.sh takes minutes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="$(realpath "${1:-$here/../../build/casectl}")"
n="${2:-1000000}"
export RUNS="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="${STORE:-$work/cases.db}"
export CASECTL_DB="$store" HOME="$work" XDG_CONFIG_HOME="$work/config" CASECTL_TODAY=2026-11-20
unset CASECTL_CONFIG

# shellcheck source=tests/bench/timing.sh
. "$here/timing.sh"
use_store "$casectl" "$store" "$n"

dashboard() { "$casectl" report kpi --period 2026 --compare year --template dashboard.html; }
reports() {
  "$casectl" report kpi --period 2026 --compare year -o json
  "$casectl" report caseload --period 2026 --by month -o json
  "$casectl" report caseload --period 2025 --by month -o json
  "$casectl" report caseload --period 2026 --by district -o json
  "$casectl" report outcomes --period 2026 -o json
  "$casectl" report outcomes --period 2025 -o json
}

# The same figures: the families drawn per month (2025 then 2026) = report caseload --by month.
dashboard >"$work/dashboard.html"
drawn=$(python3 "$here/../e2e/check_charts.py" "$work/dashboard.html" --values 'Семей на сопровождении' | sort -s -n -k1,1 | awk '{ print $3 }' |
  paste -sd' ')
counted=$(for y in 2025 2026; do "$casectl" report caseload --period $y --by month -o json | jq -r '.[].families'; done | paste -sd' ')
if [ "$drawn" != "$counted" ]; then
  printf 'bench_dashboard: the dashboard draws other figures than the reports count:\n  drawn:   %s\n  counted: %s\n' "$drawn" \
    "$counted" >&2
  exit 1
fi

# time_run FUNCTION: "WALL_S CPU_S MAX_RSS_KB" of one run.
time_run() {
  export -f "$1" dashboard reports
  export casectl
  /usr/bin/time -f '%e %U %S %M' bash -c "$1 >/dev/null" 2>&1 | tail -1 | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}
median() { sort -n | sed -n "$(((RUNS + 1) / 2))p"; }

for _ in $(seq "$RUNS"); do
  time_run dashboard >>"$work/a"
  time_run reports >>"$work/b"
done
row() { # row NAME FILE
  printf '| %s | %s s | %s s | %s MB |\n' "$1" "$(cut -d' ' -f1 "$2" | median)" "$(cut -d' ' -f2 "$2" | median)" \
    "$(($(cut -d' ' -f3 "$2" | sort -n | tail -1) / 1024))"
}
echo "| $n cases, median of $RUNS | wall | CPU | peak memory |"
echo "|---|---|---|---|"
row "dashboard.html (one process)" "$work/a"
row "the six reports (six processes)" "$work/b"
awk -v a="$(cut -d' ' -f2 "$work/a" | median)" -v b="$(cut -d' ' -f2 "$work/b" | median)" \
  'BEGIN { printf "\nCPU ratio dashboard / reports: %.2f\n", a / b }'
