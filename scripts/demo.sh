#!/usr/bin/env bash
# Quick start, step 1: installs what is missing, builds, and shows the demo:
# examples/saxpy.cu transpiled to WGSL (then compiled by Tint through Dawn on
# the best WebGPU adapter found) and to C (then compiled by the system cc).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo
echo "== cuda-wasm transpile examples/saxpy.cu --target wgsl"
build/cuda-wasm transpile examples/saxpy.cu -o "$out/saxpy.wgsl" --emit-metadata "$out/saxpy.json"
cat "$out/saxpy.wgsl"
echo
echo "== WGSL compiled by Tint (Dawn) into a compute pipeline"
build/tests/tools/wgsl-check --block 256,1,1 "$out/saxpy.wgsl"
echo
echo "== cuda-wasm transpile examples/saxpy.cu --target c, compiled by cc"
build/cuda-wasm transpile examples/saxpy.cu --target c -o "$out/saxpy.c"
cc -std=c11 -O2 -Wall -Werror -c "$out/saxpy.c" -o "$out/saxpy.o"
echo "ok: $(wc -l < "$out/saxpy.c") lines of C compiled"
echo
echo "Running kernels (cuda-wasm run) arrives with the runtime; see README."
