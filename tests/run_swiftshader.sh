#!/usr/bin/env bash
# Runs a WebGPU test command on SwiftShader (the Vulkan ICD that Debian's
# chromium package ships) instead of lavapipe.
#
#   run_swiftshader.sh CUDA_WASM COMMAND ARGS...
#
# Sets VK_ICD_FILENAMES to SwiftShader's ICD (override the path with
# CW_SWIFTSHADER_ICD), checks with `CUDA_WASM devices` that the webgpu
# backend really opens SwiftShader (so a Vulkan loader that ignores the
# variable cannot make this a second lavapipe run), prints that adapter, then
# runs COMMAND and exits with its status.
# Exit 77 (skip) when the ICD file is missing, except with CI=true, where that
# is a failure (scripts/install-deps.sh installs chromium).
set -u
cw=${1:?usage: run_swiftshader.sh CUDA_WASM COMMAND ARGS...}
shift
[ $# -gt 0 ] || { echo "usage: run_swiftshader.sh CUDA_WASM COMMAND ARGS..." >&2; exit 2; }
icd=${CW_SWIFTSHADER_ICD:-/usr/lib/chromium/vk_swiftshader_icd.json}

missing() {
  if [ "${CI:-}" = true ]; then
    echo "swiftshader: $1 (CI=true: failing; scripts/install-deps.sh installs chromium)"
    exit 1
  fi
  echo "swiftshader: $1; skipped"
  exit 77
}

[ -f "$icd" ] || missing "no SwiftShader Vulkan ICD at $icd (Debian package chromium)"
export VK_ICD_FILENAMES=$icd
unset VK_DRIVER_FILES # newer loaders prefer it over VK_ICD_FILENAMES

line=$("$cw" devices | grep '^webgpu ')
echo "swiftshader: $line"
case $line in
  *"available: SwiftShader"*) ;;
  *unavailable*) missing "the webgpu backend cannot open SwiftShader (${line#*unavailable: })" ;;
  *)
    echo "swiftshader: FAIL: VK_ICD_FILENAMES=$icd but the webgpu backend opened another adapter"
    exit 1
    ;;
esac
"$@"
