#!/usr/bin/env bash
# WebGPU runtime backend: launch overhead and bandwidth (bench_webgpu.c).
#   bench/webgpu/run.sh [BUILD_DIR] [bench_webgpu options: -n FLOATS -r LAUNCHES --lib PATH]
# On a CPU adapter (lavapipe) the numbers are CPU numbers. On an NVIDIA
# machine see ../shared/WEBGPU.md for the Vulkan loader setup
# (VK_DRIVER_FILES=.../nvidia_icd.json).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
exe=$build/bench/bench_webgpu
if [ ! -x "$exe" ]; then
  echo "no $exe: build first (cmake --build $build --target bench_webgpu)" >&2
  exit 1
fi
echo "== bench_webgpu ($(date -u +%Y-%m-%dT%H:%MZ), $(uname -m), $(nproc) cores)"
"$exe" "$@"
