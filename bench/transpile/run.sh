#!/usr/bin/env bash
# Transpile speed, side by side with `nvcc -ptx` on the same files.
#   bench/transpile/run.sh [BUILD_DIR]
# Prints: per-kernel in-process median (WGSL and C), whole-process time of
# `cuda-wasm transpile` for one kernel, and nvcc -ptx whole-process times.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
cw=$build/cuda-wasm
bt=$build/bench/bench_transpile
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
arch=${NVCC_ARCH:-sm_90}
files=("$root"/tests/kernels/*.cu)
echo "== in-process: median time per corpus kernel (${#files[@]} files)"
"$bt" -r 21 -I "$root/tests/kernels" "${files[@]}" | tail -n 1

ms() { # median whole-process wall time (ms) of a command over N runs; fails if the command does
  local n=$1; shift
  local t=()
  for ((i = 0; i < n; i++)); do
    local s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; return 1; }
    local e=$(date +%s%N)
    t+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

one=$root/tests/kernels/saxpy.cu
[ -f "$one" ] || one=${files[0]}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== whole process, one kernel ($(basename "$one")), median of 21 runs"
echo "process start floor (/bin/true):   $(ms 21 /bin/true) ms"
cw_ms=$(ms 21 "$cw" transpile "$one" -o "$tmp/o.wgsl")
echo "cuda-wasm transpile --target wgsl: ${cw_ms} ms"
cwc_ms=$(ms 21 "$cw" transpile "$one" --target c -o "$tmp/o.c")
echo "cuda-wasm transpile --target c:    ${cwc_ms} ms"
if [ -x "$nvcc" ]; then
  nv_ms=$(ms 5 "$nvcc" -ptx -arch=$arch -I "$root/tests/kernels" "$one" -o "$tmp/o.ptx")
  echo "nvcc -ptx:                         ${nv_ms} ms"
  awk -v a="$cw_ms" -v b="$nv_ms" 'BEGIN {printf "ratio nvcc/cuda-wasm (whole process): %.0fx\n", b/a}'
  # nvcc over the whole corpus: total time, to set the per-kernel figures side by side.
  s=$(date +%s%N)
  nvfail=0
  for f in "${files[@]}"; do "$nvcc" -ptx -arch=$arch -I "$root/tests/kernels" "$f" -o "$tmp/o.ptx" >/dev/null 2>&1 || nvfail=$((nvfail + 1)); done
  e=$(date +%s%N)
  awk -v t=$(( (e - s) / 1000 )) -v n=${#files[@]} -v f=$nvfail 'BEGIN {printf "nvcc -ptx mean per corpus file (whole process): %.1f ms (%d of %d files failed)\n", t/1000/n, f, n}'
else
  echo "nvcc not found at $nvcc: no side-by-side figure"
fi
