#!/usr/bin/env bash
# The cuda backend on a machine with an NVIDIA GPU, in one run. Results go to
# $OUT (or ./cuda-results); the summary is $OUT/cuda_summary.md.
#
#   OUT=<dir> bash bench/cuda_run.sh   (from anywhere; needs no network; about 3 minutes
#                                       on 16 cores, each step has its own timeout)
#
# Steps, each logged to its own file:
#   1. prerequisites: cmake, a C compiler, ninja or make, libcuda.so.1 (the
#      NVIDIA driver), NVRTC (libnvrtc.so.13/.12); every missing one is named,
#   2. build (own build directory, Release),
#   3. `cuda-wasm devices` (the cuda line must say available),
#   4. rtc-check: NVRTC compiles the whole corpus for the device's sm_XY,
#   5. test_gpu_fake (the backend against a fake driver: a sanity check),
#   6. diff_runner --backend cuda over the whole corpus (tests/kernels and
#      tests/kernels/c_only), compared with the plain-C references,
#   7. a few CLI runs on cuda and cpu: saxpy timing, device printf, assert,
#   8. bench_copy: copy bandwidth with pinned staging off and on, launch overhead,
#   9. bench/cuda/run.sh (cuda backend vs nvcc-built kernels) when nvcc exists,
#  10. the summary ($OUT/cuda_summary.md).
# Exit: 0 when the corpus passes on cuda, 1 on failures, 2 when a
# prerequisite is missing or the build fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
out=${OUT:-$root/cuda-results}
mkdir -p "$out" || { echo "cannot create $out"; exit 2; }
sum=$out/cuda_summary.md
: >"$sum"
say() { echo "$*" | tee -a "$sum"; }
section() { say ""; say "## $*"; }

section "machine"
say "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -srm), $(nproc) cores"
say "- git: $(git -C "$root" log -1 --format='%h %s' 2>/dev/null || echo 'not a git checkout')"
if command -v nvidia-smi >/dev/null 2>&1; then
  say "- nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -1)"
else
  say "- nvidia-smi: not found (not needed, only reported)"
fi
command -v nvcc >/dev/null 2>&1 && say "- nvcc: $(nvcc --version 2>&1 | tail -2 | head -1)"

# ---- 1. prerequisites ----
missing=()
command -v cmake >/dev/null 2>&1 || missing+=("cmake")
cc=${CC:-}
if [ -z "$cc" ]; then for c in cc gcc clang; do command -v $c >/dev/null 2>&1 && { cc=$c; break; }; done; fi
{ [ -n "$cc" ] && command -v "${cc%% *}" >/dev/null 2>&1; } || missing+=("a C compiler (cc, gcc or clang; or set CC)")
gen=(-G Ninja)
command -v ninja >/dev/null 2>&1 || { if command -v make >/dev/null 2>&1; then gen=(); else missing+=("ninja or make"); fi; }

# The runtime finds libcuda.so.1 through the loader's path, $CUDA_PATH and
# /usr/local/nvidia/lib64; look for it here too, so a miss is explained.
find_lib() { # name, dirs...
  local name=$1 d; shift
  local hit; hit=$(ldconfig -p 2>/dev/null | awk -v n="$name" '$1 == n {print $NF; exit}')
  [ -n "$hit" ] && { echo "$hit"; return 0; }
  local lp=${LD_LIBRARY_PATH:-}
  for d in ${lp//:/ } "$@"; do [ -e "$d/$name" ] && { echo "$d/$name"; return 0; }; done
  return 1
}
cuda_home=${CUDA_PATH:-/usr/local/cuda}
if [ -n "${CW_CUDA_LIB:-}" ]; then
  libcuda=$CW_CUDA_LIB
  [ -e "$libcuda" ] || missing+=("libcuda.so.1 at CW_CUDA_LIB=$libcuda")
else
  libcuda=$(find_lib libcuda.so.1 /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu /usr/lib64 "$cuda_home/compat") ||
    missing+=("libcuda.so.1 (the NVIDIA driver's library; set CW_CUDA_LIB to its path)")
fi
nvrtc=""
for n in libnvrtc.so.13 libnvrtc.so.12 libnvrtc.so; do
  nvrtc=$(find_lib "$n" "$cuda_home/lib64" "$cuda_home/lib" /usr/local/cuda/lib64 /usr/local/cuda-*/lib64) && break
done
[ -n "$nvrtc" ] || missing+=("NVRTC (libnvrtc.so.13 or .12 from the CUDA toolkit; set CW_NVRTC_LIB or CUDA_PATH)")
# point the runtime at what was found, unless the user chose already
[ -n "${libcuda:-}" ] && export CW_CUDA_LIB=${CW_CUDA_LIB:-$libcuda}
[ -n "$nvrtc" ] && export CW_NVRTC_LIB=${CW_NVRTC_LIB:-$nvrtc}
say "- libcuda: ${libcuda:-MISSING}; NVRTC: ${nvrtc:-MISSING}"
if [ ${#missing[@]} -gt 0 ]; then
  for m in "${missing[@]}"; do say "- MISSING: $m"; done
  exit 2
fi

# ---- 2. build ----
b=${CW_BUILD_DIR:-/tmp/cw-cuda-build}
section "build ($b)"
if ! { CC=$cc cmake -S "$root" -B "$b" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >"$out/build.txt" 2>&1 &&
  cmake --build "$b" -j "$(nproc)" --target cuda-wasm diff_runner rtc-check test_gpu_fake bench_copy \
    >>"$out/build.txt" 2>&1; }; then
  say "build FAILED (last lines of $out/build.txt):"
  tail -30 "$out/build.txt" | tee -a "$sum"
  exit 2
fi
say "ok"
# a fresh kernel cache (outside $OUT), so that every module really goes through NVRTC
export XDG_CACHE_HOME=${TMPDIR:-/tmp}/cw-cuda-cache.$$
rm -rf "$XDG_CACHE_HOME"

# ---- 3. devices ----
section "cuda-wasm devices"
timeout 120 "$b/cuda-wasm" devices >"$out/devices.txt" 2>&1
sed 's/^/    /' "$out/devices.txt" | tee -a "$sum"
if ! grep -q '^cuda *available' "$out/devices.txt"; then
  say "the cuda backend did not open (the cuda line says why); stopping"
  exit 1
fi
arch=$(sed -n 's/^cuda *available:.*code for \(sm_[0-9]*\).*/\1/p' "$out/devices.txt")
[ -n "$arch" ] || arch=sm_90

# ---- 4. NVRTC over the corpus ----
section "rtc-check: NVRTC, $arch"
timeout 120 "$b/tests/rtc-check" --arch "$arch" --xfail cg_meta_group.cu "$root/tests/kernels" >"$out/rtc_check.txt" 2>&1
say "$(tail -1 "$out/rtc_check.txt") (details: rtc_check.txt)"

# ---- 5. fake-driver test ----
section "test_gpu_fake"
timeout 60 "$b/tests/test_gpu_fake" >"$out/test_gpu_fake.txt" 2>&1
say "$(tail -1 "$out/test_gpu_fake.txt")"

# ---- 6. the corpus on cuda ----
section "diff_runner --backend cuda"
timeout 300 "$b/tests/diff_runner" --backend cuda >"$out/diff_cuda.txt" 2>&1
drc=$?
grep '^on cuda' "$out/diff_cuda.txt" | tee -a "$sum"
say ""
say "| kernel | result |"
say "|---|---|"
grep -E '^[^ ]+ +cuda +' "$out/diff_cuda.txt" | grep -v ' ok$' |
  awk '{k=$1; $1=""; $2=""; sub(/^ +/, ""); printf "| `%s` | %s |\n", k, $0}' | tee -a "$sum"
say ""
say "$(grep -E '^(skipped|diff):' "$out/diff_cuda.txt" | tr '\n' ' ') (exit $drc; every kernel: diff_cuda.txt)"

# ---- 7. CLI runs ----
section "cuda-wasm run"
run() { # label, args...
  local label=$1; shift
  echo "\$ cuda-wasm $*" >>"$out/cli.txt"
  timeout 120 "$b/cuda-wasm" "$@" >>"$out/cli.txt" 2>&1
  local rc=$?
  echo "(exit $rc)" >>"$out/cli.txt"
  say "- $label: exit $rc"
}
n=16777216
sax=(run tests/kernels/saxpy.cu --kernel saxpy --grid $(((n + 255) / 256)) --block 256 --repeat 20)
saxargs=(-- i32:$n f32:2.5 "f32[$n]:rand(1)" "f32[$n]:rand(2)")
run "saxpy 16M on cuda" "${sax[@]}" --backend cuda "${saxargs[@]}"
run "saxpy 16M on cpu" "${sax[@]}" --backend cpu "${saxargs[@]}"
grep -E '^(backend|time|arg)' "$out/cli.txt" | sed 's/^/    /' | tee -a "$sum"
printf 'checksums of arg3 must agree between the two runs above\n' | tee -a "$sum"
run "device printf (print_saxpy)" run tests/kernels/print_saxpy.cu --backend cuda --kernel print_saxpy \
  --grid 2 --block 256 -- f32:2.5 "f32[512]:iota" "f32[512]:fill(1)" i32:512
say "(the printf lines are in cli.txt; on cuda they come from the driver on stdout)"
cat >"$out/assert_fail.cu" <<'CU'
#include <assert.h>
__global__ void must_fail(const int *p) { assert(p[threadIdx.x] < 0); }
CU
run "device assert (must exit 1 with CW_ERROR_ASSERT's message)" run "$out/assert_fail.cu" --backend cuda \
  --kernel must_fail --grid 1 --block 4 -- "i32[4]:iota"
tail -4 "$out/cli.txt" | sed 's/^/    /' | tee -a "$sum"
section "copies and launch overhead (bench_copy): pinned staging off, then on"
for stg in 0 1; do
  CW_GPU_STAGING=$stg timeout 120 "$b/bench/bench_copy" --backend cuda >"$out/bench_copy_staging$stg.txt" 2>&1
  grep -E 'MiB|empty|STAGING' "$out/bench_copy_staging$stg.txt" | sed 's/^/    /' | tee -a "$sum"
done
say "(staging stays off by default unless these numbers say otherwise: docs/backends.md §4)"

section "bench/cuda/run.sh: the cuda backend vs the same kernels built by nvcc"
if command -v nvcc >/dev/null 2>&1 || [ -x /usr/local/cuda/bin/nvcc ]; then
  timeout 240 bash "$root/bench/cuda/run.sh" "$b" >"$out/bench_vs_native.txt" 2>&1
  say "exit $?:"
  sed 's/^/    /' "$out/bench_vs_native.txt" | tail -25 | tee -a "$sum"
else
  say "skipped: nvcc not found"
fi

section "files"
say "$(cd "$out" && ls | tr '\n' ' ')"
rm -rf "$XDG_CACHE_HOME"
[ "$drc" -eq 0 ] && exit 0
exit 1
