#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset fuzz: Debian's clang++-14, address and undefined-
# behaviour sanitizers) and runs each for SECONDS on its corpus, one after the other, niced.
#
#   scripts/fuzz.sh [--build-only | --no-build] [SECONDS] [TARGET ...]
#
# SECONDS defaults to 60; TARGETs default to all (the folders of tests/fuzz/corpus/). Each target
# starts from its seed corpus tests/fuzz/corpus/<target>/ and keeps what it learns in
# build/fuzz/corpus/<target>/ (so later runs go deeper). A crash, sanitizer report, uncaught
# exception, input slower than 10 s or above 2 GB of memory stops the target and leaves the input
# in build/fuzz/artifacts/<target>/; the script then exits 1 and names it. Logs: build/fuzz/logs/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=1 run=1
case "${1:-}" in
    --build-only) run=0; shift ;;
    --no-build) build=0; shift ;;
esac
seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    for d in tests/fuzz/corpus/*/; do targets+=("$(basename "$d")"); done
fi

if [[ $build -eq 1 ]]; then
    command -v clang++-14 >/dev/null ||
        { echo "fuzz: clang++-14 not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }
    cmake --preset fuzz >/dev/null
    nice -n 19 cmake --build --preset fuzz -j2
fi
[[ $run -eq 1 ]] || exit 0

out=build/fuzz
mkdir -p "$out/logs"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/swsim-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=()
for t in "${targets[@]}"; do
    bin="$out/tests/fuzz/fuzz_$t"
    [[ -x $bin && -d tests/fuzz/corpus/$t ]] || { echo "fuzz: no target '$t' (built? seeds in tests/fuzz/corpus/$t?)" >&2; exit 1; }
    case $t in
        scenario | sweep) max_len=16384 ;;
        *_csv) max_len=32768 ;;
        *) max_len=100000 ;;
    esac
    mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
    log="$out/logs/$t.log"
    status=0
    TMPDIR=$tmp nice -n 19 "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -print_final_stats=1 -artifact_prefix="$out/artifacts/$t/" \
        "$out/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [[ $status -ne 0 ]]; then
        failed+=("$t")
        echo "fuzz: $t: FAILED (exit $status) after ${runs:-?} runs; input in $out/artifacts/$t/, log $log" >&2
        grep -m5 -E "ERROR|SUMMARY|deadly|timeout|out-of-memory|terminate" "$log" >&2 || true
    else
        echo "fuzz: $t: ${runs:-?} runs in ${seconds} s, no finding (corpus $(ls "$out/corpus/$t" | wc -l) inputs)"
    fi
done
[[ ${#failed[@]} -eq 0 ]] || { echo "fuzz: findings in: ${failed[*]}" >&2; exit 1; }
