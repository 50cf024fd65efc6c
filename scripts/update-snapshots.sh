#!/usr/bin/env bash
# Regenerates tests/snapshots/NAME.{wgsl,c,ir} from NAME.cu with the built CLI.
# Review the diff (git diff tests/snapshots) before committing.
#
#   scripts/update-snapshots.sh [BUILD_DIR]     (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
cw=$build/cuda-wasm
if [ ! -x "$cw" ]; then
  echo "update-snapshots: $cw not found; build first (cmake --build $build)" >&2
  exit 1
fi
cd "$root/tests/snapshots"
n=0
for f in *.cu; do
  [ -e "$f" ] || continue
  name=${f%.cu}
  "$cw" transpile "$f" --target wgsl -o "$name.wgsl"
  "$cw" transpile "$f" --target c -o "$name.c"
  "$cw" transpile "$f" --target wgsl --emit-ir -o "$name.ir"
  echo "updated $name.{wgsl,c,ir}"
  n=$((n + 1))
done
echo "update-snapshots: $n snapshot(s) regenerated"
