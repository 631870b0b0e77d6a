#!/usr/bin/env bash
# Runs libFuzzer targets built by the `fuzz` preset.
#   tools/fuzz.sh SECONDS [TARGET...]     (default: every target, one after another)
# The growing corpus lives in build/fuzz/corpus/<target>; inputs that crash,
# leak or time out are written to build/fuzz/artifacts/<target>/ and make the
# script fail. Copy such an input to tests/fuzz/regressions/<target>/ once
# fixed: the test suite replays that directory.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: tools/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(document tenant graph duration capi diff)
bin=build/fuzz/tests/fuzz

declare -A seeds=(
  [document]="examples/dpas tests/hostile"
  [tenant]="examples/tenants tests/fuzz/seeds/tenant"
  [graph]="examples/graphs tests/fuzz/seeds/graph"
  [duration]="tests/fuzz/seeds/duration"
  [capi]="tests/fuzz/seeds/capi"
  [diff]="tests/fuzz/seeds/diff"
)

status=0
for t in "${targets[@]}"; do
  [ -x "$bin/fuzz_$t" ] || { echo "fuzz.sh: $bin/fuzz_$t missing: cmake --preset fuzz && cmake --build --preset fuzz" >&2; exit 2; }
  corpus=build/fuzz/corpus/$t artifacts=build/fuzz/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  regressions=()
  [ -d "tests/fuzz/regressions/$t" ] && regressions=("tests/fuzz/regressions/$t")
  echo "==> fuzz_$t for ${seconds}s"
  # -timeout=1: an input that keeps the library busy for more than a second is a finding.
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$bin/fuzz_$t" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=65536 \
      -dict=tests/fuzz/dpa.dict -artifact_prefix="$artifacts/" -print_final_stats=1 \
      "$corpus" ${seeds[$t]} "${regressions[@]}" >"build/fuzz/$t.log" 2>&1; then
    echo "fuzz_$t: FAILED (see build/fuzz/$t.log and $artifacts/)" >&2
    tail -40 "build/fuzz/$t.log" >&2
    status=1
  else
    grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "build/fuzz/$t.log" | tr '\n' ' '
    echo
  fi
done
exit $status
