#!/usr/bin/env bash
# Runs the front-end fuzzer for a bounded time from a seed corpus made of the
# project's own kernels and negative inputs.
#   fuzz/run.sh BUILD_DIR [SECONDS]    (BUILD_DIR configured with clang and -DCW_FUZZ=ON)
set -euo pipefail
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS]}
secs=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
seeds=$build/fuzz-seeds
work=$build/fuzz-corpus
mkdir -p "$seeds" "$work"
find "$root/tests/kernels" "$root/tests/negative" -name '*.cu' -exec cp {} "$seeds/" \;
echo "fuzz: $(ls "$seeds" | wc -l) seed files, ${secs}s"
# -timeout: one input taking over 10 s is a hang; -rss_limit_mb guards runaway memory.
"$build/fuzz/fuzz_transpile" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
  -max_len=16384 -print_final_stats=1 "$work" "$seeds" 2>&1 | tail -n 25
echo "fuzz: passed (no crash, hang or sanitizer report in ${secs}s)"
