#!/usr/bin/env bash
# Everything this project measures on the NVIDIA GPU machine (device tool), in
# one call of at most ~9 minutes; results to $OUT (or ./gpu-results), at most
# 8 files: build log (only if the build fails), devices, the cuda backend vs
# nvcc benchmark, copies with pinned staging off and on, the corpus
# on the cuda backend, the corpus on webgpu (native subgroups and f16 where the
# probes allow), the warp and half benchmarks, the corpus on webgpu with emulated warps, and
# a summary.
#   bash bench/h100_run.sh      (repo root; .gl/*.deb and .deps/dawn carried)
#   ONLY='corpus|bench_half' BUDGET_S=150 bash bench/h100_run.sh   (a subset of the steps)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${OUT:-$root/gpu-results}
mkdir -p "$out"
sum=$out/summary.txt
log() { echo "== $*" | tee -a "$sum"; }
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
export CUDAWASM_WEBGPU_LIB=$root/.deps/dawn/libwebgpu_wrapper.so
log "machine: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>&1 | head -1), $(nproc) cores, $(git log -1 --format=%h 2>/dev/null)"
b=/tmp/cw-build
t0=$SECONDS
if ! { timeout 150 cmake -S . -B $b -G Ninja -DCMAKE_BUILD_TYPE=Release >"$out/build.txt" 2>&1 &&
       timeout 150 cmake --build $b -j "$(nproc)" >>"$out/build.txt" 2>&1; }; then
  log "build failed"; tail -20 "$out/build.txt" | tee -a "$sum"; exit 1
fi
log "built in $((SECONDS - t0)) s"
rm -f "$out/build.txt" # kept only when the build fails: the files that come back are few
$b/cuda-wasm devices >"$out/devices.txt" 2>&1
cat "$out/devices.txt" | tee -a "$sum"
# Steps stop being started once the call's time is nearly spent ($BUDGET_S,
# counted from the start, default 420 s), so what ran comes back whole.
budget=${BUDGET_S:-420}
step() { # step NAME TIMEOUT FILE COMMAND...   (FILE under $out, or an absolute path)
  local name=$1 to=$2 file=$3
  shift 3
  # ONLY (a bash regex over step names) runs a subset, when device time is short
  if [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]]; then log "$name: skipped (ONLY=$ONLY)"; return; fi
  local left=$((budget - SECONDS))
  if [ $left -lt 20 ]; then log "$name: not run (time budget spent)"; return; fi
  [ "$to" -gt $left ] && to=$left
  local t=$SECONDS
  case $file in /*) ;; *) file=$out/$file ;; esac
  timeout "$to" stdbuf -oL -eL "$@" >"$file" 2>&1
  local rc=$?
  log "$name: exit $rc in $((SECONDS - t)) s"
  tail -4 "$file" | tee -a "$sum"
}
step "cuda backend vs nvcc (bench/cuda/run.sh)" 120 bench_cuda.txt env BENCH_DIAG=${BENCH_DIAG:-1} bash bench/cuda/run.sh $b
step "copies: pinned staging off, then on (bench_copy)" 60 bench_copy.txt \
  bash -c "for s in 0 1; do echo \"== CW_GPU_STAGING=\$s\"; CW_GPU_STAGING=\$s $b/bench/bench_copy --backend cuda; done"
step "corpus on cuda" 130 diff_cuda.md $b/tests/diff_runner --backend cuda --markdown
grep -E "FAIL|skip" "$out/diff_cuda.md" | head -20 | tee -a "$sum"
# the PTX path (a GPU newer than NVRTC): the driver compiles compute_90 PTX at load time
step "corpus on cuda from PTX (CW_CUDA_ARCH=compute_90)" 130 /tmp/cw-diff-cuda-ptx.md \
  env CW_CUDA_ARCH=compute_90 $b/tests/diff_runner --backend cuda --markdown
grep -E "FAIL" /tmp/cw-diff-cuda-ptx.md | head -20 | tee -a "$sum"
step "corpus on webgpu" 90 diff_webgpu.md $b/tests/diff_runner --backend webgpu --markdown
grep -E "FAIL" "$out/diff_webgpu.md" | head -20 | tee -a "$sum"
step "bench_warp (subgroups vs emulated), bench_half (f16 vs f32)" 60 bench_warp_half.txt \
  bash -c "$b/bench/bench_warp -n 16777216 -r 50; $b/bench/bench_half -n 4194304 -r 20 -i 64"
step "corpus on webgpu, warps emulated" 60 diff_webgpu_emulated.md env CW_WEBGPU_SUBGROUPS=0 $b/tests/diff_runner --backend webgpu --markdown
grep -E "FAIL" "$out/diff_webgpu_emulated.md" | head -10 | tee -a "$sum"
log "total $((SECONDS - t0)) s"
exit 0
