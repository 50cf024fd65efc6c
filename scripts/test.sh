#!/usr/bin/env bash
# The project's test command (README, CI): three builds, all tests.
#   1. build/       gcc, -DCW_WERROR=ON, ctest
#   2. build-asan/  -DCW_SANITIZE=ON (ASan+UBSan), ctest
#   3. build-fuzz/  clang -DCW_FUZZ=ON, fuzz/run.sh when it exists
# Prints a summary; exits non-zero if any step failed. Dependencies come from
# scripts/install-deps.sh. Set JOBS to change build parallelism.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
results=()
status=0

step() { # step NAME COMMAND...
  local name=$1
  shift
  echo
  echo "==== $name"
  local t0=$SECONDS
  if "$@"; then
    results+=("ok    $name ($((SECONDS - t0)) s)")
  else
    results+=("FAIL  $name ($((SECONDS - t0)) s)")
    status=1
  fi
}

build_and_test() { # build_and_test DIR CMAKE_ARGS...
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja "$@" &&
    cmake --build "$dir" -j "$jobs" &&
    (cd "$dir" && ctest --output-on-failure -j2)
}

step "build + ctest (build/, -Werror)" build_and_test build -DCW_WERROR=ON
step "build + ctest (build-asan/, ASan+UBSan)" build_and_test build-asan -DCW_SANITIZE=ON -DCW_WERROR=ON

fuzz() {
  if ! command -v clang >/dev/null 2>&1; then
    echo "clang not found: cannot build the fuzzers"
    return 1
  fi
  CC=clang cmake -S . -B build-fuzz -G Ninja -DCW_FUZZ=ON -DBUILD_TESTING=OFF &&
    cmake --build build-fuzz -j "$jobs" || return 1
  if [ -x fuzz/run.sh ]; then
    fuzz/run.sh build-fuzz
  elif [ -f fuzz/run.sh ]; then
    bash fuzz/run.sh build-fuzz
  else
    echo "fuzz/run.sh not present: fuzzers built, not run"
  fi
}
step "fuzz (build-fuzz/, clang)" fuzz

echo
echo "==== summary"
for r in "${results[@]}"; do echo "  $r"; done
if [ $status -eq 0 ]; then echo "test.sh: all passed"; else echo "test.sh: FAILED"; fi
exit $status
