#!/usr/bin/env bash
# Golden outputs: for each tests/snapshots/NAME.cu, the files NAME.wgsl, NAME.c
# and NAME.ir next to it must equal fresh output of the CLI (diff -u shown on
# a mismatch). Regenerate them with scripts/update-snapshots.sh.
#
#   run_snapshots.sh CUDA_WASM
set -u
cw=${1:?usage: run_snapshots.sh CUDA_WASM}
case $cw in /*) ;; *) cw=$(pwd)/$cw ;; esac
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/snapshots
work=$(mktemp -d "${TMPDIR:-/tmp}/cw-snap.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass=0
fail=0
shopt -s nullglob
for f in "$dir"/*.cu; do
  name=$(basename "$f" .cu)
  for kind in wgsl c ir; do
    want=$dir/$name.$kind
    got=$work/$name.$kind
    case $kind in
      wgsl) args=(--target wgsl) ;;
      c) args=(--target c) ;;
      ir) args=(--target wgsl --emit-ir) ;;
    esac
    # Run from the snapshot dir so file names in the output are stable.
    if ! (cd "$dir" && "$cw" transpile "$name.cu" "${args[@]}" -o "$got") 2>"$work/err"; then
      echo "FAIL $name.$kind: transpile failed"
      sed 's/^/  | /' "$work/err" | head -20
      fail=$((fail + 1))
      continue
    fi
    if [ ! -f "$want" ]; then
      echo "FAIL $name.$kind: no snapshot (run scripts/update-snapshots.sh)"
      fail=$((fail + 1))
    elif diff -u "$want" "$got" >"$work/diff"; then
      echo "ok   $name.$kind"
      pass=$((pass + 1))
    else
      echo "FAIL $name.$kind: differs from snapshot"
      sed "s#$work/##" "$work/diff" | head -60
      fail=$((fail + 1))
    fi
  done
done
echo "snapshots: $pass passed, $fail failed"
[ $fail -eq 0 ]
