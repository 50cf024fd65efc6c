#!/usr/bin/env bash
# Everything measured on the GPU machine (device tool), in one run, results to
# $OUT (or ./gpu-results): devices, the differential corpus on WebGPU over the
# NVIDIA Vulkan driver, WebGPU and native-CUDA benchmarks side by side, and
# the CPU backend benchmark on that machine's cores.
#   bench/gpu_run.sh          (from the repo root; .gl/*.deb and .deps/dawn carried along)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${OUT:-$root/gpu-results}
mkdir -p "$out"
log() { echo "== $*" | tee -a "$out/summary.txt"; }
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
export CUDAWASM_WEBGPU_LIB=$root/.deps/dawn/libwebgpu_wrapper.so
log "machine: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>&1 | head -1), $(nproc) cores"
b=/tmp/cw-build
cmake -S . -B $b -G Ninja -DCMAKE_BUILD_TYPE=Release >"$out/build.txt" 2>&1 &&
  cmake --build $b -j "$(nproc)" >>"$out/build.txt" 2>&1 || { log "build failed"; tail -30 "$out/build.txt"; exit 1; }
log "cuda-wasm devices"
$b/cuda-wasm devices 2>&1 | tee "$out/devices.txt"
log "differential corpus, webgpu backend"
[ -x $b/tests/diff_runner ] && timeout 300 $b/tests/diff_runner --backend webgpu --markdown >"$out/diff_webgpu.md" 2>&1
tail -3 "$out/diff_webgpu.md" 2>/dev/null | tee -a "$out/summary.txt"
log "bench_webgpu (16M floats, 100 launches batched)"
timeout 120 $b/bench/bench_webgpu -n 16777216 -r 100 2>&1 | tee "$out/bench_webgpu.txt"
log "native CUDA (nvcc -O3 -arch=sm_90)"
nvcc -O3 -arch=sm_90 bench/native/native_cuda.cu -o /tmp/native_cuda >/dev/null 2>&1 &&
  /tmp/native_cuda 16777216 100 2>&1 | tee "$out/native.txt"
log "bench_cpu on $(nproc) cores"
[ -x $b/bench/bench_cpu ] && timeout 200 $b/bench/bench_cpu 2>&1 | tee "$out/bench_cpu.txt"
cat "$out"/bench_webgpu.txt "$out"/native.txt >>"$out/summary.txt" 2>/dev/null
exit 0
