#!/usr/bin/env bash
# cuda-wasm's cuda backend vs the same kernels built by nvcc, side by side in
# one process (bench_vs_native.cu). Needs an NVIDIA GPU, its driver and the
# CUDA toolkit (nvcc).
#   bench/cuda/run.sh [BUILD_DIR]        (BUILD_DIR holds libcudawasm.a; default build/)
#   BUILD_ONLY=1 bench/cuda/run.sh       (compile and link only: works without a GPU)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
lib=$build/libcudawasm.a
[ -f "$lib" ] || { echo "no $lib: build first (cmake --build $build)" >&2; exit 1; }
nvcc=${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}
[ -x "$nvcc" ] || { echo "nvcc not found (set NVCC)" >&2; exit 1; }
arch=${CUDA_ARCH:-sm_90}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exe=$tmp/bench_vs_native
# The archive holds the embedded C compiler's glue only where libtcc was found.
libs=(-ldl -lpthread -lm)
if ar t "$lib" | grep -qx 'tcc.c.o'; then libs+=(-ltcc); fi
"$nvcc" -O3 -arch="$arch" "$root/bench/cuda/bench_vs_native.cu" -I"$root/include" -I"$root/bench/cuda" \
  "$lib" "${libs[@]}" -o "$exe"
[ -n "${BUILD_ONLY:-}" ] && { echo "built bench_vs_native"; exit 0; }
echo "== bench_vs_native ($(date -u +%Y-%m-%dT%H:%MZ), $arch, $(nproc) cores)"
"$exe" "$root/bench/cuda/kernels.cu"
