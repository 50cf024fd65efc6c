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
build/tests/wgsl-check --block 256,1,1 "$out/saxpy.wgsl"
echo
echo "== cuda-wasm devices"
build/cuda-wasm devices
echo
echo "== cuda-wasm run: saxpy over 1,000,000 floats on the best available backend"
build/cuda-wasm run examples/saxpy.cu --kernel saxpy --grid 3907 --block 256 --out-dir "$out/run" \
  -- i32:1000000 f32:2 'f32[1000000]:iota' 'f32[1000000]:fill(1)'
# y[i] = 2 * i + 1: check every element independently of cuda-wasm
od -An -v -t f4 -w4 "$out/run/arg3.bin" | awk '
  { want = 2 * (NR - 1) + 1; if ($1 != want) { bad++; if (bad < 4) printf "y[%d] = %s, want %d\n", NR - 1, $1, want } }
  END { if (bad || NR != 1000000) { printf "demo: %d of %d elements wrong\n", bad, NR; exit 1 }
        print "checked: all 1000000 elements of y equal 2*i + 1" }'
