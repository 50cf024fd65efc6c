#!/bin/sh
# Builds and runs bench_cpu (the cpu backend vs hand-written C). Usage:
#   bench/cpu/run.sh [threads]        (BUILD=/path/to/build-dir to reuse a build)
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-/tmp/cw-bench-cpu}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target bench_cpu >/dev/null
exec "$build/bench/bench_cpu" "$@"
