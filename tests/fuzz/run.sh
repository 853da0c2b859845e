#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) in build-fuzz with clang, then runs each
# for SECONDS (default 25) on a copy of its seed corpus (tests/fuzz/corpus/NAME; the repository's
# corpus never grows). Exits 1 when any harness crashes, leaks, breaks an invariant or times out;
# the input that did it is saved as tests/fuzz/crashes/NAME-crash-... (or leak-, timeout-), and
#   build-fuzz/fuzz_NAME tests/fuzz/crashes/NAME-crash-...
# runs it again. Prints each harness's executions and coverage.
# Usage: tests/fuzz/run.sh [SECONDS] [NAME...]     (names: csv intake_records date search_key
#                                                  config assessment templates; default all)
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-25}
shift || true
all=(csv intake_records date search_key config assessment templates)
names=("${@:-${all[@]}}")
build=build-fuzz
crashes=tests/fuzz/crashes

# Configured once; later runs only rebuild what changed.
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCASECTL_FUZZ=ON -DCASECTL_TESTS=OFF >&2
fi
cmake --build "$build" --target fuzzers -j "$(nproc)" >&2

mkdir -p "$crashes"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=()
for name in "${names[@]}"; do
  corpus="$work/corpus-$name"
  cp -r "tests/fuzz/corpus/$name" "$corpus"
  log="$work/$name.log"
  # -max_len=4096: inputs of a realistic size. Unbounded line and field sizes (a file of
  # /dev/zero) are a known class that the hardening branch bounds in the readers; a fuzzer
  # allowed megabytes would only find that again.
  # -timeout=10: one input that takes longer is a hang (a failure, saved as timeout-...).
  # -rss_limit_mb=2048: more memory than that is a failure too (saved as oom-...).
  if "$build/fuzz_$name" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$crashes/$name-" >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$name")
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' || true)
  printf 'fuzz_%-15s %-6s %10s runs in %ss  %s\n' "$name" "$status" "${runs:-?}" "$seconds" "$coverage"
  if [ "$status" = FAILED ]; then
    grep -E 'ERROR|runtime error|fuzz invariant|Test unit written|SUMMARY' "$log" | head -20 | sed 's/^/    /'
    echo "    reproduce: $build/fuzz_$name $(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} harness(es) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#names[@]} harnesses ran ${seconds}s clean" >&2
