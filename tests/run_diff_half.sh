#!/usr/bin/env bash
# Runs the half kernels of the corpus (files with <cuda_fp16.h>) on the webgpu
# backend with the f16 mode forced by CW_WEBGPU_F16, after checking that the
# device description says that mode was taken.
#
#   run_diff_half.sh MODE CUDA_WASM DIFF_RUNNER
#
# MODE 1: native f16 for add/sub/mul/div (and the __half2 forms), fma in the
# exact f32 code; MODE 0: the exact f32 code for all. (Mode 2, native fma
# too, is wrong on lavapipe, whose f16 fma rounds twice: the probe says so,
# unit_test_half_webgpu.) Exit 77 without WebGPU (outside CI).
set -u
mode=${1:?usage: run_diff_half.sh MODE CUDA_WASM DIFF_RUNNER}
cw=${2:?usage}
runner=${3:?usage}
here=$(cd "$(dirname "$0")" && pwd)
export CW_WEBGPU_F16=$mode

line=$("$cw" devices 2>/dev/null | grep '^webgpu ')
echo "$line"
case $line in
  *"webgpu   available"*) ;;
  *) if [ "${CI:-}" = true ]; then echo "webgpu unavailable in CI"; exit 1; fi; exit 77 ;;
esac
case $mode in
  0) want="half: f32 (CW_WEBGPU_F16=0)" ;;
  1) want="half: f16, fma in f32 (CW_WEBGPU_F16=1, not probed)" ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
if [[ $line != *"$want"* ]]; then
  echo "FAIL: the device does not say '$want'"
  exit 1
fi

fail=0
n=0
for f in $(grep -l '#include <cuda_fp16.h>' "$here"/kernels/*.cu); do
  for k in $(sed -n 's#^// kernel: \([A-Za-z0-9_]*\).*#\1#p' "$f"); do
    n=$((n + 1))
    out=$("$runner" --backend webgpu --kernel "$k" "$here/kernels" 2>&1) || fail=$((fail + 1))
    printf '%s\n' "$out" | grep -E "^$k[[:space:]]"
  done
done
echo "diff_webgpu_f16 (CW_WEBGPU_F16=$mode): $((n - fail)) passed, $fail failed"
[ "$n" -gt 0 ] && [ "$fail" -eq 0 ]
